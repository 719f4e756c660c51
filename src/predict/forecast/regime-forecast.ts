import { type EtsFit, etsForecastFrom } from './exponential-smoothing.js';
import type { RegimeChange } from './regime-change.js';
import { median, sortedQuantile } from './robust-statistics.js';
import {
  fitResponse,
  type ResponseShape,
  responseAt,
  responseShapes,
  type StepResponse,
  selectResponse,
  shapeName,
} from './step-response.js';
import { theilSen } from './theil-sen.js';

/** What the rolling-origin backtest measured: mean absolute error per candidate, each error weighted by its lead. */
export interface BacktestScores {
  origins: number;
  pairs: number;
  /** `ets` and each response shape (`ramp`, `first-order`, `jump+ramp`, `jump+first-order`). */
  mae: Record<string, number>;
}

export interface RegimeForecast {
  response: StepResponse;
  /** Index of the last observation before the change (the response's x = 0). */
  changeIndex: number;
  /** Per step 1..steps, on the scale of `values`. */
  forecast: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  backtest?: BacktestScores;
  /** How the interval was set: from the backtest errors or from the bootstrap alone. */
  calibration: 'backtest' | 'bootstrap';
}

/** At most this many origins in the backtest (evenly spread over the regime). */
const maxOrigins = 12;
/** Fewer origins than this and the backtest says nothing: the regime model stands by the change test alone. */
const minOrigins = 3;
/** Calibrating the interval on backtest errors needs at least this many of them. */
const minCalibrationErrors = 5;
const replicates = 60;
/** Points before the change that set its anchor (the level the response starts from) and the noise. */
const anchorPoints = 30;

/**
 * After a detected change, the history before it no longer describes the series: fits a ramp and
 * a first-order response to the points since the change, and keeps the better of them, or the
 * smoothing model, by a rolling-origin backtest inside the new regime (each candidate refitted at
 * each origin, scored on every lead up to the horizon that the data allow). Too young a regime for a
 * backtest: the change test has already rejected the smoothing model, so the response (ramp or
 * first-order by AIC) is kept. Returns undefined when the smoothing model wins.
 *
 * Intervals: a parametric bootstrap of the response (refits on the fitted curve plus noise of the
 * quiet history's scale) gives each lead's spread; when the backtest produced enough errors, the
 * quantiles of those errors divided by that spread set the width, so the interval is calibrated
 * on how this very model did on this very regime.
 */
