// Does the twin predict a real service under more load? A CPU-bound HTTP service runs in its own
// process (one thread: one server of one queue); an open-loop generator offers it Poisson
// arrivals at a base rate and at 1.5× and 2×, in interleaved blocks so that drift in the
// machine's other load lands on every level alike. The twin is given only what the live mirror
// would record at the base (request rate, p99, the process's and the machine's CPU) and predicts
// the others with the scenario engine. Its errors are printed beside two naive models':
// latency proportional to load, and latency flat. docs/load-prediction.md has the figures and
// what they say about the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExperimentResult,
  formatExperiment,
  runLoadPredictionExperiment,
} from './load-prediction-experiment.js';

/** The goal for the twin's latency error. */
const goal = 0.15;
/**
 * What is asserted: not the goal, which the engine does not meet at 2× (docs/load-prediction.md:
 * +24 … +44 % on the mean: the process's CPU per request, which the utilisation law charges, is
 * about 5 % more than the time requests hold the one thread, and near ρ = 0.8 that is a large
 * part of the wait), but that the prediction stays within the same order as the measurement (a
 * regression to the M/M/1 engine gave +105 … +185 %). The goal is printed against the figures
 * every run, with both naive models beside the twin.
 */
const sanityBound = 1;
/**
 * The utilisation law on the real process: CPU at k× load is k× the base's, give or take the
 * process's own overhead per request, which falls a little as load grows (measured 5–11 %).
 */
const cpuBound = 0.15;
/**
 * The twin's CPU comes from one point of that law, which counts the process's idle and
 * amortised work per request (measured +3 … +11 % at 1.5× and 2×).
 */
const twinCpuBound = 0.2;
/**
 * Above this many cores taken by other work, the service's wall-clock time is the neighbours'
 * as much as its own: the latency comparison is skipped (and says so), never loosened.
 */
const maxNeighbourCores = 0.5;

let result: ExperimentResult | undefined;

describe.sequential('load prediction against a real CPU-bound service', () => {
  beforeAll(async () => {
    result = await runLoadPredictionExperiment({
      workMs: 4,
      // Below the 40–50 % one might pick: at 2× that is 80–100 %, where 13 s of measurement
      // cannot pin the mean to better than ±10–20 % (the variance of a queue's mean grows
      // like 1/(1−ρ)⁴). 0.375 puts 2× at ~0.75.
      baseUtilization: 0.375,
      multipliers: [1.5, 2],
      rounds: 4,
      blockSeconds: 3.25,
      settleSeconds: 0.5,
      warmupSeconds: 1.5,
      seed: 20_260_105,
    });
    console.log(formatExperiment(result));
    for (const row of result.rows) {
      const verdict = (error: number) => (Math.abs(error) <= goal ? 'meets' : 'misses');
      console.log(
        `goal ±${goal * 100} % at ×${row.multiplier}: mean ${verdict(row.error.twinMean)}, p99 ${verdict(row.error.twinP99)}`,
      );
    }
  }, 120_000);

  afterAll(() => {
    result = undefined;
  });

  it('measures what it means to: every request answered, the offered rates served, CPU linear in load', () => {
    const { base, rows } = result as ExperimentResult;
    for (const level of [base, ...rows.map((row) => row.measured)]) {
      expect(level.errors).toBe(0);
      expect(level.latencies.length).toBeGreaterThan(600);
      // An open loop keeps its rate whatever the server does; a server that keeps up serves it.
      expect(Math.abs(level.throughput / level.offeredRate - 1)).toBeLessThan(0.08);
    }
    expect(base.cpuUtilization).toBeGreaterThan(0.25);
    expect(base.cpuUtilization).toBeLessThan(0.5);
    // The utilisation law on the real process: k times the requests, k times the CPU.
    for (const row of rows) {
      const linear = (row.multiplier * base.cpuUtilization) / row.measured.cpuUtilization - 1;
      expect(Math.abs(linear), `×${row.multiplier}`).toBeLessThan(cpuBound);
    }
  });

  /** Skips a comparison with the twin when the machine's other work would decide it. */
  const skipWhenContended = (context: { skip: () => void }) => {
    const neighbours = (result as ExperimentResult).maxNeighbourCores;
    if (neighbours !== undefined && neighbours > maxNeighbourCores) {
      console.log(
        `skipped: other work took ${neighbours.toFixed(2)} cores of the machine while measuring (limit ${maxNeighbourCores})`,
      );
      context.skip();
    }
  };

  it('predicts the service CPU at 1.5× and 2×', (context) => {
    // Under a busy host the engine slows the replica down and reports its core's busy share,
    // which is then more than its CPU time: only an uncontended run compares like with like.
    skipWhenContended(context);
    for (const row of (result as ExperimentResult).rows)
      expect(Math.abs(row.error.twinCpu), `×${row.multiplier}`).toBeLessThan(twinCpuBound);
  });

  it('predicts mean and p99 latency at 1.5× and 2× within the same order as measured', (context) => {
    skipWhenContended(context);
    for (const row of (result as ExperimentResult).rows) {
      const at = `×${row.multiplier}`;
      expect(Math.abs(row.error.twinMean), `mean ${at}`).toBeLessThan(sanityBound);
      expect(Math.abs(row.error.twinP99), `p99 ${at}`).toBeLessThan(sanityBound);
      // Latency grows with load in the twin as it does in the measurement.
      expect(row.twin.meanSeconds, `mean ${at} grows`).toBeGreaterThan(row.twin.baseMeanSeconds);
    }
  });
});
