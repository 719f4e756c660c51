import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { mmcResponseQuantile, mmcResponseSurvival, mmcWaitQuantile } from './mmc-response-quantile.js';
import { solveMmc } from './solve-mmc.js';

/** Uniform on [min, max]: fc.double is uniform over representable doubles, so almost always tiny. */
function uniform(min: number, max: number) {
  return fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);
}

const station = fc
  .record({
    servers: fc.integer({ min: 1, max: 32 }),
    serviceRate: fc.double({ min: 0.01, max: 100, noNaN: true }),
    utilization: uniform(0, 0.995),
  })
  .map(({ servers, serviceRate, utilization }) => ({
    servers,
    serviceRate,
    arrivalRate: utilization * servers * serviceRate,
  }));

/** P(R > t) by integrating the density of W_q against the survival of S (Simpson, fine grid). */
function survivalByQuadrature(pWait: number, drain: number, mu: number, t: number): number {
  const steps = 20_000;
  const h = t / steps;
  let integral = 0;
  for (let i = 0; i <= steps; i++) {
    const w = i * h;
    const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    integral += weight * drain * Math.exp(-drain * w) * Math.exp(-mu * (t - w));
  }
  integral *= h / 3;
  // Queued jobs whose wait alone exceeds t, plus those whose wait + service does.
  return (1 - pWait) * Math.exp(-mu * t) + pWait * (Math.exp(-drain * t) + integral);
}

describe('mmcResponseQuantile', () => {
  it('matches an independent quadrature of the sojourn distribution', () => {
    const input = { arrivalRate: 9, serviceRate: 5, servers: 2 };
    const { pWait } = solveMmc(input);
    for (const t of [0.1, 0.5, 1, 3]) {
      expect(mmcResponseSurvival(input, t)).toBeCloseTo(survivalByQuadrature(pWait, 1, 5, t), 9);
    }
  });

  it('is continuous where the queue drain rate cμ − λ equals μ (the Erlang-2 case)', () => {
    // c = 2, μ = 1, λ = 1: drain 1 = μ; the sum of the two phases is Erlang-2 for the queued jobs.
    const exact = { arrivalRate: 1, serviceRate: 1, servers: 2 };
    const pWait = solveMmc(exact).pWait;
    const t = 2.5;
    const erlang2 = (1 - pWait) * Math.exp(-t) + pWait * (1 + t) * Math.exp(-t);
    expect(mmcResponseSurvival(exact, t)).toBeCloseTo(erlang2, 14);
    for (const nudge of [1e-12, 1e-8, 1e-4]) {
      const nearby = { ...exact, arrivalRate: 1 + nudge };
      expect(Math.abs(mmcResponseSurvival(nearby, t) - erlang2)).toBeLessThan(10 * nudge + 1e-14);
    }
    const q99 = mmcResponseQuantile(exact, 0.99);
    expect(mmcResponseSurvival(exact, q99)).toBeCloseTo(0.01, 14);
  });

  it('inverts the survival function: P(R > quantile(q)) = 1 − q (property)', () => {
    fc.assert(
      fc.property(station, uniform(0.001, 0.9999), (input, q) => {
        const t = mmcResponseQuantile(input, q);
        expect(Math.abs(mmcResponseSurvival(input, t) - (1 - q))).toBeLessThan(1e-10);
      }),
    );
  });

  it('is exact for M/M/1, where the sojourn time is Exp(μ − λ) (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        uniform(0, 0.99),
        uniform(0.01, 0.999),
        (mu, rho, q) => {
          const input = { arrivalRate: rho * mu, serviceRate: mu, servers: 1 };
          const expected = -Math.log1p(-q) / (mu - rho * mu);
          expect(Math.abs(mmcResponseQuantile(input, q) - expected)).toBeLessThan(1e-10 * expected);
        },
      ),
    );
  });

  it('grows with q and with λ (property)', () => {
    fc.assert(
      fc.property(
        station,
        uniform(0.01, 0.999),
        uniform(0.01, 0.999),
        uniform(0, 1),
        (input, q1, q2, shrink) => {
          const [low, high] = [Math.min(q1, q2), Math.max(q1, q2)];
          expect(mmcResponseQuantile(input, low)).toBeLessThanOrEqual(
            mmcResponseQuantile(input, high) * (1 + 1e-12),
          );
          const lighter = { ...input, arrivalRate: input.arrivalRate * shrink };
          expect(mmcResponseQuantile(lighter, high)).toBeLessThanOrEqual(
            mmcResponseQuantile(input, high) * (1 + 1e-12),
          );
        },
      ),
    );
  });

  it('is infinite for an unstable station and refuses q outside [0, 1)', () => {
    const overloaded = { arrivalRate: 10, serviceRate: 1, servers: 10 };
    expect(mmcResponseQuantile(overloaded, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(mmcWaitQuantile(overloaded, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(() => mmcResponseQuantile({ arrivalRate: 1, serviceRate: 2, servers: 1 }, 1)).toThrow(InputError);
    expect(mmcResponseQuantile({ arrivalRate: 1, serviceRate: 2, servers: 1 }, 0)).toBe(0);
  });
});