export function regimeForecast(
  values: Float64Array,
  fit: EtsFit,
  change: RegimeChange,
  steps: number,
  level: number,
): RegimeForecast | undefined {
  const end = values.length - 1;
  const t0 = change.start - 1;
  const anchor = anchorLine(values, t0);
  if (!anchor) return undefined;
  const sigma = Math.max(anchor.sigma, 1e-9 * (Math.abs(anchor.level) + 1));
  const maxTau = 100 * (end - t0 + steps);
  const points = (through: number) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = change.start; i <= through; i++) {
      const value = values[i] as number;
      if (!Number.isFinite(value)) continue;
      xs.push(i - t0);
      ys.push(value);
    }
    return { xs, ys };
  };

  const backtest = runBacktest(values, fit, change.start, t0, anchor.level, steps, maxTau, points);
  const { xs, ys } = points(end);
  let response: StepResponse;
  if (backtest && backtest.scores.origins >= minOrigins) {
    const mae = backtest.scores.mae;
    let best: ResponseShape | undefined;
    let bestMae = mae.ets ?? Number.POSITIVE_INFINITY;
    for (const shape of responseShapes) {
      const score = mae[shapeName(shape)] ?? Number.POSITIVE_INFINITY;
      if (score < bestMae) {
        best = shape;
        bestMae = score;
      }
    }
    if (!best) return undefined;
    response = fitResponse(best, xs, ys, anchor.level, maxTau);
  } else {
    response = selectResponse(xs, ys, anchor.level, sigma, maxTau);
  }
  // A time constant far beyond the horizon is a straight line: say so (and forecast it as one).
  if (response.kind === 'first-order' && response.tau > 5 * (end - t0 + steps)) {
    response = fitResponse({ kind: 'ramp', jump: response.jump }, xs, ys, anchor.level, maxTau);
  }

  const lastX = end - t0;
  const forecast = new Float64Array(steps);
  for (let h = 1; h <= steps; h++) forecast[h - 1] = responseAt(response, lastX + h);
  const parameters = response.parameters;
  const residualSigma = xs.length > parameters + 2 ? Math.sqrt(response.sse / (xs.length - parameters)) : 0;
  const noise = Math.max(sigma, residualSigma);
  const spread = bootstrapSpread(response, xs, anchor, noise, lastX, steps, maxTau, level);
  const lower = new Float64Array(steps);
  const upper = new Float64Array(steps);
  const errors = backtest?.errors.get(shapeName(response)) ?? [];
  const calibrated = errors.length >= minCalibrationErrors;
  const multipliers = calibrated ? standardisedQuantiles(errors, spread, level) : undefined;
  for (let h = 0; h < steps; h++) {
    const f = forecast[h] as number;
    const low = spread.low[h] as number;
    const high = spread.high[h] as number;
    if (multipliers) {
      const width = (high - low) / 2;
      lower[h] = Math.min(f, f + multipliers.lower * width);
      upper[h] = Math.max(f, f + multipliers.upper * width);
    } else {
      lower[h] = Math.min(f, low);
      upper[h] = Math.max(f, high);
    }
  }
  return {
    response,
    changeIndex: t0,
    forecast,
    lower,
    upper,
    ...(backtest ? { backtest: backtest.scores } : {}),
    calibration: calibrated ? 'backtest' : 'bootstrap',
  };
}

interface Anchor {
  level: number;
  /** Robust scale of the quiet history around its local line. */
  sigma: number;
  /** Points that set the level. */
  points: number;
}

/** A Theil–Sen line through the last points before the change, evaluated at the change. */
function anchorLine(values: Float64Array, t0: number): Anchor | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = t0; i >= 0 && xs.length < anchorPoints; i--) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) continue;
    xs.push(i - t0);
    ys.push(value);
  }
  if (xs.length < 3) return undefined;
  const { slope, intercept } = theilSen(xs, ys);
  const residuals = xs.map((x, k) => Math.abs((ys[k] as number) - (intercept + slope * x)));
  return { level: intercept, sigma: 1.4826 * median(residuals), points: xs.length };
}

interface Backtest {
  scores: BacktestScores;
  /** Errors (actual − forecast) per response shape, with the lead they were made at. */
  errors: Map<string, Array<{ lead: number; error: number }>>;
}

function runBacktest(
  values: Float64Array,
  fit: EtsFit,
  start: number,
  t0: number,
  anchorLevel: number,
  steps: number,
  maxTau: number,
  points: (through: number) => { xs: number[]; ys: number[] },
): Backtest | undefined {
  const end = values.length - 1;
  // Four points after the change let every shape be fitted with a point to spare; the last
  // origin needs one point to score.
  const first = start + 3;
  const last = end - 1;
  if (last < first) return undefined;
  const count = Math.min(maxOrigins, last - first + 1);
  const origins = new Set<number>();
  for (let k = 0; k < count; k++) {
    origins.add(first + Math.round((k * (last - first)) / Math.max(1, count - 1)));
  }
  const names = responseShapes.map(shapeName);
  const sums = new Map<string, number>([['ets', 0], ...names.map((name) => [name, 0] as [string, number])]);
  const errors = new Map<string, Array<{ lead: number; error: number }>>(names.map((name) => [name, []]));
  let pairs = 0;
  let weights = 0;
  for (const origin of origins) {
    const { xs, ys } = points(origin);
    const fits = responseShapes.map((shape) => fitResponse(shape, xs, ys, anchorLevel, maxTau));
    const leads = Math.min(steps, end - origin);
    for (let h = 1; h <= leads; h++) {
      const actual = values[origin + h] as number;
      if (!Number.isFinite(actual)) continue;
      // Weighted by the lead: what matters is how far ahead a model extrapolates well.
      pairs++;
      weights += h;
      sums.set('ets', (sums.get('ets') as number) + h * Math.abs(actual - etsForecastFrom(fit, origin, h)));
      fits.forEach((response, k) => {
        const name = names[k] as string;
        const error = actual - responseAt(response, origin + h - t0);
        sums.set(name, (sums.get(name) as number) + h * Math.abs(error));
        errors.get(name)?.push({ lead: h, error });
      });
    }
  }
  if (pairs === 0) return undefined;
  const mae: Record<string, number> = {};
  for (const [name, total] of sums) mae[name] = total / weights;
  return { scores: { origins: origins.size, pairs, mae }, errors };
}

