// Forecast accuracy against Prometheus's predict_linear, the way users run it today:
//   (a) the demo plant: disk-fill faults (disk_used_ratio, threshold 100 %), fan failures
//       (cpu_temperature_celsius, threshold 75 °C) and cooling failures (rack
//       inlet_temperature_celsius, threshold 27 °C, ASHRAE's recommended limit), seeded;
//   (b) NAB series with the last days held out (../shared/data/nab by default).
// For each method: MAE and MASE over the held-out tail, and for the series that cross a threshold
// in the tail (and not before), the error of the predicted time of crossing. Coverage of our 80 %
// interval. predict_linear runs with a 6 h window and with a window equal to the horizon.
// Usage: npm run bench -- forecast [--nab <dir>] [--seed 1]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultSpec } from '../src/plant/index.js';
import { createEmulator, generateEstate } from '../src/plant/index.js';
import {
  type Forecast,
  forecastAt,
  forecastSeries,
  intervalCoverage,
  meanAbsoluteError,
  naiveScale,
  parseSeriesCsv,
  prometheusLinearRegression,
  type SeriesPoint,
  samplesInRange,
  timeToThreshold,
  toSeriesPoints,
} from '../src/predict/index.js';
import { argValue, mulberry32, percentile, round } from './bench-utils.js';

const nabDir = argValue('--nab') ?? '../shared/data/nab';
const seed = Number(argValue('--seed') ?? 1);
const log = (line: string) => process.stderr.write(`${line}\n`);
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** One held-out case: history up to the origin, the tail after it, and an optional threshold. */
interface Case {
  name: string;
  history: SeriesPoint[];
  tail: SeriesPoint[];
  horizonMs: number;
  stepMs?: number;
  threshold?: number;
  /** A physical limit both methods are clamped to (as `clamp_max(predict_linear(…), 1)` would). */
  max?: number;
}

interface MethodResult {
  mae: number;
  mase: number;
  /** Predicted crossing, ms after the origin; undefined: none within the horizon. */
  crossingMs?: number;
}

interface CaseResult {
  name: string;
  horizonMs: number;
  hasThreshold: boolean;
  actualCrossingMs?: number;
  /** When the tail's rolling median (12 points) reaches the threshold: a level, not a lone spike. */
  sustainedCrossingMs?: number;
  ours: MethodResult & {
    coverage: number;
    /** The 80 % interval of the crossing; undefined: not within the horizon. */
    earliestMs?: number;
    latestMs?: number;
    /** The predicted chance of a crossing within the horizon (from sampled paths). */
    probability?: number;
  };
  window: MethodResult;
  horizonWindow: MethodResult;
  seconds: number;
}

const random = mulberry32(seed);
const uniform = (low: number, high: number) => low + (high - low) * random();

