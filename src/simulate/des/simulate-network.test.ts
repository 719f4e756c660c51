import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import type { NetworkSpec } from './network-spec.js';
import { simulateNetwork } from './simulate-network.js';
import type { Estimate } from './simulation-result.js';

function expectWithin(estimate: Estimate, exact: number): void {
  expect(exact).toBeGreaterThanOrEqual(estimate.low);
  expect(exact).toBeLessThanOrEqual(estimate.high);
}

function issueFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((issue) => issue.field ?? '');
  }
  throw new Error('expected an InputError');
}

/**
 * Jain, The Art of Computer Systems Performance Analysis, Example 34.1: λ = 3, visits
 * V = [16, 7, 8], S = [0.01, 0.02, 0.03]. As a central server: the CPU sends 7/16 to disk A,
 * 8/16 to disk B and 1/16 out; the disks return to the CPU.
 */
const jain: NetworkSpec = {
  stations: [
    { name: 'cpu', servers: 1, service: { type: 'exponential', mean: 0.01 } },
    { name: 'disk-a', servers: 1, service: { type: 'exponential', mean: 0.02 } },
    { name: 'disk-b', servers: 1, service: { type: 'exponential', mean: 0.03 } },
  ],
  arrivals: [{ to: 'cpu', rate: 3 }],
  routing: [
    [0, 7 / 16, 8 / 16],
    [1, 0, 0],
    [1, 0, 0],
  ],
};

describe('simulateNetwork', () => {
  // Thirteen intervals in one test: 99.9 % each keeps a chance failure of the whole below 2 %.
  it('reproduces Jain Ex. 34.1 (a Jackson network: each station M/M/1 at its own rate)', () => {
    const result = simulateNetwork(jain, { customers: 400_000, seed: 34, confidence: 0.999 });
    const utilisation = [0.48, 0.42, 0.72];
    const visits = [16, 7, 8];
    const service = [0.01, 0.02, 0.03];
    result.stations.forEach((station, i) => {
      const perVisit = service[i]! / (1 - utilisation[i]!);
      expect(station.offeredUtilisation).toBeCloseTo(utilisation[i]!, 12);
      expectWithin(station.utilisation, utilisation[i]!);
      expectWithin(station.meanResponse, perVisit);
      expectWithin(station.meanNumber, utilisation[i]! / (1 - utilisation[i]!));
      expect(station.throughput / (3 * visits[i]!)).toBeCloseTo(1, 1);
    });
    expect([0.0192, 0.0345, 0.107].map((r, i) => Math.abs(r - service[i]! / (1 - utilisation[i]!)))).toEqual(
      [expect.any(Number), expect.any(Number), expect.any(Number)].map(() => expect.closeTo(0, 3)),
    );
    // End to end: Σ Vᵢ Rᵢ = 1.406 s.
    const endToEnd = visits.reduce((sum, v, i) => sum + (v * service[i]!) / (1 - utilisation[i]!), 0);
    expect(endToEnd).toBeCloseTo(1.406, 3);
    expectWithin(result.response, endToEnd);
    expect(result.throughput).toBeCloseTo(3, 1);
  });

  it('runs a tandem of general stations fed by two streams, one with a daily profile', () => {
    const result = simulateNetwork(
      {
        stations: [
          { name: 'web', servers: 4, service: { type: 'gamma', mean: 0.5, cv: 0.5 } },
          { name: 'db', servers: 2, service: { type: 'lognormal', mean: 0.2, cv: 1 } },
        ],
        arrivals: [
          {
            to: 'web',
            rate: 2,
            schedule: {
              period: 100,
              steps: [
                { at: 0, multiplier: 0.5 },
                { at: 50, multiplier: 1.5 },
              ],
            },
          },
          { to: 'web', interarrival: { type: 'uniform', min: 0.5, max: 1.5 } },
        ],
        routing: [
          [0, 0.5],
          [0.2, 0],
        ],
      },
      { customers: 300_000, seed: 3, confidence: 0.99 },
    );
    // External rate 2 + 1 = 3; web sees 3 / (1 − 0.5·0.2) = 3.333, db half of that.
    const [web, db] = result.stations as [(typeof result.stations)[0], (typeof result.stations)[0]];
    expect(web.offeredUtilisation).toBeCloseTo((3.3333 * 0.5) / 4, 3);
    expectWithin(web.utilisation, web.offeredUtilisation);
    expectWithin(db.utilisation, db.offeredUtilisation);
    expect(result.throughput).toBeCloseTo(3, 1);
    expect(result.response.p50).toBeLessThan(result.response.p95);
    expect(result.response.p95).toBeLessThan(result.response.p99);
  });

  it('repeats exactly for a seed', () => {
    const options = { customers: 10_000, seed: 77 };
    expect(simulateNetwork(jain, options)).toEqual(simulateNetwork(jain, options));
    expect(simulateNetwork(jain, { ...options, seed: 78 }).response.mean).not.toBe(
      simulateNetwork(jain, options).response.mean,
    );
  });

  it('refuses a closed loop, a row above 1, unknown stations and bad options, with field paths', () => {
    const station = (name: string) => ({
      name,
      servers: 1,
      service: { type: 'exponential' as const, mean: 1 },
    });
    expect(
      issueFields(() =>
        simulateNetwork(
          {
            stations: [station('a'), station('b'), station('c')],
            arrivals: [{ to: 'a', rate: 1 }],
            routing: [
              [0, 0.5, 0],
              [0, 0, 1],
              [0, 1, 0],
            ],
          },
          { customers: 1000, seed: 1 },
        ),
      ),
    ).toEqual(['routing[1]', 'routing[2]']);
    expect(
      issueFields(() =>
        simulateNetwork(
          {
            stations: [station('a'), station('a')],
            arrivals: [{ to: 'x', rate: 1 }],
            routing: [
              [0.7, 0.7],
              [0, 0],
            ],
          },
          { customers: 1000, seed: 1, warmup: 0.9, confidence: 1 },
        ),
      ),
    ).toEqual(['stations[1].name', 'arrivals[0].to', 'routing[0]', 'warmup', 'confidence']);
  });
});