interface Spread {
  /** Central interval of the bootstrap replicates (fit uncertainty plus noise), per lead. */
  low: Float64Array;
  high: Float64Array;
}

/**
 * Parametric bootstrap: the fitted curve plus normal noise of scale `noise` at the observed
 * points (and on the anchor, by its own standard error), refitted with the same kind; each
 * replicate's forecast plus fresh noise. Seeded, so a forecast repeats.
 */
function bootstrapSpread(
  response: StepResponse,
  xs: readonly number[],
  anchor: Anchor,
  noise: number,
  lastX: number,
  steps: number,
  maxTau: number,
  level: number,
): Spread {
  const normal = seededNormal(0x5eed);
  const paths: Float64Array[] = Array.from({ length: steps }, () => new Float64Array(replicates));
  const fitted = xs.map((x) => responseAt(response, x));
  const anchorError = noise / Math.sqrt(anchor.points);
  for (let r = 0; r < replicates; r++) {
    const ys = fitted.map((y) => y + noise * normal());
    const refit = fitResponse(response, xs, ys, anchor.level + anchorError * normal(), maxTau);
    for (let h = 1; h <= steps; h++) {
      (paths[h - 1] as Float64Array)[r] = responseAt(refit, lastX + h) + noise * normal();
    }
  }
  const pLow = (1 - level) / 2;
  const low = new Float64Array(steps);
  const high = new Float64Array(steps);
  for (let h = 0; h < steps; h++) {
    const sorted = Array.from(paths[h] as Float64Array).sort((a, b) => a - b);
    low[h] = sortedQuantile(sorted, pLow);
    high[h] = sortedQuantile(sorted, 1 - pLow);
  }
  return { low, high };
}

/**
 * Backtest errors divided by the bootstrap half-width at their lead (in units where the bootstrap
 * interval is ±1), and the quantiles of those ratios that bound a central interval of `level`.
 */
function standardisedQuantiles(
  errors: ReadonlyArray<{ lead: number; error: number }>,
  spread: Spread,
  level: number,
): { lower: number; upper: number } {
  const ratios: number[] = [];
  for (const { lead, error } of errors) {
    const k = Math.min(lead, spread.low.length) - 1;
    const width = ((spread.high[k] as number) - (spread.low[k] as number)) / 2;
    if (width > 0) ratios.push(error / width);
  }
  if (ratios.length < minCalibrationErrors) return { lower: -1, upper: 1 };
  ratios.sort((a, b) => a - b);
  const pLow = (1 - level) / 2;
  // Never narrower than the bootstrap itself: a short regime's backtest can be luckier than the future.
  return {
    lower: Math.min(-1, sortedQuantile(ratios, pLow)),
    upper: Math.max(1, sortedQuantile(ratios, 1 - pLow)),
  };
}

/** Seeded standard normal draws (Box–Muller over mulberry32). */
function seededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
