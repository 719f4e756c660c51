import { describe, expect, it } from 'vitest';
import { addressKey } from './address-key.js';

describe('addressKey', () => {
  it('gives every spelling of one address one key', () => {
    const spellings = ['10.0.0.5', ' 10.0.0.5 ', '10.0.0.5/24', '::ffff:10.0.0.5', '::FFFF:0a00:0005'];
    expect(new Set(spellings.map(addressKey))).toEqual(new Set(['10.0.0.5']));
    expect(addressKey('2001:0DB8:0000:0000:0000:0000:0000:0001/64')).toBe('2001:db8::1');
    expect(addressKey('fe80::1%eth0')).toBe('fe80::1');
  });

  it('refuses what is not an address, and dotted quads with leading zeros', () => {
    for (const text of ['web01', '', '10.0.0', '010.0.0.5', '10.0.0.256']) {
      expect(addressKey(text), text).toBeUndefined();
    }
  });
});
