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
