import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictLinear, prometheusLinearRegression, samplesInRange } from './predict-linear.js';

describe('prometheusLinearRegression', () => {
  it('matches the least-squares line computed by hand, with the intercept at the given time', () => {
    // x = 0, 10, 20 s; y = 1, 3, 4: slope = Sxy/Sxx = 30/200 = 0.15; mean y 8/3 at x̄ = 10.
    const samples = [
      { timeMs: 100_000, value: 1 },
      { timeMs: 110_000, value: 3 },
      { timeMs: 120_000, value: 4 },
    ];
    const atStart = prometheusLinearRegression(samples, 100_000);
    expect(atStart.slope).toBeCloseTo(0.15, 12);
    expect(atStart.intercept).toBeCloseTo(8 / 3 - 0.15 * 10, 12);
    const atEnd = prometheusLinearRegression(samples, 120_000);
    expect(atEnd.slope).toBeCloseTo(0.15, 12);
    expect(atEnd.intercept).toBeCloseTo(8 / 3 + 0.15 * 10, 12);
  });

  it('gives slope 0 and the value for a constant series, NaN for an infinite one', () => {
    expect(
      prometheusLinearRegression(
        [
          { timeMs: 0, value: 5 },
          { timeMs: 1000, value: 5 },
        ],
        0,
      ),
    ).toEqual({
      slope: 0,
      intercept: 5,
    });
    const infinite = prometheusLinearRegression(
      [
        { timeMs: 0, value: Number.POSITIVE_INFINITY },
        { timeMs: 1000, value: Number.POSITIVE_INFINITY },
      ],
      0,
    );
    expect(infinite.slope).toBeNaN();
  });

  it('recovers any exact line (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.integer({ min: 3, max: 50 }),
        (slope, intercept, count) => {
          const samples = Array.from({ length: count }, (_, i) => ({
            timeMs: 1_700_000_000_000 + i * 15_000,
            value: intercept + slope * i * 15,
          }));
          const fit = prometheusLinearRegression(samples, samples[0]?.timeMs as number);
          expect(fit.slope).toBeCloseTo(slope, 6);
          expect(fit.intercept).toBeCloseTo(intercept, 4);
        },
      ),
    );
  });
});

describe('predictLinear', () => {
  const samples = [0, 1, 2, 3, 4].map((i) => ({ timeMs: i * 60_000, value: 10 + 2 * i }));

  it('uses the samples in (t − range, t] and extrapolates from the evaluation time', () => {
    // The line is 10 + 2/60 per second; at t = 4 min plus 60 s it is 20.
    expect(predictLinear(samples, 240_000, 600_000, 60)).toBeCloseTo(20, 10);
    // Evaluated between samples: the line is still taken at the evaluation time.
    expect(predictLinear(samples, 210_000, 600_000, 0)).toBeCloseTo(17, 10);
  });

  it('excludes a sample exactly at the range start and drops a range with fewer than two samples', () => {
    expect(samplesInRange(samples, 60_000, 180_000).map((s) => s.timeMs)).toEqual([120_000, 180_000]);
    expect(predictLinear(samples, 240_000, 60_000, 60)).toBeUndefined();
  });
});
