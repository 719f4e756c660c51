import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import type { ClosedNetworkInput, ClosedStation } from './closed-network-input.js';
import { solveClosedNetwork } from './solve-closed-network.js';
import { solveClosedNetworkConvolution } from './solve-closed-network-convolution.js';

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

function stations(
  serviceTimes: number[],
  visits: number[],
  servers?: Array<number | 'delay'>,
): ClosedStation[] {
  return serviceTimes.map((serviceTime, k) => ({
    serviceTime,
    visits: visits[k] as number,
    servers: servers?.[k] ?? 1,
  }));
}

/** Bolch et al. Ex. 8.1: a 2-server, a 3-server and a single-server station, N = 3. */
const bolch81: ClosedNetworkInput = {
  stations: stations([1 / 0.8, 1 / 0.6, 1 / 0.4], [1, 2 / 3, 0.2], [2, 3, 1]),
  population: 3,
};

describe('solveClosedNetwork (exact MVA)', () => {
  it('reproduces Jain, Art of Computer Systems Performance Analysis, p. 577 (Octave qncsmva.m "Example 3.42")', () => {
    const result = solveClosedNetwork({
      stations: stations([0.125, 0.3, 0.2], [16, 10, 5]),
      population: 20,
      thinkTime: 4,
    });
    [0.373, 4.854, 0.3].forEach((r, k) => {
      near(result.stations[k]?.responseTime ?? 0, r, 1e-3);
    });
    [1.991, 16.177, 0.5].forEach((q, k) => {
      near(result.stations[k]?.queueLength ?? 0, q, 1e-3);
    });
    [5.33, 3.33, 1.67].forEach((x, k) => {
      near((result.stations[k]?.throughput ?? 0) / x, 1, 5e-3);
    });
    near(result.throughput, 0.333, 1e-3);
    near(result.responseTime / 56.0, 1, 5e-3);
    near(result.stations[1]?.utilization ?? 0, 0.9997, 1e-4);
  });

  it('reproduces Bolch et al., Queueing Networks and Markov Chains, Ex. 8.3 p. 331 (central server, Z = 0)', () => {
    const result = solveClosedNetwork({
      stations: stations([0.02, 0.2, 0.4, 0.6], [1, 0.4, 0.2, 0.1]),
      population: 6,
    });
    const expected = {
      utilization: [0.198, 0.794, 0.794, 0.595],
      responseTime: [0.025, 0.57, 1.14, 1.244],
      queueLength: [0.244, 2.261, 2.261, 1.234],
      throughput: [9.92, 3.968, 1.984, 0.992],
    } as const;
    for (const [field, values] of Object.entries(expected))
      values.forEach((value, k) => {
        near(result.stations[k]?.[field as keyof typeof expected] ?? 0, value, 1e-3);
      });
    near(result.throughput, 9.92, 1e-3);
    near(result.responseTime, 0.605, 1e-3);
  });

  it('reproduces Bolch et al. Ex. 8.4 p. 333 / Ex. 8.7 p. 349 (a 2-server and a delay station)', () => {
    const result = solveClosedNetwork({
      stations: stations([0.5, 0.6, 0.8, 1], [1, 0.5, 0.5, 1], [2, 1, 1, 'delay']),
      population: 3,
    });
    [0.624, 0.473, 0.686, 1.217].forEach((q, k) => {
      near(result.stations[k]?.queueLength ?? 0, q, 1e-3);
    });
    [1.218, 0.609, 0.609, 1.218].forEach((x, k) => {
      near(result.stations[k]?.throughput ?? 0, x, 1e-3);
    });
    [0.512, 0.776, 1.127, 1].forEach((r, k) => {
      near(result.stations[k]?.responseTime ?? 0, r, 1e-3);
    });
    [0.304, 0.365, 0.487].forEach((u, k) => {
      near((result.stations[k]?.utilization ?? 0) / u, 1, 5e-3);
    });
    near((result.stations[3]?.busyServers ?? 0) / 1.22, 1, 5e-3);
  });

  it('reproduces Bolch et al. Ex. 8.1 p. 318 (2- and 3-server stations), which in-place marginals get wrong (R₂ 1.655)', () => {
    const result = solveClosedNetwork(bolch81);
    const expected = {
      throughput: [0.945, 0.63, 0.189],
      utilization: [0.59, 0.35, 0.473],
      queueLength: [1.29, 1.05, 0.66],
      responseTime: [1.366, 1.667, 3.496],
    } as const;
    for (const [field, values] of Object.entries(expected))
      values.forEach((value, k) => {
        near(result.stations[k]?.[field as keyof typeof expected] ?? 0, value, 1e-3);
      });
  });

  it('reproduces QSP (Lazowska et al.) p. 117, exact column: X0 = 0.152, R = 4.80, Q = [0.0976, 0.395, 0.235]', () => {
    const result = solveClosedNetwork({
      stations: stations([0.605, 2.1, 1.35], [1, 1, 1]),
      population: 3,
      thinkTime: 15,
    });
    near(result.throughput, 0.152, 1e-3);
    near(result.responseTime / 4.8, 1, 5e-3);
    [0.0976, 0.395, 0.235].forEach((q, k) => {
      near((result.stations[k]?.queueLength ?? 0) / q, 1, 5e-3);
    });
  });

  it('stays exact with 64-server stations at saturation, where the textbook p(0|n) = 1 − Σ… drifts 40 %', () => {
    const input = {
      stations: [{ serviceTime: 6.4, servers: 64 }, { serviceTime: 0.05 }, { serviceTime: 0.3, servers: 3 }],
      population: 640,
      thinkTime: 2,
    };
    const mva = solveClosedNetwork(input);
    const convolution = solveClosedNetworkConvolution(input);
    near(mva.throughput / convolution.throughput, 1, 1e-10);
    mva.stations.forEach((station, k) => {
      near(station.queueLength / (convolution.stations[k]?.queueLength ?? 0), 1, 1e-9);
    });
    expect(mva.throughput).toBeLessThanOrEqual(10);
  });

  it('keeps N jobs: Σ Q_k + X0·Z = N, and Q_k = X0·residence_k (property)', () => {
    fc.assert(
      fc.property(closedNetworks(), (input) => {
        const result = solveClosedNetwork(input);
        const jobs = result.stations.reduce((sum, station) => sum + station.queueLength, 0);
        near(jobs + result.throughput * (input.thinkTime ?? 0), input.population, 1e-9 * input.population);
        result.stations.forEach((station) => {
          near(
            station.queueLength,
            result.throughput * station.residenceTime,
            1e-9 * Math.max(1, station.queueLength),
          );
        });
      }),
    );
  });

  it('throughput ≤ min(N/(D+Z), m_k/D_k) (asymptotic bounds, property)', () => {
    fc.assert(
      fc.property(closedNetworks(), (input) => {
        const result = solveClosedNetwork(input);
        const demands = input.stations.map((s) => s.serviceTime * (s.visits ?? 1));
        const total = demands.reduce((sum, d) => sum + d, 0) + (input.thinkTime ?? 0);
        const capacity = Math.min(
          ...input.stations.map((s, k) =>
            s.servers === 'delay' ? Infinity : (s.servers ?? 1) / (demands[k] as number),
          ),
        );
        expect(result.throughput).toBeLessThanOrEqual(
          Math.min(input.population / total, capacity) * (1 + 1e-12),
        );
      }),
    );
  });

  it('equals the convolution algorithm on random multi-server networks (property)', () => {
    fc.assert(
      fc.property(closedNetworks(), (input) => {
        const mva = solveClosedNetwork(input);
        const convolution = solveClosedNetworkConvolution(input);
        near(mva.throughput, convolution.throughput, 1e-9 * convolution.throughput);
        mva.stations.forEach((station, k) => {
          const reference = convolution.stations[k];
          near(
            station.queueLength,
            reference?.queueLength ?? 0,
            1e-9 * Math.max(1, reference?.queueLength ?? 0),
          );
          near(station.utilization, reference?.utilization ?? 0, 1e-9);
        });
      }),
    );
  });

  it('refuses bad stations with their paths', () => {
    try {
      solveClosedNetwork({
        stations: [{ serviceTime: -1 }, { serviceTime: 1, servers: 0 }],
        population: 2.5,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((issue) => issue.field)).toEqual([
        'population',
        'stations[0].serviceTime',
        'stations[1].servers',
      ]);
    }
  });
});

/** Random networks of 1–5 stations, some multi-server (up to 6) or delay, N up to 40. */
function closedNetworks(): fc.Arbitrary<ClosedNetworkInput> {
  const station = fc.record({
    serviceTime: fc.integer({ min: 1, max: 1000 }).map((i) => i / 100),
    visits: fc.integer({ min: 0, max: 40 }).map((i) => i / 4),
    servers: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant<'delay'>('delay')),
  });
  return fc
    .record({
      stations: fc.array(station, { minLength: 1, maxLength: 5 }),
      population: fc.integer({ min: 1, max: 40 }),
      thinkTime: fc.integer({ min: 0, max: 50 }).map((i) => i / 5),
    })
    .filter((input) => input.thinkTime > 0 || input.stations.some((s) => s.visits > 0));
}
