import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../model/index.js';
import { compileArrivalProcess, nextArrivalTime } from './arrival-process.js';
import { RateSchedule, type RateScheduleSpec, rateScheduleIssues } from './rate-schedule.js';

/** ∫ₐᵇ m(t) dt by fine steps: an independent check of `advance`. */
function integrate(schedule: RateSchedule, from: number, to: number): number {
  const steps = 20_000;
  const width = (to - from) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += schedule.multiplierAt(from + (i + 0.5) * width) * width;
  return sum;
}

const daily: RateScheduleSpec = {
  period: 24,
  steps: [
    { at: 0, multiplier: 0.5 },
    { at: 8, multiplier: 2 },
    { at: 18, multiplier: 0 },
    { at: 20, multiplier: 1 },
  ],
};

describe('RateSchedule', () => {
  it('advances operational time by exactly the work asked for', () => {
    const schedule = new RateSchedule(daily);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 80, noNaN: true }),
        (t, work) => {
          const end = schedule.advance(t, work);
          expect(end).toBeGreaterThanOrEqual(t);
          expect(integrate(schedule, t, end)).toBeCloseTo(work, 1);
        },
      ),
      { seed: 11, numRuns: 60 },
    );
    expect(schedule.longRunMultiplier).toBeCloseTo((8 * 0.5 + 10 * 2 + 4 * 1) / 24, 12);
    // Nothing is placed where the multiplier is 0.
    expect(schedule.advance(17.5, 1.5)).toBeCloseTo(20.5, 12);
  });

  it('holds the last step for ever without a period', () => {
    const schedule = new RateSchedule({
      steps: [
        { at: 0, multiplier: 1 },
        { at: 10, multiplier: 4 },
      ],
    });
    expect(schedule.advance(5, 9)).toBeCloseTo(11, 12);
    expect(schedule.longRunMultiplier).toBe(4);
  });

  it('gives a Poisson stream the arrival counts of its rate profile', () => {
    const process = compileArrivalProcess({ rate: 10, schedule: daily });
    const random = RandomStream.fromSeed(5);
    const counts = [0, 0, 0, 0];
    const bounds = [8, 18, 20, 24];
    let t = 0;
    for (;;) {
      t = nextArrivalTime(process, random, t);
      if (t >= 24 * 500) break;
      const phase = t % 24;
      counts[bounds.findIndex((bound) => phase < bound)]!++;
    }
    const expected = [8 * 0.5 * 10 * 500, 10 * 2 * 10 * 500, 0, 4 * 10 * 500];
    counts.forEach((count, i) => {
      expect(Math.abs(count - expected[i]!)).toBeLessThanOrEqual(5 * Math.sqrt(expected[i]!));
    });
  });

  it('refuses a schedule that stops arrivals or is out of order', () => {
    expect(
      rateScheduleIssues(
        {
          steps: [
            { at: 0, multiplier: 1 },
            { at: 5, multiplier: 0 },
          ],
        },
        'a',
      )[0]?.field,
    ).toBe('a.steps');
    expect(rateScheduleIssues({ steps: [{ at: 1, multiplier: 1 }] }, 'a')[0]?.field).toBe('a.steps[0].at');
    expect(
      rateScheduleIssues(
        {
          period: 10,
          steps: [
            { at: 0, multiplier: 1 },
            { at: 12, multiplier: 1 },
          ],
        },
        'a',
      )[0]?.field,
    ).toBe('a.steps[1].at');
    expect(rateScheduleIssues({ steps: [{ at: 0, multiplier: -1 }] }, 'a')[0]?.field).toBe(
      'a.steps[0].multiplier',
    );
    expect(rateScheduleIssues(daily, 'a')).toEqual([]);
  });
});
