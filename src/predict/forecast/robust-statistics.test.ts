import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedQuantile } from './robust-statistics.js';

describe('sortedQuantile', () => {
  it('interpolates between neighbours, and takes an infinite value as it is', () => {
    expect(sortedQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    const withNever = [10, 20, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    expect(sortedQuantile(withNever, 0.25)).toBe(20);
    expect(sortedQuantile(withNever, 0.4)).toBe(Number.POSITIVE_INFINITY);
    expect(sortedQuantile(withNever, 0.1)).toBe(14);
    expect(sortedQuantile([], 0.5)).toBeNaN();
  });

  it('stays within the values and never decreases with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, a, b) => {
          const sorted = [...values].sort((x, y) => x - y);
          const [p, q] = a <= b ? [a, b] : [b, a];
          const low = sortedQuantile(sorted, p);
          expect(low).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(low).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
          expect(low).toBeLessThanOrEqual(sortedQuantile(sorted, q) + 1e-9);
        },
      ),
    );
  });
});
