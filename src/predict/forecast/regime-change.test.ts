import { describe, expect, it } from 'vitest';
import { selectEts } from './exponential-smoothing.js';
import { detectChange, detectRegimeChange, detectSlopeChange } from './regime-change.js';
import { seededNormal } from './test-series.js';

function series(n: number, value: (i: number) => number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => value(i));
}

describe('regime change', () => {
  it('finds when a ramp started after a long flat history, within ten points', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const noise = seededNormal(seed);
      // A slope of the noise's size per step, starting at 1900 of 2000 (the difference test).
      const steep = series(2000, (i) => 50 + (i >= 1900 ? i - 1899 : 0) + noise());
      const change = detectSlopeChange(steep);
      expect(change).toBeDefined();
      expect(Math.abs((change?.start ?? 0) - 1900)).toBeLessThanOrEqual(10);
    }
  });

  it('sees a level shift through the smoothing model’s errors', () => {
    const noise = seededNormal(3);
    const values = series(1000, (i) => (i >= 990 ? 60 : 50) + noise());
    const change = detectRegimeChange(values, selectEts(values));
    expect(change?.start).toBeGreaterThanOrEqual(989);
    expect(change?.start).toBeLessThanOrEqual(991);
  });

  it('finds nothing in white noise, a random walk or a single spike', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const noise = seededNormal(seed);
      let walk = 0;
      const white = series(1500, () => noise());
      const walking = series(1500, () => {
        walk += noise();
        return walk;
      });
      const spiked = series(1500, (i) => (i === 1499 ? 30 : noise()));
      for (const values of [white, walking, spiked]) {
        expect(detectChange(values, selectEts(values))).toBeUndefined();
      }
    }
  });

  it('does not mistake floating-point rounding on a perfect line for a change', () => {
    const values = series(300, (i) => 0.2 + 0.001 * i);
    expect(detectChange(values, selectEts(values))).toBeUndefined();
  });
});
