import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averagedCdf,
  averagedMean,
  averagedQuantile,
  fitAveragedResponse,
  medianTau,
  normalCdf,
} from './response-average.js';
import { seededNormal } from './test-series.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('response averaged over its time constant', () => {
  it('keeps a long clean line a ramp: the likelihood overrides the settling prior', () => {
    const noise = seededNormal(3);
    const xs = range(200);
    const ys = xs.map((x) => 5 + 0.1 * x + 0.01 * noise());
    const fit = fitAveragedResponse(xs, ys, 5, 0.01, 200, false, 1e5);
    expect(medianTau(fit)).toBeGreaterThan(2000);
    // 800 steps after the change the line is at 85; a settling guess would be far below.
    expect(averagedQuantile(fit, 800, 0.5)).toBeGreaterThan(84);
  });

  it('does not extrapolate two points of a rise linearly for ever (the prior: responses settle)', () => {
    // Two points after the change, 7 and 13 above the level: a ramp would reach 7·120 = 840 above it.
    const fit = fitAveragedResponse([1, 2], [7, 13], 0, 0.2, 2, false, 1e4);
    const median = averagedQuantile(fit, 120, 0.5);
    expect(median).toBeGreaterThan(13);
    expect(median).toBeLessThan(200);
    // …but the band still covers both a saturation near 40 and a long climb.
    expect(averagedQuantile(fit, 120, 0.1)).toBeLessThan(45);
    expect(averagedQuantile(fit, 120, 0.9)).toBeGreaterThan(80);
  });

  it('finds the final level of a noisy first-order response seen for several time constants', () => {
    const noise = seededNormal(11);
    const xs = range(60);
    const ys = xs.map((x) => 10 + 20 * (1 - Math.exp(-x / 6)) + 0.2 * noise());
    const fit = fitAveragedResponse(xs, ys, 10, 0.2, 60, false, 1e4);
    expect(Math.abs(averagedQuantile(fit, 200, 0.5) - 30)).toBeLessThan(0.6);
    expect(Math.abs(medianTau(fit) - 6)).toBeLessThan(1);
  });

  it('has weights that sum to 1, a monotone CDF and quantiles that invert it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        fc.integer({ min: 2, max: 30 }),
        fc.boolean(),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (level, slope, tau, n, jump, p) => {
          const noise = seededNormal(n);
          const xs = range(n);
          const ys = xs.map((x) => level + slope * tau * (1 - Math.exp(-x / tau)) + 0.1 * noise());
          const fit = fitAveragedResponse(xs, ys, level, 0.1, n, jump, 1e4);
          const total = fit.members.reduce((sum, m) => sum + m.weight, 0);
          expect(total).toBeCloseTo(1, 9);
          const x = n + 10;
          const q = averagedQuantile(fit, x, p);
          expect(Math.abs(averagedCdf(fit, x, q) - p)).toBeLessThan(1e-4);
          expect(averagedQuantile(fit, x, Math.min(0.99, p + 0.01))).toBeGreaterThanOrEqual(q);
          expect(Number.isFinite(averagedMean(fit, x))).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('leaves only the ramp with an infinite prior scale', () => {
    const fit = fitAveragedResponse(
      [1, 2, 3],
      [1, 2.2, 2.9],
      0,
      0.1,
      3,
      false,
      1e4,
      0,
      Number.POSITIVE_INFINITY,
    );
    expect(fit.members).toHaveLength(1);
    expect(fit.members[0]?.tau).toBe(Number.POSITIVE_INFINITY);
  });

  it('computes the normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.2815515655)).toBeCloseTo(0.9, 6);
    expect(normalCdf(-1.959963985)).toBeCloseTo(0.025, 6);
  });
});
