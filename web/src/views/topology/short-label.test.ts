import { describe, expect, it } from 'vitest';
import { shortLabel } from './short-label';

describe('shortLabel', () => {
  it('drops what the name shares with its box, whatever the separators', () => {
    expect(shortLabel('dc1-a-r01-h01-vm1', 'vm', 'dc1-a-r01-h01')).toBe('vm1');
    expect(shortLabel('dc1-a-r01-h01', 'host', 'dc1/a/r01')).toBe('h01');
    expect(shortLabel('dc1/a/r01-tor-a', 'switch', 'dc1/a/r01')).toBe('tor-a');
  });

  it('names the kind when little is left', () => {
    expect(shortLabel('dc1/a/r01-a', 'pdu', 'dc1/a/r01')).toBe('pdu a');
    expect(shortLabel('dc1/a-1', 'ups', 'dc1/a')).toBe('ups 1');
  });

  it('keeps names that do not extend their box, and top-level names', () => {
    expect(shortLabel('web-01', 'host', 'dc1/a/r01')).toBe('web-01');
    expect(shortLabel('dc1-a-r01', 'rack', 'dc1-a-r01')).toBe('dc1-a-r01');
    expect(shortLabel('dc1', 'site', undefined)).toBe('dc1');
  });
});
