import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSeasonality, lagCorrelation } from './detect-seasonality.js';
import { centredMovingAverage } from './moving-average.js';
import { resampleSeries } from './regular-series.js';
import { estimateSeasonalProfile, seasonalAt } from './seasonal-profile.js';
import { makeSeries } from './test-series.js';

const hour = 3_600_000;
const day = 24 * hour;

describe('centredMovingAverage', () => {
  it('cancels a pattern of exactly its period and keeps a line', () => {
    const values = Array.from({ length: 200 }, (_, i) => 3 + 0.5 * i + Math.sin((2 * Math.PI * i) / 24));
    const average = centredMovingAverage(values, 24);
    for (let i = 12; i < 188; i++) expect(average[i]).toBeCloseTo(3 + 0.5 * i, 9);
    expect(average[0]).toBeNaN();
  });
});

describe('seasonal profile', () => {
  it('recovers a daily shape with mean zero, interpolated between bins', () => {
    const step = 15 * 60_000;
    const values = Array.from({ length: 96 * 5 }, (_, i) => 4 * Math.cos((2 * Math.PI * i) / 96));
    const profile = estimateSeasonalProfile(values, 0, step, day, 96);
    expect(profile.values.reduce((sum, v) => sum + v, 0)).toBeCloseTo(0, 9);
    expect(seasonalAt(profile, 0)).toBeCloseTo(4, 9);
    expect(seasonalAt(profile, 12 * hour)).toBeCloseTo(-4, 9);
    expect(seasonalAt(profile, 3 * day + 6 * hour)).toBeCloseTo(0, 9);
  });
});

describe('detectSeasonality', () => {
  it('needs three periods of history before testing', () => {
    const series = resampleSeries(makeSeries(48, hour, (_, t) => Math.sin((2 * Math.PI * t) / day)));
    const [dailyCheck] = detectSeasonality(series);
    expect(dailyCheck?.detected).toBe(false);
    expect(dailyCheck?.reason).toMatch(/shorter than 3 periods/);
  });

  it('does not mistake a straight line or a constant for a pattern (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }),
        (intercept, slope) => {
          const series = resampleSeries(makeSeries(24 * 8, hour, (i) => intercept + slope * i));
          expect(detectSeasonality(series).some((check) => check.detected)).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('measures the correlation one lag apart', () => {
    expect(lagCorrelation([1, 2, 1, 2, 1, 2, 1, 2], 2)).toBeCloseTo(1, 12);
    expect(lagCorrelation([1, 2, 1, 2, 1, 2, 1, 2], 1)).toBeCloseTo(-1, 12);
    expect(lagCorrelation([1, 2], 1)).toBeNaN();
  });
});

describe('resampleSeries', () => {
  it('averages points within a step, marks empty steps as gaps and keeps every finite value (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            timeMs: fc.integer({ min: 0, max: 10 * hour }),
            value: fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
          }),
          { minLength: 1, maxLength: 200 },
        ),
        fc.integer({ min: 60_000, max: hour }),
        (points, stepMs) => {
          const series = resampleSeries(points, stepMs);
          const start = Math.min(...points.map((p) => p.timeMs));
          expect(series.startMs).toBe(start);
          const buckets = new Map<number, number[]>();
          for (const point of points) {
            const index = Math.floor((point.timeMs - start) / stepMs);
            buckets.set(index, [...(buckets.get(index) ?? []), point.value]);
          }
          series.values.forEach((value, index) => {
            const members = buckets.get(index);
            if (!members) expect(value).toBeNaN();
            else {
              const mean = members.reduce((s, v) => s + v, 0) / members.length;
              expect(Math.abs(value - mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(mean)));
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
