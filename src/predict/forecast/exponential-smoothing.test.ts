import { describe, expect, it } from 'vitest';
import { dampedSteps, fitEts, selectEts } from './exponential-smoothing.js';
import { minimizeNelderMead } from './nelder-mead.js';
import { seededNormal } from './test-series.js';

describe('minimizeNelderMead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x = 0, y = 0]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { steps: [0.5, 0.5], maxEvaluations: 2000 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });
});

describe('exponential smoothing', () => {
  it('sums damped steps as a geometric series', () => {
    expect(dampedSteps(1, 7)).toBe(7);
    expect(dampedSteps(0.5, 3)).toBeCloseTo(0.5 + 0.25 + 0.125, 12);
  });

  it('picks a trend model for a noisy line and learns its slope', () => {
    const noise = seededNormal(7);
    const values = Array.from({ length: 400 }, (_, i) => 10 + 0.5 * i + noise());
    const fit = selectEts(values);
    expect(fit.trend).not.toBe('none');
    expect(fit.trends[399]).toBeGreaterThan(0.4);
    expect(fit.trends[399]).toBeLessThan(0.6);
  });

  it('smooths white noise heavily (small α) and tracks a random walk closely (large α)', () => {
    const noise = seededNormal(8);
    const white = Array.from({ length: 500 }, () => noise());
    let level = 0;
    const walk = Array.from({ length: 500 }, () => {
      level += noise();
      return level;
    });
    expect(fitEts(white, 'none').params.alpha).toBeLessThan(0.2);
    expect(fitEts(walk, 'none').params.alpha).toBeGreaterThan(0.8);
  });
});
