import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { type OpenNetworkInput, solveOpenNetwork } from './solve-open-network.js';

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

/** A central server: jobs alternate CPU → disk k → CPU and leave from the CPU; V_k = visits. */
function centralServer(lambda: number, visits: number[], serviceTimes: number[]): OpenNetworkInput {
  const cpuVisits = visits[0] as number;
  const n = visits.length;
  const routing = visits.map((_, i) =>
    visits.map((v, j) => (i === 0 ? (j === 0 ? 0 : v / cpuVisits) : j === 0 ? 1 : 0)),
  );
  return {
    externalArrivalRate: visits.map((_, i) => (i === 0 ? lambda : 0)),
    routing,
    serviceRate: serviceTimes.map((s) => 1 / s),
    servers: new Array<number>(n).fill(1),
  };
}

const bolch74: OpenNetworkInput = {
  externalArrivalRate: [0, 0, 0, 4],
  routing: [
    [0, 0.5, 0.5, 0],
    [1, 0, 0, 0],
    [0.6, 0, 0, 0],
    [1, 0, 0, 0],
  ],
  serviceRate: [1 / 0.04, 1 / 0.03, 1 / 0.06, 1 / 0.05],
  servers: [1, 1, 1, 1],
};

describe('solveOpenNetwork', () => {
  it('reproduces QSP (Lazowska et al. 1984) p. 113 (Octave qnos.m): U₁ = 0.182, X₁ = 36.3, Q₁ = 0.222, R = 8.68 s', () => {
    const result = solveOpenNetwork(centralServer(0.3, [121, 70, 50], [0.005, 0.03, 0.027]));
    const [cpu, disk1, disk2] = result.stations;
    near(cpu?.utilization ?? 0, 0.182, 1e-3);
    near(cpu?.arrivalRate ?? 0, 36.3, 1e-3);
    near(cpu?.meanNumber ?? 0, 0.222, 1e-3);
    near(disk1?.utilization ?? 0, 0.63, 1e-3);
    near(disk2?.utilization ?? 0, 0.405, 1e-3);
    near((disk1?.meanNumber ?? 0) / 1.7, 1, 5e-3);
    near(result.networkMeanResponse / 8.68, 1, 5e-3);
    near(result.meanNumberInNetwork / 2.61, 1, 5e-3);
  });

  it('QSP p. 113 what-if +50 % traffic: U = [0.272, 0.945, 0.608], R = 42.5 s (queueing-textbook.md F6)', () => {
    const result = solveOpenNetwork(centralServer(0.45, [121, 70, 50], [0.005, 0.03, 0.027]));
    [0.272, 0.945, 0.608].forEach((u, i) => {
      near(result.stations[i]?.utilization ?? 0, u, 1e-3);
    });
    near(result.networkMeanResponse / 42.5, 1, 5e-3);
  });

  it('reproduces Jain Ex. 34.1 p. 572 (Octave qnos.m): U = [0.48, 0.42, 0.72], R = [0.0192, 0.0345, 0.107]', () => {
    const result = solveOpenNetwork(centralServer(3, [16, 7, 8], [0.01, 0.02, 0.03]));
    [0.48, 0.42, 0.72].forEach((u, i) => {
      near(result.stations[i]?.utilization ?? 0, u, 1e-3);
    });
    [0.0192, 0.0345, 0.107].forEach((r, i) => {
      near((result.stations[i]?.meanResponse ?? 0) / r, 1, 5e-3);
    });
    [0.923, 0.724, 2.57].forEach((q, i) => {
      near((result.stations[i]?.meanNumber ?? 0) / q, 1, 5e-3);
    });
    near(result.networkMeanResponse / 1.41, 1, 5e-3);
  });

  it('reproduces Bolch et al. Ex. 7.4 p. 287: λ = [20, 10, 10, 4], U, R per visit, Q, N = 6.18', () => {
    const result = solveOpenNetwork(bolch74);
    const expected = {
      arrivalRate: [20, 10, 10, 4],
      utilization: [0.8, 0.3, 0.6, 0.2],
      meanResponse: [0.2, 0.043, 0.15, 0.0625],
      meanNumber: [4, 0.429, 1.5, 0.25],
    } as const;
    for (const [field, values] of Object.entries(expected))
      values.forEach((value, i) => {
        near(result.stations[i]?.[field as keyof typeof expected] ?? 0, value, 1e-3);
      });
    near(result.meanNumberInNetwork, 6.18, 1e-2);
    near(result.networkMeanResponse, 1.54, 1e-2);
  });

  it('Bolch Ex. 7.4 failure what-if: with P₃₁ = 1 there is no exit, and it throws instead of returning a number', () => {
    const closedLoop = {
      ...bolch74,
      routing: bolch74.routing.map((row, i) => (i === 2 ? [1, 0, 0, 0] : row)),
    };
    expect(() => solveOpenNetwork(closedLoop)).toThrow(InputError);
    expect(() => solveOpenNetwork(closedLoop)).toThrow('the traffic equations have no finite solution');
    try {
      solveOpenNetwork(closedLoop);
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.field)).toContain('routing[2]');
    }
  });

  it('reports an overloaded station as unstable with infinite times', () => {
    const result = solveOpenNetwork({ ...bolch74, externalArrivalRate: [0, 0, 0, 6] });
    expect(result.stable).toBe(false);
    expect(result.stations[0]?.stable).toBe(false);
    near(result.stations[0]?.utilization ?? 0, 1.2, 1e-9);
    expect(result.stations[0]?.meanResponse).toBe(Number.POSITIVE_INFINITY);
    expect(result.networkMeanResponse).toBe(Number.POSITIVE_INFINITY);
    expect(result.stations[3]?.stable).toBe(true);
  });

  it('gives a station nothing reaches λ = 0 and mean response 1/μ, even inside an unfed closed loop', () => {
    const result = solveOpenNetwork({
      externalArrivalRate: [1, 0, 0],
      routing: [
        [0, 0, 0],
        [0, 0, 1],
        [0, 1, 0],
      ],
      serviceRate: [2, 4, 5],
      servers: [1, 1, 2],
    });
    expect(result.stations.map((station) => station.arrivalRate)).toEqual([1, 0, 0]);
    expect(result.stations[1]?.meanResponse).toBe(0.25);
    expect(result.networkMeanResponse).toBe(1);
  });

  it('names bad routing: a negative probability and a row summing above 1', () => {
    try {
      solveOpenNetwork({
        ...bolch74,
        routing: [
          [0, 0.5, 0.6, 0],
          [1, 0, 0, 0],
          [-0.1, 0, 0, 0],
          [1, 0, 0, 0],
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.field)).toEqual([
        'routing[0]',
        'routing[2][0]',
      ]);
    }
  });

  it('satisfies λ = γ + λP, flow balance and Little per station on random networks (property)', () => {
    const network = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.record({
        external: fc.array(
          fc.integer({ min: 0, max: 100 }).map((i) => i / 10),
          { minLength: n, maxLength: n },
        ),
        weights: fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: n + 1, maxLength: n + 1 }), {
          minLength: n,
          maxLength: n,
        }),
        servers: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(network, ({ external, weights, servers }) => {
        fc.pre(external.some((rate) => rate > 0));
        // The last weight of each row is the exit: at least 1, so every station can leave.
        const routing = weights.map((row) => {
          const total = row.reduce((sum, w) => sum + w, 0) + 1;
          return row.slice(0, -1).map((w) => w / total);
        });
        const n = external.length;
        const arrivals = solveOpenNetwork({
          externalArrivalRate: external,
          routing,
          serviceRate: servers.map(() => 1),
          servers,
        });
        const lambda = arrivals.stations.map((station) => station.arrivalRate);
        // Capacity 1.25 × λ so every station is stable.
        const serviceRate = lambda.map((rate, i) => Math.max(1, (1.25 * rate) / (servers[i] as number)));
        const result = solveOpenNetwork({ externalArrivalRate: external, routing, serviceRate, servers });
        expect(result.stable).toBe(true);
        const totalIn = external.reduce((sum, rate) => sum + rate, 0);
        let totalOut = 0;
        for (let j = 0; j < n; j++) {
          const inflow =
            (external[j] as number) +
            lambda.reduce((sum, rate, i) => sum + rate * (routing[i]?.[j] as number), 0);
          near(lambda[j] as number, inflow, 1e-9 * Math.max(1, inflow));
          const station = result.stations[j];
          near(
            station?.meanNumber ?? 0,
            (lambda[j] as number) * (station?.meanResponse ?? 0),
            1e-9 * Math.max(1, station?.meanNumber ?? 0),
          );
          totalOut += (lambda[j] as number) * (1 - (routing[j] as number[]).reduce((sum, p) => sum + p, 0));
        }
        near(totalOut, totalIn, 1e-9 * totalIn);
      }),
    );
  });
});
