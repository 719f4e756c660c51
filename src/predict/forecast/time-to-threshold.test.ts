import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTimeToThreshold } from './describe-time-to-threshold.js';
import type { Forecast } from './forecast-series.js';
import { forecastSeries } from './forecast-series.js';
import { makeSeries, seededNormal } from './test-series.js';
import { timeToThreshold } from './time-to-threshold.js';

const minute = 60_000;
const hour = 60 * minute;

/** A hand-made forecast: a line from 0.5 rising 0.1 per hour, band ±0.05. */
function line(): Forecast {
  const points = Array.from({ length: 10 }, (_, k) => {
    const value = 0.5 + 0.1 * (k + 1);
    return { timeMs: (k + 1) * hour, forecast: value, lower: value - 0.05, upper: value + 0.05 };
  });
  return {
    method: 'exponential-smoothing',
    model: 'test',
    stepMs: hour,
    level: 0.8,
    lastTimeMs: 0,
    lastValue: 0.5,
    observations: 100,
    seasonality: [],
    trendPerHour: 0.1,
    points,
  };
}

describe('timeToThreshold', () => {
  it('interpolates the crossing of the forecast and of each bound', () => {
    const result = timeToThreshold(line(), { threshold: 0.95 });
    expect(result.direction).toBe('up');
    expect(result.centralMs).toBeCloseTo(4.5 * hour, 6);
    expect(result.earliestMs).toBeCloseTo(4 * hour, 6);
    expect(result.latestMs).toBeCloseTo(5 * hour, 6);
    expect(describeTimeToThreshold(result, 'full')).toBe('full in 4 h 30 min (80 %: 4 h – 5 h)');
  });

  it('says when the threshold is not reached within the horizon', () => {
    const result = timeToThreshold(line(), { threshold: 1.52 });
    expect(result.centralMs).toBeUndefined();
    expect(result.earliestMs).toBeCloseTo(9.7 * hour, 6);
    expect(describeTimeToThreshold(result)).toBe(
      'reaches 1.52: not within 10 h (80 %: not before 9 h 42 min)',
    );
  });

  it('handles a falling series and one already past the threshold', () => {
    const falling = timeToThreshold(line(), { threshold: 0.4, direction: 'down' });
    expect(falling.alreadyCrossed).toBe(false);
    expect(falling.centralMs).toBeUndefined();
    expect(timeToThreshold(line(), { threshold: 0.3 }).direction).toBe('down');
    expect(timeToThreshold(line(), { threshold: 0.3, direction: 'up' }).alreadyCrossed).toBe(true);
  });

  it('predicts a disk fill within a few percent of the truth, the truth inside the interval', () => {
    const noise = seededNormal(5);
    // 30 % full, +1 % per hour plus noise: 100 % in 70 h from the start, 46 h after the last point.
    const history = makeSeries(24 * 12, 5 * minute, (i) => 0.3 + (0.01 * i) / 12 + 0.001 * noise());
    const forecast = forecastSeries(history, { horizonMs: 4 * 24 * hour });
    const result = timeToThreshold(forecast, { threshold: 1 });
    const truthMs = (70 - (24 * 12 - 1) / 12) * hour;
    expect(Math.abs((result.centralMs ?? 0) - truthMs)).toBeLessThan(0.05 * truthMs);
    expect(result.earliestMs ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(truthMs);
    expect(result.latestMs ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(truthMs);
  });
});

describe('timeToThreshold over sampled paths', () => {
  const step = 5 * minute;

  it('times the first noisy reading past a level the median path never reaches', () => {
    const noise = seededNormal(11);
    // Steady at 10 with unit noise: a reading ≥ 10 + 1.2816 comes one step in ten, so the first
    // arrives after k steps with probability 1 − 0.9^k: half of them within about 6.6 steps.
    const history = makeSeries(2000, step, () => 10 + noise());
    const forecast = forecastSeries(history, { horizonMs: 48 * step, seasonality: 'none' });
    expect(forecast.errorPaths?.count).toBe(250);
    const threshold = 10 + 1.2816;
    expect(forecast.points.every((point) => point.forecast < threshold)).toBe(true);
    const result = timeToThreshold(forecast, { threshold });
    expect(result.probability).toBeGreaterThan(0.95);
    expect(result.centralMs).toBeGreaterThan(3.5 * step);
    expect(result.centralMs).toBeLessThan(10 * step);
    expect(result.earliestMs).toBeLessThanOrEqual(2 * step);
    expect(result.latestMs).toBeGreaterThan(12 * step);
    expect(describeTimeToThreshold(result)).toMatch(
      /^reaches 11\.2816 in \d+ min( \d+ s)? \(80 %: .+ – .+; \d+ % chance within 4 h\)$/,
    );
  });

  it('gives no crossing and a zero chance for a level no reading came near', () => {
    const noise = seededNormal(12);
    const history = makeSeries(2000, step, () => 10 + noise());
    const forecast = forecastSeries(history, { horizonMs: 48 * step, seasonality: 'none' });
    const result = timeToThreshold(forecast, { threshold: 20 });
    expect(result.probability).toBe(0);
    expect(result.centralMs).toBeUndefined();
    expect(result.latestMs).toBeUndefined();
    expect(describeTimeToThreshold(result)).toBe('reaches 20: not within 4 h (0 % chance within 4 h)');
  });

  it('falls back to the band when the history is shorter than the horizon', () => {
    const history = makeSeries(100, step, (i) => i / 100);
    const forecast = forecastSeries(history, { horizonMs: 200 * step });
    expect(forecast.errorPaths).toBeUndefined();
    expect(timeToThreshold(forecast, { threshold: 1.5 }).probability).toBeUndefined();
  });

  /** A flat forecast at 0 with the given error paths (rows of `steps` values). */
  function withPaths(rows: number[][], steps: number): Forecast {
    const points = Array.from({ length: steps }, (_, k) => ({
      timeMs: (k + 1) * hour,
      forecast: 0,
      lower: -1,
      upper: 1,
    }));
    return {
      ...line(),
      points,
      lastValue: -10,
      errorPaths: { count: rows.length, steps, errors: Float64Array.from(rows.flat()) },
    };
  }

  it('is consistent: the chance is the share of paths that reach the threshold, and a higher threshold is reached later and less often', () => {
    const steps = 6;
    const path = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
      minLength: steps,
      maxLength: steps,
    });
    fc.assert(
      fc.property(
        fc.array(path, { minLength: 1, maxLength: 40 }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (rows, low, gap) => {
          const forecast = withPaths(rows, steps);
          const lower = timeToThreshold(forecast, { threshold: low, direction: 'up' });
          const higher = timeToThreshold(forecast, { threshold: low + gap, direction: 'up' });
          const share = rows.filter((row) => row.some((value) => value >= low)).length / rows.length;
          expect(lower.probability).toBeCloseTo(share, 12);
          expect(higher.probability ?? 0).toBeLessThanOrEqual(lower.probability ?? 0);
          const at = (ms: number | undefined) => ms ?? Number.POSITIVE_INFINITY;
          expect(at(lower.centralMs)).toBeLessThanOrEqual(at(higher.centralMs));
          expect(at(lower.earliestMs)).toBeLessThanOrEqual(at(lower.centralMs));
          expect(at(lower.centralMs)).toBeLessThanOrEqual(at(lower.latestMs));
        },
      ),
    );
  });
});
