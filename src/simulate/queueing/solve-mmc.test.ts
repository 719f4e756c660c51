import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { mmcWaitQuantile } from './mmc-response-quantile.js';
import { solveMmc } from './solve-mmc.js';
import { solveReplicaPool } from './solve-replica-pool.js';

/** Uniform on [min, max]: fc.double is uniform over representable doubles, so almost always tiny. */
function uniform(min: number, max: number) {
  return fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);
}

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

const stableStation = fc
  .record({
    servers: fc.integer({ min: 1, max: 64 }),
    serviceRate: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    utilization: uniform(0, 0.999),
  })
  .map(({ servers, serviceRate, utilization }) => ({
    servers,
    serviceRate,
    arrivalRate: utilization * servers * serviceRate,
  }));

describe('solveMmc', () => {
  it('reproduces ETH ASL 2017 "M/M/x queues" (Octave qsmmm.m; queueing-textbook.md F9), λ=9, μ=5, c=2', () => {
    const result = solveMmc({ arrivalRate: 9, serviceRate: 5, servers: 2 });
    near(result.utilization, 0.9, 1e-12);
    near(result.pWait, 0.853, 1e-3);
    near(result.meanWait, 0.853, 1e-3);
    near(result.meanResponse, 1.053, 1e-3);
    near(result.meanInQueue, 7.674, 1e-3);
    near(result.meanInSystem, 9.47, 1e-2);
    near(mmcWaitQuantile({ arrivalRate: 9, serviceRate: 5, servers: 2 }, 0.99), 4.45, 5e-3);
  });

  it('reproduces the same source with c=4: C=0.129, W_q=0.0117, R=0.212, N_q=0.105, N=1.91, p99(W_q)=0.232', () => {
    const input = { arrivalRate: 9, serviceRate: 5, servers: 4 };
    const result = solveMmc(input);
    near(result.utilization, 0.45, 1e-12);
    near(result.pWait, 0.129, 1e-3);
    near(result.meanWait, 0.0117, 1e-4);
    near(result.meanResponse, 0.212, 1e-3);
    near(result.meanInQueue, 0.105, 1e-3);
    near(result.meanInSystem, 1.91, 1e-2);
    near(mmcWaitQuantile(input, 0.99), 0.232, 1e-3);
  });

  it('reproduces M/M/1 tail percentiles, λ=0.9, μ=1 (queueing-textbook.md F11, exact)', () => {
    const result = solveMmc({ arrivalRate: 0.9, serviceRate: 1, servers: 1 });
    near(result.meanResponse, 10, 1e-9);
    near(result.p50Response, 10 * Math.LN2, 1e-9);
    near(result.p95Response, 10 * Math.log(20), 1e-9);
    near(result.p99Response, 10 * Math.log(100), 1e-9);
    near(result.meanInSystem, 9, 1e-9);
  });

  it('reports an overloaded station as unstable with infinite times and its real utilisation', () => {
    const result = solveMmc({ arrivalRate: 12, serviceRate: 5, servers: 2 });
    expect(result.stable).toBe(false);
    expect(result.utilization).toBeCloseTo(1.2, 12);
    expect(result.meanResponse).toBe(Number.POSITIVE_INFINITY);
    expect(result.p99Response).toBe(Number.POSITIVE_INFINITY);
    expect(solveMmc({ arrivalRate: 10, serviceRate: 5, servers: 2 }).stable).toBe(false);
  });

  it('with no arrivals, answers the bare service time', () => {
    const result = solveMmc({ arrivalRate: 0, serviceRate: 4, servers: 3 });
    expect(result.pWait).toBe(0);
    expect(result.meanResponse).toBe(0.25);
    near(result.p50Response, Math.LN2 / 4, 1e-12);
  });

  it('handles 10,000 servers at 99.9 % load', () => {
    const result = solveMmc({ arrivalRate: 9_990, serviceRate: 1, servers: 10_000 });
    expect(result.stable).toBe(true);
    expect(result.pWait).toBeGreaterThan(0);
    expect(result.pWait).toBeLessThan(1);
    near(result.meanWait, result.pWait / 10, 1e-12);
    expect(result.p99Response).toBeGreaterThan(result.p50Response);
  });

  it("Little's law holds: L_q = λW_q and L = λR = L_q + λ/μ (property)", () => {
    fc.assert(
      fc.property(stableStation, (input) => {
        const result = solveMmc(input);
        const scale = Math.max(1, result.meanInSystem);
        near(result.meanInQueue, input.arrivalRate * result.meanWait, 1e-9 * scale);
        near(result.meanInSystem, result.meanInQueue + input.arrivalRate / input.serviceRate, 1e-9 * scale);
        expect(result.p50Response).toBeLessThanOrEqual(result.p95Response);
        expect(result.p95Response).toBeLessThanOrEqual(result.p99Response);
      }),
    );
  });

  it('p99 of W_q is 0 exactly when P(wait) ≤ 0.01 (queueing-textbook.md F9 property)', () => {
    fc.assert(
      fc.property(stableStation, (input) => {
        const { pWait } = solveMmc(input);
        const p99 = mmcWaitQuantile(input, 0.99);
        if (pWait <= 0.01) expect(p99).toBe(0);
        else if (pWait > 0.0100001) expect(p99).toBeGreaterThan(0);
      }),
    );
  });

  it('names every bad field', () => {
    try {
      solveMmc({ arrivalRate: -1, serviceRate: 0, servers: 1.5 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues).toEqual([
        { field: 'arrivalRate', message: 'must be a finite number ≥ 0' },
        { field: 'serviceRate', message: 'must be a finite number > 0' },
        { field: 'servers', message: 'must be a positive integer' },
      ]);
    }
  });
});

describe('solveReplicaPool', () => {
  it('is an M/M/c with μ = 1/demand: 8 cores at 20 ms per request, 300 req/s', () => {
    const pool = solveReplicaPool({ arrivalRate: 300, demandSeconds: 0.02, servers: 8 });
    expect(pool).toEqual(solveMmc({ arrivalRate: 300, serviceRate: 50, servers: 8 }));
    near(pool.utilization, 0.75, 1e-12);
  });

  it('refuses a zero demand', () => {
    expect(() => solveReplicaPool({ arrivalRate: 1, demandSeconds: 0, servers: 1 })).toThrow(/replica pool/);
  });
});
