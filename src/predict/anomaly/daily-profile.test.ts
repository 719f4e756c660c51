import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DailyProfile } from './daily-profile.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('DailyProfile', () => {
  it('expects nothing before a period of history, then the value of the same bucket', () => {
    const profile = new DailyProfile(HOUR, 0.5);
    expect(profile.expect(3 * HOUR)).toBeNaN();
    profile.learn(10);
    expect(profile.expect(DAY + 3 * HOUR)).toBe(10);
    profile.learn(20);
    expect(profile.expect(2 * DAY + 3 * HOUR)).toBe(15);
    expect(profile.expect(2 * DAY + 4 * HOUR)).toBeNaN();
  });

  it('with a 7-day period, keeps each day of the week apart', () => {
    const profile = new DailyProfile(HOUR, 0.5, 7 * DAY);
    for (let day = 0; day < 7; day++) {
      expect(profile.expect(day * DAY)).toBeNaN();
      profile.learn(day * 100);
    }
    for (let day = 0; day < 7; day++) expect(profile.expect((7 + day) * DAY)).toBe(day * 100);
  });

  it('keeps the units of a large counter (deviations from the first value, float32)', () => {
    const profile = new DailyProfile(HOUR, 1);
    profile.expect(0);
    profile.learn(1_000_000_000);
    profile.expect(HOUR);
    profile.learn(1_000_000_007);
    expect(profile.expect(DAY + HOUR)).toBe(1_000_000_007);
    expect(profile.bytes).toBe(24 * 4);
  });

  it('compact (bfloat16) buckets take 2 bytes and stay within 0.5 % of the deviation (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e30, max: 1e30, noNaN: true }),
        (start, deviation) => {
          const profile = new DailyProfile(HOUR, 1, DAY, true);
          expect(profile.bytes).toBe(24 * 2);
          expect(profile.expect(0)).toBeNaN();
          profile.learn(start);
          profile.expect(HOUR);
          profile.learn(start + deviation);
          const expected = profile.expect(DAY + HOUR);
          const exact = start + deviation - start;
          expect(Math.abs(expected - start - exact)).toBeLessThanOrEqual(
            0.005 * Math.abs(exact) + 1e-9 * Math.abs(start) + 1e-37,
          );
        },
      ),
    );
  });
});
