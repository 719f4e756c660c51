import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossingTime, fitLinearTrend, slopeSignificance } from './linear-trend.js';

const minute = 60_000;

describe('fitLinearTrend', () => {
  it('recovers any exact line, its level at the last point, and zero residuals', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
        fc.integer({ min: 3, max: 50 }),
        fc.integer({ min: 1_000, max: 600_000 }),
        (intercept, slope, n, stepMs) => {
          const ts = Array.from({ length: n }, (_, i) => 1.7e12 + i * stepMs);
          const values = ts.map((t) => intercept + slope * (t - 1.7e12));
          const trend = fitLinearTrend({ ts, values }, 3);
          expect(trend).toBeDefined();
          expect(trend?.slope).toBeCloseTo(slope, 9);
          expect(trend?.level).toBeCloseTo(values.at(-1) as number, 6);
          expect(trend?.residualStd).toBeLessThan(1e-6 * (1 + Math.abs(intercept)));
          expect(trend?.spanMs).toBe((n - 1) * stepMs);
        },
      ),
    );
  });

  it('refuses too few points and points at one instant', () => {
    expect(fitLinearTrend({ ts: [1, 2], values: [1, 2] })).toBeUndefined();
    expect(fitLinearTrend({ ts: [5, 5, 5, 5, 5], values: [1, 2, 3, 4, 5] })).toBeUndefined();
  });

  it('measures the slope in standard errors: noise alone is not a trend', () => {
    const ts = Array.from({ length: 60 }, (_, i) => i * minute);
    const noise = ts.map((_, i) => Math.sin(i * 12.9898) * 0.01);
    const flat = fitLinearTrend({ ts, values: noise });
    const rising = fitLinearTrend({ ts, values: noise.map((v, i) => v + i * 0.002) });
    expect(slopeSignificance(flat as NonNullable<typeof flat>)).toBeLessThan(3);
    expect(slopeSignificance(rising as NonNullable<typeof rising>)).toBeGreaterThan(20);
  });
});

describe('crossingTime', () => {
  const base = { slopeStdError: 0, residualStd: 0, points: 10, spanMs: 10 * minute, atMs: 1_000_000 };

  it('extrapolates to the threshold, with an interval from the slope error that holds the estimate', () => {
    const crossing = crossingTime(
      { ...base, level: 0.5, slope: 0.1 / 3_600_000, slopeStdError: 0.01 / 3_600_000 },
      0.95,
      'above',
      86_400_000,
    );
    expect(crossing?.atMs).toBeCloseTo(1_000_000 + 4.5 * 3_600_000, -3);
    const [early, late] = crossing?.range ?? [0, 0];
    expect(early).toBeLessThan(crossing?.atMs as number);
    expect(late).toBeGreaterThan(crossing?.atMs as number);
  });

  it('says nothing when heading away or beyond the horizon, and now when already past', () => {
    expect(crossingTime({ ...base, level: 0.5, slope: -1e-9 }, 0.95, 'above', 86_400_000)).toBeUndefined();
    expect(crossingTime({ ...base, level: 0.5, slope: 1e-12 }, 0.95, 'above', 86_400_000)).toBeUndefined();
    expect(crossingTime({ ...base, level: 0.97, slope: 0 }, 0.95, 'above', 1)).toStrictEqual({
      atMs: 1_000_000,
      range: [1_000_000, 1_000_000],
    });
    expect(
      crossingTime({ ...base, level: 0.3, slope: -0.1 / 3_600_000 }, 0.05, 'below', 86_400_000)?.atMs,
    ).toBeCloseTo(1_000_000 + 2.5 * 3_600_000, -3);
  });
});
