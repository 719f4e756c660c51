import { describe, expect, it } from 'vitest';
import { inPortRanges, parsePortRanges } from './port-ranges.js';

describe('parsePortRanges', () => {
  it('reads Nmap’s <scaninfo services> lists', () => {
    expect(parsePortRanges('1,3-4,65535')).toEqual([
      { from: 1, to: 1 },
      { from: 3, to: 4 },
      { from: 65535, to: 65535 },
    ]);
    expect(inPortRanges(parsePortRanges('1-1024,8080') ?? [], 8080)).toBe(true);
    expect(inPortRanges(parsePortRanges('1-1024,8080') ?? [], 1025)).toBe(false);
  });

  it('refuses what is not a port list: empty, reversed, too high, words', () => {
    for (const text of ['', '5-3', '1-65536', 'T:80', '80,,81', 'http']) {
      expect(parsePortRanges(text), text).toBeUndefined();
    }
  });
});
