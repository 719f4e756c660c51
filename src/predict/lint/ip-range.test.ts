import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyIpRanges,
  formatIpRange,
  type IpRange,
  ipRangesCover,
  parseIpRange,
  rangeOf,
} from './ip-range.js';

const range = (text: string): IpRange => {
  const parsed = parseIpRange(text);
  if (!parsed) throw new Error(`bad range ${text}`);
  return parsed;
};

/** A random block of one family, built from a random address and prefix. */
const block = (family: 4 | 6) =>
  fc
    .record({
      value: fc.bigInt({ min: 0n, max: (1n << (family === 4 ? 32n : 128n)) - 1n }),
      prefix: fc.integer({ min: 0, max: family === 4 ? 32 : 128 }),
    })
    .map(({ value, prefix }) => rangeOf({ family, value }, prefix));

/** Containment the textbook way: the inner prefix is at least as long and agrees on the outer's bits. */
function textbookContains(outer: IpRange, inner: IpRange): boolean {
  const bits = BigInt(outer.family === 4 ? 32 : 128);
  const shift = bits - BigInt(outer.prefix);
  return (
    outer.family === inner.family &&
    inner.prefix >= outer.prefix &&
    inner.first >> shift === outer.first >> shift
  );
}

describe('IP ranges', () => {
  it('reads CIDR blocks, clears host bits and reads bare addresses as /32 or /128', () => {
    expect(formatIpRange(range('10.1.2.3/8'))).toBe('10.0.0.0/8');
    expect(range('10.1.2.3')).toMatchObject({ family: 4, prefix: 32, first: 0x0a010203n, last: 0x0a010203n });
    expect(formatIpRange(range('2001:DB8:1::/32'))).toBe('2001:db8::/32');
    expect(formatIpRange(range('::ffff:10.0.0.0/104'))).toBe('10.0.0.0/8');
    expect(range('::ffff:0:0/80').family).toBe(6);
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/x', '2001:db8::/129', 'any', '10.0.0/8']) {
      expect(parseIpRange(bad), bad).toBeUndefined();
    }
  });

  it('agrees with textbook prefix containment for one covering block, both families', () => {
    for (const family of [4, 6] as const) {
      fc.assert(
        fc.property(block(family), block(family), (outer, inner) => {
          expect(ipRangesCover([outer], [inner])).toBe(textbookContains(outer, inner));
        }),
      );
    }
  });

  it('covers a block with the union of its two halves, and not with one of them', () => {
    fc.assert(
      fc.property(block(4), (whole) => {
        fc.pre(whole.prefix < 32);
        const low = rangeOf({ family: 4, value: whole.first }, whole.prefix + 1);
        const high = rangeOf({ family: 4, value: whole.last }, whole.prefix + 1);
        expect(ipRangesCover([high, low], [whole])).toBe(true);
        expect(ipRangesCover([low], [whole])).toBe(false);
        expect(ipRangesCover([high], [whole])).toBe(false);
      }),
    );
  });

  it('never lets one family cover the other', () => {
    expect(ipRangesCover([range('::/0')], [range('10.0.0.0/8')])).toBe(false);
    expect(ipRangesCover([range('0.0.0.0/0')], [range('2001:db8::/32')])).toBe(false);
    expect(ipRangesCover(anyIpRanges, [range('10.0.0.0/8'), range('2001:db8::/32')])).toBe(true);
  });
});
