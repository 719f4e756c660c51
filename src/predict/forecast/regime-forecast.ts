import { type EtsFit, etsForecastFrom } from './exponential-smoothing.js';
import type { RegimeChange } from './regime-change.js';
import {
  type AveragedResponse,
  averagedCdf,
  averagedQuantile,
  fitAveragedResponse,
  medianTau,
} from './response-average.js';
import { median, sortedQuantile } from './robust-statistics.js';
import type { StepResponse } from './step-response.js';
import { theilSen } from './theil-sen.js';

/** What the rolling-origin backtest measured: mean absolute error per candidate, each error weighted by its lead. */
export interface BacktestScores {
  origins: number;
  pairs: number;
  /** `ets`, `response` (from the level before the change) and `jump+response` (the level jumped). */
  mae: Record<string, number>;
}

export interface RegimeForecast {
  /** The averaged response summarised by its median time constant (a ramp when that is beyond reach). */
  response: StepResponse;
  /** The average itself. */
  averaged: AveragedResponse;
  /** Index of the last observation before the change (the response's x = 0). */
  changeIndex: number;
  /** Per step 1..steps, on the scale of `values`. */
  forecast: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  backtest?: BacktestScores;
  /** How the interval was set: recalibrated on the backtest's PIT values, or the model's own predictive. */
  calibration: 'backtest' | 'model';
}

/** At most this many origins in the backtest (evenly spread over the regime). */
const maxOrigins = 12;
/** Fewer origins than this and the backtest says nothing: the regime model stands by the change test alone. */
const minOrigins = 3;
/** Recalibrating the interval on backtest PIT values needs at least this many of them. */
const minCalibrationErrors = 20;
/** Points before the change that set its anchor (the level the response starts from) and the noise. */
const anchorPoints = 30;

/** The prior's scales c the backtest may choose from, most settling first (∞: the ramp alone). */
const priorScales = [1, 10, 100, Number.POSITIVE_INFINITY] as const;

interface Candidate {
  name: string;
  jump: boolean;
  priorScale: number;
}

/** Each prior scale from the level before the change, and with a jump at it. */
const candidates: readonly Candidate[] = [false, true].flatMap((jump) =>
  priorScales.map((priorScale) => ({
    name: `${jump ? 'jump+' : ''}${Number.isFinite(priorScale) ? (priorScale === 1 ? 'response' : `response×${priorScale}`) : 'ramp'}`,
    jump,
    priorScale,
  })),
);

/**
 * After a detected change, the history before it no longer describes the series: fits a response
 * to the points since the change, averaged over its time constant (response-average.ts: a ramp and
 * every saturation in between, weighted by a prior anchored at the regime's age and by the fit), and
 * keeps it, with or without a jump at the change, or the smoothing model, by a rolling-origin
 * backtest inside the new regime (each candidate refitted at each origin, scored on every lead up
 * to the horizon the data allow). Too young a regime for a backtest: the change test has already
 * rejected the smoothing model, so the response stands (jump or not by AIC). Returns undefined when
 * the smoothing model wins.
 *
 * Intervals: the quantiles of the averaged predictive (a mixture over τ, so a band that covers both
 * a ramp and a saturation when the data cannot tell them apart). When the backtest left enough
 * errors, each was turned into its probability integral transform under the predictive of its own
 * origin, and the empirical quantiles of those values replace the nominal levels (recalibration:
 * each origin is judged by what it knew, so early origins with few points do not widen the final
 * interval).
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
  const anchorVariance = sigma ** 2 / anchor.points;
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
  const fitAt = (through: number, candidate: Omit<Candidate, 'name'>) => {
    const { xs, ys } = points(through);
    return fitAveragedResponse(
      xs,
      ys,
      anchor.level,
      sigma,
      through - t0,
      candidate.jump,
      maxTau,
      anchorVariance,
      candidate.priorScale,
    );
  };

  const backtest = runBacktest(values, fit, change.start, t0, steps, fitAt);
  let averaged: AveragedResponse;
  let chosen: string;
  if (backtest && backtest.scores.origins >= minOrigins) {
    const best = chooseCandidate(backtest);
    if (!best) return undefined;
    averaged = fitAt(end, best);
    chosen = best.name;
  } else {
    // AIC with the noise known from the quiet history; a jump must leave a point to spare.
    const plain = fitAt(end, { jump: false, priorScale: 1 });
    const jumped = fitAt(end, { jump: true, priorScale: 1 });
    const score = (r: AveragedResponse) => r.sse / sigma ** 2 + 2 * r.parameters;
    const jumpAllowed = jumped.jump && jumped.points > jumped.parameters;
    averaged = jumpAllowed && score(jumped) < score(plain) ? jumped : plain;
    chosen = '';
  }

  const lastX = end - t0;
  const pits = backtest?.pits.get(chosen) ?? [];
  const calibrated = pits.length >= minCalibrationErrors;
  const pLow = (1 - level) / 2;
  let low = pLow;
  let high = 1 - pLow;
  if (calibrated) {
    const sorted = [...pits].sort((a, b) => a - b);
    low = clampProbability(sortedQuantile(sorted, pLow));
    high = clampProbability(sortedQuantile(sorted, 1 - pLow));
  }
  const forecast = new Float64Array(steps);
  const lower = new Float64Array(steps);
  const upper = new Float64Array(steps);
  for (let h = 1; h <= steps; h++) {
    const x = lastX + h;
    // The median of the predictive: the forecast that minimises the expected absolute error, and
    // robust to the long tail of slow time constants that the mean would follow.
    const f = averagedQuantile(averaged, x, 0.5);
    forecast[h - 1] = f;
    lower[h - 1] = Math.min(f, averagedQuantile(averaged, x, low));
    upper[h - 1] = Math.max(f, averagedQuantile(averaged, x, high));
  }
  return {
    response: summarise(averaged, lastX, steps),
    averaged,
    changeIndex: t0,
    forecast,
    lower,
    upper,
    ...(backtest ? { backtest: backtest.scores } : {}),
    calibration: calibrated ? 'backtest' : 'model',
  };
}

function clampProbability(p: number): number {
  return Math.min(0.999, Math.max(0.001, p));
}

/**
 * The average in the terms of a single response: the member at the median time constant (a ramp
 * when that is more than 5× beyond the span and horizon, where no saturation would show).
 */
