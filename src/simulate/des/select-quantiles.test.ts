import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectQuantiles } from './select-quantiles.js';

describe('selectQuantiles', () => {
  it('agrees with sorting', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 500 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const qs = [0, 0.1, 0.5, 0.5, 0.95, 0.99, 1];
        const expected = qs.map(
          (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))],
        );
        expect(selectQuantiles(Float64Array.from(values), qs)).toEqual(expected);
      }),
      { seed: 5 },
    );
    expect(selectQuantiles(new Float32Array(0), [0.5])).toEqual([Number.NaN]);
    expect(() => selectQuantiles(Float64Array.of(1, 2), [0.9, 0.1])).toThrow(RangeError);
  });
});
