import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplierAt, peakMultiplier, type TrafficProfile } from './traffic-profile.js';

describe('traffic profiles', () => {
  it('ramps linearly between its start and end and holds outside them', () => {
    const ramp: TrafficProfile = { type: 'ramp', from: 1, to: 3, startSeconds: 3600, endSeconds: 7200 };
    expect(multiplierAt(ramp, 0)).toBe(1);
    expect(multiplierAt(ramp, 5400)).toBe(2);
    expect(multiplierAt(ramp, 10_000)).toBe(3);
    expect(peakMultiplier(ramp)).toBe(3);
  });

  it('peaks at its peak hour and bottoms out twelve hours away, within its range', () => {
    const daily: TrafficProfile = { type: 'daily', peak: 1.5, trough: 0.5, peakHour: 20, startHour: 8 };
    expect(multiplierAt(daily, 12 * 3600)).toBeCloseTo(1.5, 12);
    expect(multiplierAt(daily, 0)).toBeCloseTo(0.5, 12);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (seconds) => {
        const value = multiplierAt(daily, seconds);
        expect(value).toBeGreaterThanOrEqual(0.5 - 1e-12);
        expect(value).toBeLessThanOrEqual(1.5 + 1e-12);
      }),
    );
  });
});