function summarise(averaged: AveragedResponse, lastX: number, steps: number): StepResponse {
  const tau = medianTau(averaged);
  const member = averaged.members.reduce((best, m) =>
    Math.abs(Math.log(m.tau) - Math.log(tau)) < Math.abs(Math.log(best.tau) - Math.log(tau)) || m.tau === tau
      ? m
      : best,
  );
  const ramp = !Number.isFinite(tau) || tau > 5 * (lastX + steps);
  return {
    kind: ramp ? 'ramp' : 'first-order',
    level: member.level,
    jump: averaged.jump,
    slope: member.slope,
    amplitude: ramp ? Number.NaN : member.slope * member.tau,
    tau: ramp ? Number.POSITIVE_INFINITY : member.tau,
    sse: averaged.sse,
    points: averaged.points,
    parameters: averaged.parameters,
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
  /** Per candidate, the probability integral transform of each error under its origin's predictive. */
  pits: Map<string, number[]>;
  /** Per candidate, the lead-weighted absolute errors summed per origin (for the one-SE rule). */
  perOrigin: Map<string, number[]>;
}

function runBacktest(
  values: Float64Array,
  fit: EtsFit,
  start: number,
  t0: number,
  steps: number,
  fitAt: (through: number, candidate: Candidate) => AveragedResponse,
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
  const sums = new Map<string, number>([
    ['ets', 0],
    ...candidates.map((c) => [c.name, 0] as [string, number]),
  ]);
  const pits = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
  const perOrigin = new Map<string, number[]>([
    ['ets', []],
    ...candidates.map((c) => [c.name, []] as [string, number[]]),
  ]);
  let pairs = 0;
  let weights = 0;
  for (const origin of origins) {
    const fits = candidates.map((c) => fitAt(origin, c));
    const before = new Map(sums);
    const leads = Math.min(steps, end - origin);
    for (let h = 1; h <= leads; h++) {
      const actual = values[origin + h] as number;
      if (!Number.isFinite(actual)) continue;
      // Weighted by the lead: what matters is how far ahead a model extrapolates well.
      pairs++;
      weights += h;
      sums.set('ets', (sums.get('ets') as number) + h * Math.abs(actual - etsForecastFrom(fit, origin, h)));
      fits.forEach((response, k) => {
        const name = (candidates[k] as Candidate).name;
        const x = origin + h - t0;
        const predicted = averagedQuantile(response, x, 0.5);
        sums.set(name, (sums.get(name) as number) + h * Math.abs(actual - predicted));
        pits.get(name)?.push(averagedCdf(response, x, actual));
      });
    }
    for (const [name, total] of sums) perOrigin.get(name)?.push(total - (before.get(name) as number));
  }
  if (pairs === 0) return undefined;
  const mae: Record<string, number> = {};
  for (const [name, total] of sums) mae[name] = total / weights;
  return { scores: { origins: origins.size, pairs, mae }, pits, perOrigin };
}

/**
 * The candidate with the lowest backtest error, or ETS (undefined) when it wins; then, by the
 * one-standard-error rule, the most settling prior scale (same jump choice) whose error is within
 * one standard error of the best one's (the paired differences per origin). A backtest whose
 * leads are too short to tell a ramp from a slow saturation leaves the prior in charge; one that
 * saw the series keep going straight (a disk filling for hours) moves to the ramp.
 */
function chooseCandidate(backtest: Backtest): Candidate | undefined {
  const { mae } = backtest.scores;
  let best: Candidate | undefined;
  let bestMae = mae.ets ?? Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = mae[candidate.name] ?? Number.POSITIVE_INFINITY;
    if (score < bestMae) {
      best = candidate;
      bestMae = score;
    }
  }
  if (!best) return undefined;
  const bestErrors = backtest.perOrigin.get(best.name) ?? [];
  for (const candidate of candidates) {
    if (candidate.jump !== best.jump || candidate.priorScale >= best.priorScale) continue;
    const errors = backtest.perOrigin.get(candidate.name) ?? [];
    const differences = errors.map((error, k) => error - (bestErrors[k] as number));
    if (withinOneStandardError(differences)) return candidate;
  }
  return best;
}

/** Whether the mean of the paired differences is at most one standard error above 0. */
function withinOneStandardError(differences: readonly number[]): boolean {
  const m = differences.length;
  if (m < 2) return false;
  const mean = differences.reduce((sum, d) => sum + d, 0) / m;
  const variance = differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (m - 1);
  return mean <= Math.sqrt(variance / m);
}
