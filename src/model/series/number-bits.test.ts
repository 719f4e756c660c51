import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignDown,
  bitLength,
  bitsToFloat,
  floatToBits,
  trailingZeros,
  trailingZeros32,
} from './number-bits.js';

const safeMagnitude = fc.oneof(
  fc.integer({ min: 1, max: 2 ** 31 }),
  fc.integer({ min: 1, max: 2 ** 53 - 1 }),
);

describe('number bits', () => {
  it('measures bit length and trailing zeros of any safe integer as BigInt does (property)', () => {
    fc.assert(
      fc.property(safeMagnitude, fc.integer({ min: 0, max: 52 }), (m, shift) => {
        const x = Math.min(2 ** 53 - 1, m * 2 ** shift);
        if (!Number.isSafeInteger(x)) return;
        const big = BigInt(x);
        expect(bitLength(x)).toBe(big.toString(2).length);
        expect(trailingZeros(x)).toBe(big.toString(2).length - big.toString(2).replace(/0+$/, '').length);
      }),
    );
    expect(bitLength(0)).toBe(0);
    expect(trailingZeros32(0)).toBe(32);
    expect(trailingZeros32(2 ** 31)).toBe(31);
  });

  it('splits and rebuilds any float64 bit for bit (property)', () => {
    const halves = new Uint32Array(2);
    fc.assert(
      fc.property(fc.double(), (x) => {
        floatToBits(x, halves);
        const back = bitsToFloat(halves[0]!, halves[1]!);
        expect(Object.is(back, x) || (Number.isNaN(x) && Number.isNaN(back))).toBe(true);
      }),
    );
    floatToBits(-0, halves);
    expect([halves[0], halves[1]]).toEqual([0x80000000, 0]);
  });

  it('aligns any safe integer down to a period exactly, where the result is a safe integer too (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 3_600_000, max: 2 ** 53 - 1 }),
        fc.constantFrom(1, 7, 15_000, 60_000, 3_600_000),
        (ts, period) => {
          const big = BigInt(ts);
          const p = BigInt(period);
          const expected = big - (((big % p) + p) % p);
          expect(BigInt(alignDown(ts, period))).toBe(expected);
        },
      ),
    );
    expect(alignDown(2 ** 53 - 1, 3_600_000)).toBe(2 ** 53 - 1 - ((2 ** 53 - 1) % 3_600_000));
  });
});
