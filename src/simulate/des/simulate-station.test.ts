import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { distributionMoments } from './distribution-moments.js';
import type { DistributionSpec } from './distribution-spec.js';
import { simulateNetwork } from './simulate-network.js';
import { type StationModel, simulateStation } from './simulate-station.js';
import type { Estimate } from './simulation-result.js';

// Exact references, kept here so the engine is checked against formulas, not against itself.

/** Erlang C: the probability of waiting in M/M/c with offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  return top / (sum + top);
}

/** Mean response (sojourn) time of M/M/c. */
function mmcResponse(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
}

/** Pollaczek–Khinchine mean response of M/G/1: E[S] + λE[S²] / (2(1 − ρ)). */
function mg1Response(lambda: number, mean: number, cv: number): number {
  const rho = lambda * mean;
  return mean + (lambda * mean * mean * (1 + cv * cv)) / (2 * (1 - rho));
}

function expectWithin(estimate: Estimate, exact: number): void {
  expect(exact).toBeGreaterThanOrEqual(estimate.low);
  expect(exact).toBeLessThanOrEqual(estimate.high);
}

const exponential = (mean: number): DistributionSpec => ({ type: 'exponential', mean });

function mmc(c: number, lambda: number): StationModel {
  return { servers: c, service: exponential(1), arrivals: { rate: lambda } };
}

describe('simulateStation', () => {
  it('M/M/1 at ρ = 0.9: mean sojourn 10, L = 9 inside the intervals, percentiles within 5 %', () => {
    const result = simulateStation(mmc(1, 0.9), { customers: 2_000_000, seed: 1 });
    expect(mmcResponse(1, 0.9, 1)).toBeCloseTo(10, 12);
    expectWithin(result.response, 10);
    const station = result.stations[0]!;
    expectWithin(station.meanNumber, 9);
    expectWithin(station.utilisation, 0.9);
    expectWithin(station.meanResponse, 10);
    // The sojourn time is exponential with rate μ − λ = 0.1: p = −10 ln(1 − q).
    // 5 % is about twice the relative half-width of the mean's interval at this length.
    expect(result.response.p50 / (10 * Math.log(2)) - 1).toBeCloseTo(0, 1);
    for (const [value, exact] of [
      [result.response.p50, 6.931],
      [result.response.p95, 29.957],
      [result.response.p99, 46.052],
    ] as const) {
      expect(Math.abs(value / exact - 1)).toBeLessThan(0.05);
    }
    expect(result.warmup.reliable).toBe(true);
    expect(result.keptCustomers).toBeGreaterThan(1_900_000);
  });

  // A test that checks k intervals at 95 % fails by chance with probability up to 1 − 0.95^k;
  // those with many checks ask for 99.9 % intervals (Bonferroni) so a pass or a failure means something.
  it('M/M/c against Erlang C, including M/M/10 at ρ = 0.9 (1.669 s)', () => {
    expect(mmcResponse(10, 9, 1)).toBeCloseTo(1.669, 3);
    const cases = [
      { c: 1, lambda: 0.5 },
      { c: 2, lambda: 1.6 },
      { c: 5, lambda: 3.5 },
      { c: 10, lambda: 9 },
      { c: 20, lambda: 19 },
    ];
    for (const [i, { c, lambda }] of cases.entries()) {
      const result = simulateStation(mmc(c, lambda), {
        customers: 1_000_000,
        seed: 100 + i,
        confidence: 0.999,
      });
      expectWithin(result.response, mmcResponse(c, lambda, 1));
      expectWithin(result.stations[0]!.utilisation, lambda / c);
      expectWithin(result.stations[0]!.meanNumber, lambda * mmcResponse(c, lambda, 1));
    }
  });

  it('M/G/1 against Pollaczek–Khinchine: deterministic, Erlang-4, gamma and H2 service', () => {
    const services: DistributionSpec[] = [
      { type: 'deterministic', value: 1 },
      { type: 'erlang', mean: 1, k: 4 },
      { type: 'gamma', mean: 1, cv: 0.5 },
      { type: 'hyperexponential', mean: 1, cv: 2 },
      { type: 'lognormal', mean: 1, cv: 1.5 },
    ];
    for (const [i, service] of services.entries()) {
      const result = simulateStation(
        { servers: 1, service, arrivals: { rate: 0.8 } },
        { customers: 1_000_000, seed: 200 + i, confidence: 0.999 },
      );
      expectWithin(result.response, mg1Response(0.8, 1, distributionMoments(service).cv));
    }
    // M/D/1 at ρ = 0.8: 1 + 0.8 / 0.4 = 3.
    expect(mg1Response(0.8, 1, 0)).toBeCloseTo(3, 12);
  });

  it('covers the exact mean in about 95 % of the 95 % intervals (40 seeds, M/M/2 at ρ = 0.8)', () => {
    const exact = mmcResponse(2, 1.6, 1);
    let responseCovered = 0;
    let numberCovered = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const result = simulateStation(mmc(2, 1.6), { customers: 200_000, seed });
      if (result.response.low <= exact && exact <= result.response.high) responseCovered++;
      const number = result.stations[0]!.meanNumber;
      if (number.low <= 1.6 * exact && 1.6 * exact <= number.high) numberCovered++;
    }
    expect(responseCovered).toBeGreaterThanOrEqual(34);
    expect(numberCovered).toBeGreaterThanOrEqual(34);
  });

  it('repeats exactly for a seed and differs for another', () => {
    const run = (seed: number) =>
      simulateStation(
        {
          servers: 3,
          service: { type: 'lognormal', mean: 1, cv: 1.2 },
          arrivals: { interarrival: { type: 'gamma', mean: 0.5, cv: 0.7 } },
        },
        { customers: 50_000, seed },
      );
    expect(run(9)).toEqual(run(9));
    expect(run(9).response.mean).not.toBe(run(10).response.mean);
  });

  it('gives exactly what the general engine gives for the same one-station network', () => {
    const model = mmc(4, 3.2);
    const options = { customers: 100_000, seed: 12, warmup: 0.1 };
    const network = simulateNetwork(
      {
        stations: [{ name: 'station', servers: 4, service: model.service }],
        arrivals: [{ to: 'station', rate: 3.2 }],
      },
      options,
    );
    expect(simulateStation(model, options)).toEqual(network);
    expect(network.warmup).toMatchObject({ method: 'fraction', deletedCustomers: expect.any(Number) });
    expect(network.warmup.deletedCustomers).toBeGreaterThanOrEqual(10_000);
  });

  it('refuses bad input with field paths', () => {
    try {
      simulateStation(
        { servers: 0, service: { type: 'exponential', mean: -1 }, arrivals: {} },
        { customers: 10, seed: 1.5, batches: 5 },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((issue) => issue.field)).toEqual([
        'servers',
        'service.mean',
        'arrivals',
        'batches',
        'customers',
        'seed',
      ]);
    }
  });
});
