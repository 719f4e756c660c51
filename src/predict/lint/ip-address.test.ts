import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpAddress, isHostLocal } from '../../model/index.js';
import { parseIpAddress } from './ip-address.js';

const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

/** All eight groups written out, zero-padded and upper-case: the least canonical spelling. */
function expanded(value: bigint): string {
  return Array.from({ length: 8 }, (_, index) =>
    ((value >> BigInt(112 - 16 * index)) & 0xffffn).toString(16).padStart(4, '0').toUpperCase(),
  ).join(':');
}

describe('parseIpAddress and formatIpAddress', () => {
  it('reads IPv4 and writes it back', () => {
    expect(parseIpAddress('10.1.2.3')).toEqual({ family: 4, value: 0x0a010203n });
    expect(formatIpAddress({ family: 4, value: 0x0a010203n })).toBe('10.1.2.3');
  });

  it('writes IPv6 as RFC 5952 says', () => {
    const canonical = (text: string) => formatIpAddress(parseIpAddress(text) ?? { family: 4, value: 0n });
    expect(canonical('2001:0DB8:0000:0000:0001:0000:0000:0001')).toBe('2001:db8::1:0:0:1');
    expect(canonical('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(canonical('2001:0db8::0001')).toBe('2001:db8::1');
    expect(canonical('::')).toBe('::');
    expect(canonical('1::')).toBe('1::');
    expect(canonical('fe80::1%eth0')).toBe('fe80::1');
    expect(canonical('64:ff9b::10.0.0.1')).toBe('64:ff9b::a00:1');
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(parseIpAddress('::ffff:10.0.0.1')).toEqual(parseIpAddress('10.0.0.1'));
    expect(parseIpAddress('::FFFF:a00:1')).toEqual(parseIpAddress('10.0.0.1'));
  });

  it('refuses what is not an address', () => {
    for (const text of [
      '',
      '10.0.0',
      '10.0.0.256',
      '010.0.0.1',
      '10.0.0.1.2',
      '1::2::3',
      ':::',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7::8',
      'g::1',
      '12345::',
      '::10.0.0.256',
      'host-a',
    ]) {
      expect(parseIpAddress(text), text).toBeUndefined();
    }
  });

  it('round-trips every IPv4 address', () => {
    fc.assert(
      fc.property(v4, (value) => {
        const text = formatIpAddress({ family: 4, value });
        expect(parseIpAddress(text)).toEqual({ family: 4, value });
      }),
    );
  });

  it('normalises every spelling of an IPv6 address to one text', () => {
    fc.assert(
      fc.property(v6, (value) => {
        fc.pre(value >> 32n !== 0xffffn);
        const canonical = formatIpAddress({ family: 6, value });
        expect(parseIpAddress(canonical)).toEqual({ family: 6, value });
        expect(parseIpAddress(expanded(value))).toEqual({ family: 6, value });
        expect(canonical).toBe(canonical.toLowerCase());
        expect(canonical.split('::').length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('knows loopback, link-local and unspecified addresses', () => {
    const local = (text: string) => isHostLocal(parseIpAddress(text) ?? { family: 4, value: 1n << 31n });
    for (const text of [
      '127.0.0.1',
      '127.8.9.10',
      '169.254.1.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'febf::1',
    ]) {
      expect(local(text), text).toBe(true);
    }
    for (const text of ['10.0.0.1', '169.253.1.1', '128.0.0.1', '2001:db8::1', 'fec0::1', '::2']) {
      expect(local(text), text).toBe(false);
    }
  });
});
