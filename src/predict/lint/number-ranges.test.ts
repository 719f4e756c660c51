import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NumberRanges, numberRangesCover, numbersIn, parseNumberRanges } from './number-ranges.js';

const ranges = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 20 })).map(([first, width]) => ({
      first: BigInt(first),
      last: BigInt(first + width),
    })),
    { maxLength: 5 },
  )
  .map((list): NumberRanges => list);

describe('number ranges (ports, VLAN ids)', () => {
  it('reads numbers, ranges, lists and wildcards, and refuses the rest', () => {
    const read = (value: Parameters<typeof parseNumberRanges>[0]) => {
      const parsed = parseNumberRanges(value, 0, 65535);
      return parsed && [...numbersIn(parsed, 10)];
    };
    expect(read(443)).toEqual([443]);
    expect(read('80, 443')).toEqual([80, 443]);
    expect(read('8000-8002')).toEqual([8000, 8001, 8002]);
    expect(read([22, '80-81'])).toEqual([22, 80, 81]);
    expect(parseNumberRanges('any', 0, 65535)).toEqual([{ first: 0n, last: 65535n }]);
    for (const bad of ['90-80', '70000', 'http', '', 1.5, -1, true, null]) {
      expect(parseNumberRanges(bad, 0, 65535), JSON.stringify(bad)).toBeUndefined();
    }
    expect(parseNumberRanges(0, 1, 4094)).toBeUndefined();
  });

  it('says a set covers another exactly when every member is in it', () => {
    fc.assert(
      fc.property(ranges, ranges, (cover, target) => {
        const members = numbersIn(cover);
        const expected = [...numbersIn(target)].every((value) => members.has(value));
        expect(numberRangesCover(cover, target)).toBe(expected);
      }),
    );
  });
});
