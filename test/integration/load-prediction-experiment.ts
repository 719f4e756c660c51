// The load-prediction experiment end to end, shared by test/integration/load-prediction.test.ts
// and bench/load-prediction.ts.
import { availableParallelism } from 'node:os';
import { startCpuBoundService } from './cpu-bound-service-client.js';
import { type LevelMeasurement, measureLoadLevels } from './load-levels.js';
import { predictWithTwin, type TwinPrediction } from './twin-load-prediction.js';
export interface ExperimentOptions {
  /** CPU milliseconds of work per request. */
  readonly workMs: number;
  /** Target CPU utilisation of the service at the base load (the rate is set from the work). */
  readonly baseUtilization: number;
  readonly multipliers: readonly number[];
  readonly rounds: number;
  readonly blockSeconds: number;
  readonly settleSeconds: number;
  readonly warmupSeconds: number;
  readonly seed: number;
}

/** Relative error of a prediction against a measurement: (predicted − measured) / measured. */
export function relativeError(predicted: number, measured: number): number {
  return (predicted - measured) / measured;
}

export interface PredictionRow {
  readonly multiplier: number;
  readonly measured: LevelMeasurement;
  readonly twin: TwinPrediction;
  /** Latency proportional to load: mean(kλ) = k·mean(λ), p99 likewise (the naive model). */
  readonly proportional: { readonly meanSeconds: number; readonly p99Seconds: number };
  /** Latency unchanged: what "CPU stays under 80 %, so we are fine" planning assumes. */
  readonly flat: { readonly meanSeconds: number; readonly p99Seconds: number };
  readonly error: {
    readonly twinMean: number;
    readonly twinP99: number;
    readonly twinCpu: number;
    readonly proportionalMean: number;
    readonly proportionalP99: number;
    readonly flatMean: number;
    readonly flatP99: number;
  };
}

export interface ExperimentResult {
  readonly options: ExperimentOptions;
  readonly workCpuMs: number;
  readonly base: LevelMeasurement;
  readonly rows: readonly PredictionRow[];
  readonly notes: readonly string[];
  /** The most cores any level saw taken by other work on the machine. */
  readonly maxNeighbourCores: number | undefined;
  readonly elapsedSeconds: number;
}

const baseLabel = '×1';

/**
 * Starts the service, measures the base and every multiple of it in interleaved blocks, lets the
 * twin calibrate on the base alone and predict the multiples, and sets the twin and the two
 * naive models against what was measured.
 */
export async function runLoadPredictionExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const started = performance.now();
  const service = await startCpuBoundService(options.workMs);
  try {
    const baseRate = options.baseUtilization / (service.workCpuMs / 1000);
    const levels = await measureLoadLevels(service, {
      levels: [
        { label: baseLabel, ratePerSecond: baseRate },
        ...options.multipliers.map((k) => ({ label: `×${k}`, ratePerSecond: k * baseRate })),
      ],
      rounds: options.rounds,
      blockSeconds: options.blockSeconds,
      settleSeconds: options.settleSeconds,
      warmupSeconds: options.warmupSeconds,
      seed: options.seed,
    });
    const base = levels.get(baseLabel);
    if (!base) throw new Error('the base level was not measured');
    const predictions = await predictWithTwin(
      {
        requestRate: base.throughput,
        meanSeconds: base.meanSeconds,
        p99Seconds: base.p99Seconds,
        serviceTimeScv: base.handlerWallScv,
        serviceTimeSeconds: base.handlerWallSeconds,
        containerCpuUtilization: base.cpuUtilization,
        // The host as it would be in production: the service and whatever else runs beside it,
        // not this test's load generator, which in a real estate sits on other machines.
        hostCpuUtilization:
          base.neighbourCores === undefined
            ? undefined
            : (base.cpuUtilization + base.neighbourCores) / availableParallelism(),
        hostCores: availableParallelism(),
      },
      options.multipliers,
    );
    const rows = predictions.map((twin): PredictionRow => {
      const measured = levels.get(`×${twin.multiplier}`) as LevelMeasurement;
      const k = twin.multiplier;
      const proportional = { meanSeconds: k * base.meanSeconds, p99Seconds: k * base.p99Seconds };
      const flat = { meanSeconds: base.meanSeconds, p99Seconds: base.p99Seconds };
      return {
        multiplier: k,
        measured,
        twin,
        proportional,
        flat,
        error: {
          twinMean: relativeError(twin.meanSeconds, measured.meanSeconds),
          twinP99: relativeError(twin.p99Seconds, measured.p99Seconds),
          twinCpu: relativeError(twin.utilization, measured.cpuUtilization),
          proportionalMean: relativeError(proportional.meanSeconds, measured.meanSeconds),
          proportionalP99: relativeError(proportional.p99Seconds, measured.p99Seconds),
          flatMean: relativeError(flat.meanSeconds, measured.meanSeconds),
          flatP99: relativeError(flat.p99Seconds, measured.p99Seconds),
        },
      };
    });
    const neighbours = [...levels.values()]
      .map((level) => level.neighbourCores)
      .filter((value): value is number => value !== undefined);
    return {
      options,
      workCpuMs: service.workCpuMs,
      base,
      rows,
      notes: predictions[0]?.notes ?? [],
      maxNeighbourCores: neighbours.length > 0 ? Math.max(...neighbours) : undefined,
      elapsedSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await service.stop();
  }
}

