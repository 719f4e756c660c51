// The load-prediction experiment of test/integration/load-prediction.test.ts with more samples:
// a CPU-bound HTTP service in its own process, loaded open-loop (Poisson arrivals) at a base
// rate and at 1.5× and 2× in interleaved blocks; the twin calibrates on the base alone and
// predicts the others; its errors are set beside two naive models' (docs/load-prediction.md).
// Usage: npm run bench -- load-prediction [--work-ms 4] [--base-utilization 0.375]
//   [--rounds 10] [--block-seconds 5] [--seed 1]
import {
  formatExperiment,
  runLoadPredictionExperiment,
} from '../test/integration/load-prediction-experiment.js';
import { argValue, round } from './bench-utils.js';

const result = await runLoadPredictionExperiment({
  workMs: Number(argValue('--work-ms') ?? 4),
  baseUtilization: Number(argValue('--base-utilization') ?? 0.375),
  multipliers: [1.5, 2],
  rounds: Number(argValue('--rounds') ?? 10),
  blockSeconds: Number(argValue('--block-seconds') ?? 5),
  settleSeconds: 0.5,
  warmupSeconds: 2,
  seed: Number(argValue('--seed') ?? 1),
});
process.stderr.write(`${formatExperiment(result)}\n`);

const msOf = (seconds: number) => round(seconds * 1000, 3);
const percentOf = (ratio: number) => round(ratio * 100, 1);
console.log(
  JSON.stringify({
    workCpuMs: round(result.workCpuMs, 3),
    base: {
      rate: round(result.base.throughput, 1),
      requests: result.base.latencies.length,
      cpu: round(result.base.cpuUtilization, 4),
      demandMs: msOf(result.base.demandSeconds),
      meanMs: msOf(result.base.meanSeconds),
      p99Ms: msOf(result.base.p99Seconds),
    },
    levels: result.rows.map((row) => ({
      multiplier: row.multiplier,
      rate: round(row.measured.throughput, 1),
      requests: row.measured.latencies.length,
      cpu: round(row.measured.cpuUtilization, 4),
      twinCpu: round(row.twin.utilization, 4),
      meanMs: msOf(row.measured.meanSeconds),
      p99Ms: msOf(row.measured.p99Seconds),
      twinMeanMs: msOf(row.twin.meanSeconds),
      twinP99Ms: msOf(row.twin.p99Seconds),
      errorPercent: {
        twinMean: percentOf(row.error.twinMean),
        twinP99: percentOf(row.error.twinP99),
        twinCpu: percentOf(row.error.twinCpu),
        proportionalMean: percentOf(row.error.proportionalMean),
        proportionalP99: percentOf(row.error.proportionalP99),
        flatMean: percentOf(row.error.flatMean),
        flatP99: percentOf(row.error.flatP99),
      },
    })),
    maxNeighbourCores: result.maxNeighbourCores === undefined ? null : round(result.maxNeighbourCores, 3),
    elapsedSeconds: round(result.elapsedSeconds, 1),
  }),
);
