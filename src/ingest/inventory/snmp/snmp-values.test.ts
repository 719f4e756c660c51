import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterBigInt, displayString, formatMac, ipFromOctets, macAddressOf } from './snmp-values.js';

describe('formatMac', () => {
  it('writes any octets as lower-case hex pairs joined by colons, and reads back to the same octets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 20 }), (octets) => {
        const text = formatMac(octets);
        expect(text).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2})*$/);
        expect(text.split(':').map((pair) => Number.parseInt(pair, 16))).toEqual([...octets]);
      }),
    );
  });

  it('writes a 6-octet ifPhysAddress as aa:bb:cc:dd:ee:ff', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (octets) => {
        fc.pre(octets.some((octet) => octet !== 0));
        expect(macAddressOf(Buffer.from(octets))).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      }),
    );
    expect(macAddressOf(Buffer.from([0x02, 0xfc, 0x00, 0x0a, 0xbc, 0xff]))).toBe('02:fc:00:0a:bc:ff');
  });

  it('has no address for an empty or all-zero ifPhysAddress (loopback, tunnels)', () => {
    expect(macAddressOf(Buffer.alloc(0))).toBeNull();
    expect(macAddressOf(Buffer.alloc(6))).toBeNull();
    expect(macAddressOf(undefined)).toBeNull();
  });
});

describe('varbind values', () => {
  it('reads a Counter64 from its BER content bytes, leading zero octet or not', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (value) => {
        const hex = value.toString(16);
        const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
        const ber =
          bytes[0] !== undefined && bytes[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
        expect(counterBigInt(ber)).toBe(value);
      }),
    );
    expect(counterBigInt(72_635_871)).toBe(72_635_871n);
    expect(counterBigInt(-1)).toBeNull();
  });

  it('reads text, cuts trailing NULs, and shows binary as hex', () => {
    expect(displayString(Buffer.from('it-switch-1\0\0'))).toBe('it-switch-1');
    expect(displayString(Buffer.from('Ethernet1/1 — uplink'))).toBe('Ethernet1/1 — uplink');
    expect(displayString(Buffer.from([0x00, 0x1c, 0x73, 0x01, 0x02, 0x03]))).toBe('00:1c:73:01:02:03');
    expect(displayString(null)).toBe('');
  });

  it('formats 4 and 16 octets as addresses', () => {
    expect(ipFromOctets([192, 0, 2, 2])).toBe('192.0.2.2');
    expect(ipFromOctets([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2])).toBe('fd00::2');
    expect(ipFromOctets([1, 2, 3])).toBeNull();
  });
});
