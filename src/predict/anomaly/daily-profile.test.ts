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
});