function evaluate(c: Case, windowMs: number): CaseResult {
  const origin = c.history[c.history.length - 1] as SeriesPoint;
  const started = performance.now();
  const forecast = forecastSeries(c.history, {
    horizonMs: c.horizonMs,
    ...(c.stepMs ? { stepMs: c.stepMs } : {}),
    ...(c.max !== undefined ? { max: c.max } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const actual = c.tail.map((point) => point.value);
  const scale = naiveScale(c.history.map((point) => point.value));
  const ours = c.tail.map((point) => forecastAt(forecast, point.timeMs));
  const predicted = ours.map((point) => point?.forecast ?? Number.NaN);
  const mae = meanAbsoluteError(actual, predicted);
  const coverage = intervalCoverage(
    actual,
    ours.map((point) => point?.lower ?? Number.NaN),
    ours.map((point) => point?.upper ?? Number.NaN),
  );
  const result: CaseResult = {
    name: c.name,
    horizonMs: c.horizonMs,
    hasThreshold: c.threshold !== undefined,
    ours: { mae, mase: mae / scale, coverage, ...oursCrossing(forecast, c) },
    window: linearResult(c, origin, windowMs, actual, scale),
    horizonWindow: linearResult(c, origin, c.horizonMs, actual, scale),
    seconds,
  };
  if (c.threshold !== undefined) {
    const crossing = actualCrossing(c, origin);
    if (crossing !== undefined) result.actualCrossingMs = crossing;
    const sustained = sustainedCrossing(c, origin);
    if (sustained !== undefined) result.sustainedCrossingMs = sustained;
  }
  return result;
}

function oursCrossing(
  forecast: Forecast,
  c: Case,
): { crossingMs?: number; earliestMs?: number; latestMs?: number; probability?: number } {
  if (c.threshold === undefined) return {};
  const result = timeToThreshold(forecast, { threshold: c.threshold });
  // Our grid may end a little before the last observation; count from the observation itself.
  const shift = (c.history[c.history.length - 1] as SeriesPoint).timeMs - forecast.lastTimeMs;
  const fromOrigin = (ms: number | undefined) => (ms === undefined ? undefined : Math.max(0, ms - shift));
  const crossingMs = fromOrigin(result.centralMs);
  const earliestMs = fromOrigin(result.earliestMs);
  const latestMs = fromOrigin(result.latestMs);
  return {
    ...(crossingMs !== undefined ? { crossingMs } : {}),
    ...(earliestMs !== undefined ? { earliestMs } : {}),
    ...(latestMs !== undefined ? { latestMs } : {}),
    ...(result.probability !== undefined ? { probability: result.probability } : {}),
  };
}

/** predict_linear(x[range], t) at the origin for every tail time, and where its line meets the threshold. */
function linearResult(
  c: Case,
  origin: SeriesPoint,
  rangeMs: number,
  actual: number[],
  scale: number,
): MethodResult {
  const window = samplesInRange(c.history, origin.timeMs - rangeMs, origin.timeMs);
  const { slope, intercept } =
    window.length >= 2
      ? prometheusLinearRegression(window, origin.timeMs)
      : { slope: Number.NaN, intercept: Number.NaN };
  const predicted = c.tail.map((point) =>
    Math.min(c.max ?? Number.POSITIVE_INFINITY, slope * ((point.timeMs - origin.timeMs) / 1000) + intercept),
  );
  const mae = meanAbsoluteError(actual, predicted);
  const result: MethodResult = { mae, mase: mae / scale };
  if (c.threshold !== undefined && Number.isFinite(slope)) {
    const up = origin.value < c.threshold;
    const already = up ? intercept >= c.threshold : intercept <= c.threshold;
    const seconds = already ? 0 : (c.threshold - intercept) / slope;
    if (seconds >= 0 && seconds * 1000 <= c.horizonMs) result.crossingMs = seconds * 1000;
  }
  return result;
}

/** When the tail first reaches the threshold from the side the origin is on; undefined if it does not. */
function actualCrossing(c: Case, origin: SeriesPoint): number | undefined {
  const threshold = c.threshold as number;
  const up = origin.value < threshold;
  const hit = c.tail.find((point) => (up ? point.value >= threshold : point.value <= threshold));
  return hit ? hit.timeMs - origin.timeMs : undefined;
}

const sustainPoints = 12;

/**
 * When the tail's level reaches the threshold: the first time the median of its last 12 points
 * does. A forecast predicts the level a series moves to, not when a lone spike happens; this is
 * the crossing that capacity planning asks about.
 */
function sustainedCrossing(c: Case, origin: SeriesPoint): number | undefined {
  const threshold = c.threshold as number;
  const up = origin.value < threshold;
  for (let i = sustainPoints - 1; i < c.tail.length; i++) {
    const recent = c.tail.slice(i + 1 - sustainPoints, i + 1).map((point) => point.value);
    const level = percentile(recent, 0.5);
    if (up ? level >= threshold : level <= threshold)
      return (c.tail[i] as SeriesPoint).timeMs - origin.timeMs;
  }
  return undefined;
}

// --- the plant ---------------------------------------------------------------------------------

function plantSeries(
  faults: (estate: ReturnType<typeof generateEstate>, startMs: number) => FaultSpec[],
  wanted: (
    faultsInjected: FaultSpec[],
    estate: ReturnType<typeof generateEstate>,
  ) => Array<{ entityId: string; metric: string }>,
  options: { fromMs: number; toMs: number; stepMs: number; faultMs: number },
): Map<string, SeriesPoint[]> {
  const estate = generateEstate({ hosts: 40, seed });
  const emulator = createEmulator(estate, { seed, startMs: options.fromMs });
  const specs = faults(estate, options.faultMs);
  for (const spec of specs) emulator.injectFault(spec);
  const keys = new Map(wanted(specs, estate).map((entry) => [`${entry.entityId} ${entry.metric}`, entry]));
  const series = new Map<string, SeriesPoint[]>([...keys.keys()].map((key) => [key, []]));
  for (let t = options.fromMs; t <= options.toMs; t += options.stepMs) {
    for (const sample of emulator.step(t).samples) {
      series.get(`${sample.entityId} ${sample.metric}`)?.push({ timeMs: t, value: sample.value });
    }
  }
  return series;
}

const diskOriginMs = Date.UTC(2024, 4, 8, 9, 0);

/** Which disks fill, from when and how fast (drawn first, so `--only` sees the same cases). */
function diskPlan() {
  const originMs = diskOriginMs;
  const estate = generateEstate({ hosts: 40, seed });
  const targets = shuffle(estate.entities.filter((entity) => ['host', 'vm'].includes(entity.kind))).slice(
    0,
    24,
  );
  // Each fault starts 2–24 h before the origin at 0.4–3 % of the disk per hour: some disks fill
  // within the horizon, some do not.
  return targets.map((entity) => ({
    target: entity.id,
    startMs: originMs - Math.round(uniform(2, 24)) * hour,
    ratioPerHour: round(uniform(0.004, 0.03), 4),
  }));
}

function diskCases(plan: ReturnType<typeof diskPlan>): Case[] {
  const originMs = diskOriginMs;
  const fromMs = originMs - 7 * day;
  const horizonMs = 3 * day;
  const series = plantSeries(
    () =>
      plan.map((p) => ({
        type: 'disk-fill',
        target: p.target,
        startMs: p.startMs,
        params: { ratioPerHour: p.ratioPerHour },
      })),
    () => plan.map((p) => ({ entityId: p.target, metric: 'disk_used_ratio' })),
    { fromMs, toMs: originMs + horizonMs, stepMs: 5 * minute, faultMs: originMs },
  );
  return [...series].map(([name, points]) => ({
    name,
    history: points.filter((point) => point.timeMs <= originMs),
    tail: points.filter((point) => point.timeMs > originMs),
    horizonMs,
    threshold: 1,
    max: 1,
  }));
}

function thermalCases(): Case[] {
  const faultMs = Date.UTC(2024, 4, 8, 14, 0);
  const fromMs = faultMs - 12 * hour;
  const horizonMs = 30 * minute;
  const stepMs = 15_000;
  const estate = generateEstate({ hosts: 40, seed });
  const hosts = shuffle(estate.entities.filter((entity) => entity.kind === 'host')).slice(0, 8);
  const fans = plantSeries(
    () => hosts.map((host) => ({ type: 'fan-failure', target: host.id, startMs: faultMs })),
    () => hosts.map((host) => ({ entityId: host.id, metric: 'cpu_temperature_celsius' })),
    { fromMs, toMs: faultMs + 3 * minute + horizonMs, stepMs, faultMs },
  );
  const units = estate.entities.filter((entity) => entity.kind === 'cooling-unit');
  // One unit per room stops: the first of each room's units.
  const rooms = new Map<string, string>();
  for (const relation of estate.relations) {
    if (relation.type !== 'contains') continue;
    const unit = units.find((entity) => entity.id === relation.to);
    if (unit && !rooms.has(relation.from)) rooms.set(relation.from, unit.id);
  }
  const racks = estate.entities.filter((entity) => entity.kind === 'rack');
  const cooling = plantSeries(
    () => [...rooms.values()].map((unit) => ({ type: 'cooling-failure', target: unit, startMs: faultMs })),
    () => racks.map((rack) => ({ entityId: rack.id, metric: 'inlet_temperature_celsius' })),
    { fromMs, toMs: faultMs + 3 * minute + horizonMs, stepMs, faultMs },
  );
  const cases: Case[] = [];
  // Origins 30 s, 1 min and 2 min into the fault: the rise has begun and has to be extrapolated.
  for (const offsetMs of [30_000, 60_000, 120_000]) {
    const originMs = faultMs + offsetMs;
    for (const [series, threshold] of [
      [fans, 75],
      [cooling, 27],
    ] as const) {
      for (const [name, points] of series) {
        cases.push({
          name: `${name} +${offsetMs / 1000}s`,
          history: points.filter((point) => point.timeMs <= originMs),
          tail: points.filter((point) => point.timeMs > originMs && point.timeMs <= originMs + horizonMs),
          horizonMs,
          stepMs,
          threshold,
        });
      }
    }
  }
  return cases;
}

// --- NAB ---------------------------------------------------------------------------------------

/** Each file, held out at three origins: 3, 2 and 1 day before its end, forecasting one day. */
function nabCases(dir: string): Case[] {
  const cases: Case[] = [];
  for (const category of readdirSync(dir).sort()) {
    const folder = join(dir, category);
    if (category === 'labels' || !statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder)
      .filter((name) => name.endsWith('.csv'))
      .sort()) {
      const csv = parseSeriesCsv(readFileSync(join(folder, file), 'utf8'), join(category, file));
      const points = toSeriesPoints(csv.timestampsMs, csv.values).filter((point) =>
        Number.isFinite(point.value),
      );
      const endMs = (points[points.length - 1] as SeriesPoint).timeMs;
      for (const daysBack of [3, 2, 1]) {
        const originMs = endMs - daysBack * day;
        const history = points.filter((point) => point.timeMs <= originMs);
        const tail = points.filter((point) => point.timeMs > originMs && point.timeMs <= originMs + day);
        if (history.length < 100 || tail.length < 10) continue;
        cases.push({
          name: `${category}/${file} -${daysBack}d`,
          history,
          tail,
          horizonMs: day,
          ...nabThreshold(history),
        });
      }
    }
  }
  return cases;
}

/**
 * The threshold for a NAB case comes from the history alone: the 95th percentile of its values
 * (a level the series rarely exceeded), or the 5th when the last value is already above it.
 * Whether and when the tail reaches it is what is being predicted.
 */
function nabThreshold(history: SeriesPoint[]): { threshold?: number } {
  const values = history.map((point) => point.value);
  const high = percentile(values, 0.95);
  const low = percentile(values, 0.05);
  const last = (history[history.length - 1] as SeriesPoint).value;
  if (high > low && last < high) return { threshold: high };
  if (high > low && last > low) return { threshold: low };
  return {};
}

// --- summary -----------------------------------------------------------------------------------

function summarise(results: CaseResult[], horizonLabel: string) {
  const finite = (values: number[]) => values.filter(Number.isFinite);
  const mean = (values: number[]) => {
    const ok = finite(values);
    return ok.length > 0 ? ok.reduce((sum, value) => sum + value, 0) / ok.length : Number.NaN;
  };
  const geometricMean = (values: number[]) =>
    Math.exp(
      mean(
        finite(values)
          .filter((v) => v > 0)
          .map(Math.log),
      ),
    );
  const methods = {
    ours: (r: CaseResult) => r.ours,
    predictLinear6h: (r: CaseResult) => r.window,
    [`predictLinear${horizonLabel}`]: (r: CaseResult) => r.horizonWindow,
  };
  const crossing = results.filter((r) => r.actualCrossingMs !== undefined);
  const silent = results.filter((r) => r.hasThreshold && r.actualCrossingMs === undefined);
  const summary: Record<string, unknown> = {
    series: results.length,
    coverage80: round(mean(results.map((r) => r.ours.coverage)), 3),
    secondsPerForecast: round(mean(results.map((r) => r.seconds)), 4),
    thresholdCases: crossing.length,
    casesWithoutCrossing: silent.length,
  };
  for (const [name, pick] of Object.entries(methods)) {
    const errors = crossing.map((r) => {
      const predicted = pick(r).crossingMs;
      // A crossing not predicted within the horizon is as late as the horizon allows.
      return Math.abs((predicted ?? r.horizonMs) - (r.actualCrossingMs as number));
    });
    summary[name] = {
      meanMase: round(mean(results.map((r) => pick(r).mase)), 3),
      medianMase: round(percentile(finite(results.map((r) => pick(r).mase)), 0.5), 3),
      meanMae: round(mean(results.map((r) => pick(r).mae)), 6),
      crossingMeanAbsErrorMinutes: round(mean(errors) / minute, 1),
      crossingMedianAbsErrorMinutes: round(percentile(errors, 0.5) / minute, 1),
      crossingsMissed: crossing.filter((r) => pick(r).crossingMs === undefined).length,
      falseCrossings: silent.filter((r) => pick(r).crossingMs !== undefined).length,
    };
  }
  summary.ours = { ...(summary.ours as object), ...crossingCalibration(results) };
  const sustained = results.filter((r) => r.sustainedCrossingMs !== undefined);
  const level = Object.fromEntries(
    Object.entries(methods).map(([name, pick]) => {
      const errors = sustained.map((r) =>
        Math.abs((pick(r).crossingMs ?? r.horizonMs) - (r.sustainedCrossingMs as number)),
      );
      return [
        name,
        {
          crossingMeanAbsErrorMinutes: round(mean(errors) / minute, 1),
          crossingMedianAbsErrorMinutes: round(percentile(errors, 0.5) / minute, 1),
          crossingsMissed: sustained.filter((r) => pick(r).crossingMs === undefined).length,
        },
      ];
    }),
  );
  summary.levelCrossings = { cases: sustained.length, ...level };
  const relative = (pick: (r: CaseResult) => MethodResult) =>
    round(geometricMean(results.map((r) => r.ours.mae / pick(r).mae)), 3);
  summary.ratios = {
    meanMaseVs6h: round(mean(results.map((r) => r.ours.mase)) / mean(results.map((r) => r.window.mase)), 3),
    meanMaseVsHorizonWindow: round(
      mean(results.map((r) => r.ours.mase)) / mean(results.map((r) => r.horizonWindow.mase)),
      3,
    ),
    geometricMeanMaeRatioVs6h: relative((r) => r.window),
    geometricMeanMaeRatioVsHorizonWindow: relative((r) => r.horizonWindow),
  };
  return summary;
}

/**
 * How honest our crossing times are: the share of threshold cases whose real crossing (or its
 * absence) lies inside the 80 % interval of the crossing time, and, where paths gave a chance of
 * crossing within the horizon, its Brier score next to that of always saying the base rate.
 */
function crossingCalibration(results: CaseResult[]) {
  const cases = results.filter((r) => r.hasThreshold);
  const inside = cases.filter((r) => {
    const { earliestMs, latestMs } = r.ours;
    if (r.actualCrossingMs === undefined) return latestMs === undefined;
    return (
      earliestMs !== undefined &&
      earliestMs <= r.actualCrossingMs &&
      r.actualCrossingMs <= (latestMs ?? r.horizonMs)
    );
  });
  const scored = cases.filter((r) => r.ours.probability !== undefined);
  const outcome = (r: CaseResult) => (r.actualCrossingMs === undefined ? 0 : 1);
  const baseRate = scored.reduce((sum, r) => sum + outcome(r), 0) / scored.length;
  const brier = (p: (r: CaseResult) => number) =>
    round(scored.reduce((sum, r) => sum + (p(r) - outcome(r)) ** 2, 0) / scored.length, 3);
  return {
    crossingIntervalCoverage: cases.length > 0 ? round(inside.length / cases.length, 3) : Number.NaN,
    ...(scored.length > 0
      ? {
          crossingChance: {
            cases: scored.length,
            meanPredicted: round(
              scored.reduce((sum, r) => sum + (r.ours.probability as number), 0) / scored.length,
              3,
            ),
            observedRate: round(baseRate, 3),
            brier: brier((r) => r.ours.probability as number),
            brierOfBaseRate: brier(() => baseRate),
          },
        }
      : {}),
  };
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** `--cases`: one line per case on stderr (name, MASE of each method, coverage, crossings in minutes). */
function logCases(results: CaseResult[]) {
  if (!process.argv.includes('--cases')) return;
  const minutes = (ms: number | undefined) => (ms === undefined ? '-' : round(ms / minute, 1));
  for (const r of results) {
    log(
      `  ${r.name}  mase ${round(r.ours.mase, 3)} vs ${round(r.window.mase, 3)}  cover ${round(r.ours.coverage, 2)}  crossing ${minutes(r.actualCrossingMs)} ours ${minutes(r.ours.crossingMs)} [${minutes(r.ours.earliestMs)}, ${minutes(r.ours.latestMs)}] p ${r.ours.probability === undefined ? '-' : round(r.ours.probability, 2)} pl ${minutes(r.window.crossingMs)}`,
    );
  }
}

/** `--only disk|thermal|nab`: run one set. */
const only = argValue('--only');
const figures: Record<string, unknown> = { seed };
const plan = diskPlan();
if (!only || only === 'disk') {
  log('plant: disk fill (5 min steps, 7 d history, 3 d horizon) …');
  const disk = diskCases(plan).map((c) => evaluate(c, 6 * hour));
  logCases(disk);
  figures.plantDiskFill = summarise(disk, '3d');
  log(JSON.stringify(figures.plantDiskFill));
}
if (!only || only === 'thermal') {
  log('plant: fan and cooling failures (15 s steps, 12 h history, 30 min horizon) …');
  const thermal = thermalCases().map((c) => evaluate(c, 6 * hour));
  logCases(thermal);
  figures.plantThermal = summarise(thermal, '30m');
  log(JSON.stringify(figures.plantThermal));
}
if (only && only !== 'nab') {
  // skip NAB
} else if (existsSync(nabDir)) {
  log(`NAB: ${nabDir} (3 origins per file, 1 d horizon) …`);
  const nab = nabCases(nabDir).map((c) => evaluate(c, 6 * hour));
  logCases(nab);
  figures.nab = summarise(nab, '1d');
  log(JSON.stringify(figures.nab));
} else {
  log(`NAB data not found at ${nabDir}: the NAB part is skipped (pass --nab <dir>)`);
  figures.nab = { skipped: `no data at ${nabDir}` };
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
