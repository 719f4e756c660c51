import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, normalQuantile, wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  it('gives the textbook values', () => {
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    // 0 of n: the upper bound is z²/(n + z²) exactly.
    const z = 1.959963984540054;
    expect(none.high).toBeCloseTo((z * z) / (10 + z * z), 14);
    // 99 %: z = 2.5758293035489.
    const wide = wilsonInterval(5, 10, 0.99);
    expect(wide.low).toBeCloseTo(0.1842, 4);
    expect(wide.high).toBeCloseTo(0.8158, 4);
  });

  it('is the formula', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (n, fraction, confidence) => {
          const x = Math.round(fraction * n);
          const z = normalQuantile(0.5 + confidence / 2);
          const p = x / n;
          const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
          const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
          const { low, high } = wilsonInterval(x, n, confidence);
          expect(low).toBeCloseTo(Math.max(0, centre - half), 12);
          expect(high).toBeCloseTo(Math.min(1, centre + half), 12);
        },
      ),
    );
  });

  it('holds the estimate and stays in [0, 1], wider at higher confidence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const x = Math.round(f * n);
          const p = x / n;
          const { low, high } = wilsonInterval(x, n);
          expect(0 <= low && low <= p && p <= high && high <= 1).toBe(true);
          const wider = wilsonInterval(x, n, 0.99);
          expect(wider.low <= low && wider.high >= high).toBe(true);
        },
      ),
    );
  });

  it('knows nothing from no trials and rejects nonsense', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 1.5)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
  });
});

describe('normalQuantile', () => {
  it('gives the known quantiles', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 13);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });

  it('is odd around 1/2', () => {
    fc.assert(
      // Above 1e-6, so that rounding 1 − p costs little: dΦ⁻¹/dp = 1/φ(x).
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
        expect(normalQuantile(p) + normalQuantile(1 - p)).toBeCloseTo(0, 9);
      }),
    );
  });
});

describe('erfc', () => {
  it('gives the known values in each of its three ranges', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.3)).toBeCloseTo(0.6713732405408726, 15);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 15);
    expect(erfc(2) / 0.004677734981047266).toBeCloseTo(1, 13);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 13);
    expect(erfc(30)).toBe(0);
  });
});
