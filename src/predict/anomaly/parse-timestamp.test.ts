import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './parse-timestamp.js';

describe('parseTimestamp', () => {
  it('reads NAB, ISO 8601 and epoch forms', () => {
    const expected = Date.UTC(2014, 1, 19, 10, 50);
    expect(parseTimestamp('2014-02-19 10:50:00')).toBe(expected);
    expect(parseTimestamp('2014-02-19 10:50:00.000000')).toBe(expected);
    expect(parseTimestamp('2014-02-19T10:50:00Z')).toBe(expected);
    expect(parseTimestamp('2014-02-19T12:50:00+02:00')).toBe(expected);
    expect(parseTimestamp('2014-02-19T05:50-0500')).toBe(expected);
    expect(parseTimestamp(String(expected / 1000))).toBe(expected);
    expect(parseTimestamp(String(expected))).toBe(expected);
    expect(parseTimestamp(' 2014-02-19 ')).toBe(Date.UTC(2014, 1, 19));
  });

  it('refuses impossible dates and other text', () => {
    for (const text of ['2014-02-30 10:00:00', '2014-13-01', '2014-02-19 24:00:00', 'yesterday', '', '1e400'])
      expect(parseTimestamp(text)).toBeUndefined();
  });

  it('reads back every ISO string and NAB-style rendering of a date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseTimestamp(iso)).toBe(ms);
        expect(parseTimestamp(iso.replace('T', ' ').replace('Z', ''))).toBe(ms);
        const seconds = Math.floor(ms / 1000);
        expect(parseTimestamp(String(seconds))).toBe(seconds * 1000);
      }),
    );
  });
});
