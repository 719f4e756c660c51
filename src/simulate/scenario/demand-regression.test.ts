import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demandPairs, fitDemandRegression } from './demand-regression.js';

describe('fitDemandRegression', () => {
  it('recovers the demand and the idle load from noisy samples of a varying load', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 5, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (demand, idle, rate, seed) => {
          let state = seed;
          const noise = () => {
            state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
            return state / 2 ** 31 - 0.5;
          };
          // A day's curve: traffic between 40 % and 160 % of `rate`; busy cores with noise of 2 % of
          // the traffic-driven load.
          const pairs = Array.from({ length: 96 }, (_, k) => {
            const x = rate * (1 + 0.6 * Math.sin((2 * Math.PI * k) / 96));
            const y = idle + demand * x + 0.02 * demand * rate * noise();
            return [x, y] as const;
          });
          const fit = fitDemandRegression(pairs);
          expect(fit).toBeDefined();
          expect(Math.abs((fit?.demandSeconds ?? 0) - demand) / demand).toBeLessThan(0.05);
          expect(fit?.idleCores ?? -1).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('declines when traffic hardly varies, when there are too few points, or when the slope is not positive', () => {
    const flat = Array.from({ length: 30 }, (_, k) => [100 + (k % 2) * 0.1, 1 + 0.01 * (k % 3)] as const);
    expect(fitDemandRegression(flat)).toBeUndefined();
    expect(
      fitDemandRegression([
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
    ).toBeUndefined();
    const falling = Array.from({ length: 30 }, (_, k) => [10 + k, 5 - 0.1 * k] as const);
    expect(fitDemandRegression(falling)).toBeUndefined();
  });
});

describe('demandPairs', () => {
  it('joins the rate with the replicas’ busy cores where every replica has a value', () => {
    const pairs = demandPairs(
      [
        [1000, 10],
        [2000, 20],
        [3000, 30],
      ],
      [
        {
          cores: 2,
          utilization: [
            [1000, 0.5],
            [2000, 0.6],
            [3000, 0.7],
          ],
        },
        {
          cores: 4,
          utilization: [
            [1000, 0.25],
            [3000, 0.5],
          ],
        },
      ],
    );
    expect(pairs).toEqual([
      [10, 2 * 0.5 + 4 * 0.25],
      [30, 2 * 0.7 + 4 * 0.5],
    ]);
  });
});
