import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { erlangB } from './erlang-b.js';
import { solveMmc } from './solve-mmc.js';
import { solveMmmk } from './solve-mmmk.js';

/** Uniform on [min, max]: fc.double is uniform over representable doubles, so almost always tiny. */
function uniform(min: number, max: number) {
  return fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);
}

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

describe('solveMmmk', () => {
  it('reproduces Octave qsmmmk.m test λ=3, μ=2, m=2, K=5 (queueing-textbook.md F10)', () => {
    const result = solveMmmk({ arrivalRate: 3, serviceRate: 2, servers: 2, capacity: 5 });
    near(result.p0, 0.179334, 1e-6);
    near(result.blocking, 0.085113, 1e-6);
    near(result.meanInSystem, 2.00595, 1e-5);
    near(result.meanWait, 0.230857, 1e-6);
    near(result.throughput, 3 * (1 - result.blocking), 1e-12);
  });

  it('reproduces Octave qsmmmk.m tests λ=40, μ=30, m=3, K=7 (p0, R) and λ=50, μ=10, m=4, K=6 (p_K)', () => {
    const first = solveMmmk({ arrivalRate: 40, serviceRate: 30, servers: 3, capacity: 7 });
    near(first.p0, 0.255037, 1e-6);
    near(first.meanResponse, 0.036517, 1e-6);
    near(solveMmmk({ arrivalRate: 50, serviceRate: 10, servers: 4, capacity: 6 }).blocking, 0.293543, 1e-6);
  });

  it('with K = m is the Erlang loss system: p_K = Erlang B (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), uniform(0, 100), (m, load) => {
        const result = solveMmmk({ arrivalRate: load, serviceRate: 1, servers: m, capacity: m });
        near(result.blocking, erlangB(m, load), 1e-12);
      }),
    );
  });

  it('tends to M/M/c as K grows, and keeps Little and flow balance for any λ (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        uniform(0.01, 0.9),
        fc.integer({ min: 0, max: 40 }),
        (m, rho, extra) => {
          const lambda = rho * m * 2;
          const finite = solveMmmk({ arrivalRate: lambda, serviceRate: 2, servers: m, capacity: m + extra });
          near(finite.meanResponse, finite.meanInSystem / finite.throughput, 1e-12 * finite.meanResponse);
          near(finite.meanInSystem - finite.meanInQueue, finite.throughput / 2, 1e-9);
          const large = solveMmmk({ arrivalRate: lambda, serviceRate: 2, servers: m, capacity: m + 4000 });
          near(
            large.meanResponse,
            solveMmc({ arrivalRate: lambda, serviceRate: 2, servers: m }).meanResponse,
            1e-9,
          );
        },
      ),
    );
  });

  it('is stable even far above capacity, and refuses K < m', () => {
    const flooded = solveMmmk({ arrivalRate: 1e6, serviceRate: 1, servers: 4, capacity: 10_000 });
    near(flooded.utilization, 1, 1e-9);
    near(flooded.throughput, 4, 1e-9);
    expect(() => solveMmmk({ arrivalRate: 1, serviceRate: 1, servers: 4, capacity: 3 })).toThrow(InputError);
  });
});