const ms = (seconds: number) => (seconds * 1000).toFixed(2);
const pct = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;

/** The figures as a plain-text table, for test output and the benchmark's log. */
export function formatExperiment(result: ExperimentResult): string {
  const { base } = result;
  const level = (m: LevelMeasurement) =>
    `${m.label.padEnd(5)} ${m.offeredRate.toFixed(1).padStart(6)} req/s  n=${String(m.latencies.length).padStart(5)}` +
    `  cpu ${m.cpuUtilization.toFixed(3)}  demand ${ms(m.demandSeconds)} ms (loop ${ms(m.handlerCpuSeconds)} cpu,` +
    ` ${ms(m.handlerWallSeconds)} wall, scv ${m.handlerWallScv.toFixed(3)})  mean ${ms(m.meanSeconds)} ms` +
    `  p50 ${ms(m.p50Seconds)}  p99 ${ms(m.p99Seconds)} ms  send lag ${ms(m.sendLagMeanSeconds)} ms` +
    `  neighbours ${m.neighbourCores?.toFixed(2) ?? '?'} cores`;
  const lines = [
    `measured (work ${result.workCpuMs.toFixed(2)} ms CPU per request, ${result.options.rounds} interleaved rounds):`,
    `  ${level(base)}`,
    ...result.rows.map((row) => `  ${level(row.measured)}`),
    'predicted from the base alone        mean ms (error)                      p99 ms (error)',
    ...result.rows.flatMap((row) => [
      `  ×${row.multiplier}  measured                  ${ms(row.measured.meanSeconds).padStart(8)}` +
        `                             ${ms(row.measured.p99Seconds).padStart(8)}`,
      `        twin (cpu ${row.twin.utilization.toFixed(3)}, ${pct(row.error.twinCpu)})` +
        `  ${ms(row.twin.meanSeconds).padStart(8)} (${pct(row.error.twinMean)})` +
        `                   ${ms(row.twin.p99Seconds).padStart(8)} (${pct(row.error.twinP99)})`,
      `        naive: proportional       ${ms(row.proportional.meanSeconds).padStart(8)} (${pct(row.error.proportionalMean)})` +
        `                   ${ms(row.proportional.p99Seconds).padStart(8)} (${pct(row.error.proportionalP99)})`,
      `        naive: flat               ${ms(row.flat.meanSeconds).padStart(8)} (${pct(row.error.flatMean)})` +
        `                   ${ms(row.flat.p99Seconds).padStart(8)} (${pct(row.error.flatP99)})`,
    ]),
    `twin at the base: mean ${ms(result.rows[0]?.twin.baseMeanSeconds ?? Number.NaN)} ms (measured ${ms(base.meanSeconds)}),` +
      ` p99 ${ms(result.rows[0]?.twin.baseP99Seconds ?? Number.NaN)} ms (measured ${ms(base.p99Seconds)})`,
    ...result.notes.map((note) => `note: ${note}`),
    `elapsed ${result.elapsedSeconds.toFixed(1)} s`,
  ];
  return lines.join('\n');
}
