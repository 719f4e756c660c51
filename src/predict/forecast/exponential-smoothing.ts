import { minimizeNelderMead } from './nelder-mead.js';
import { median } from './robust-statistics.js';
import { theilSen } from './theil-sen.js';

/** ETS(A,N,N), ETS(A,A,N) and ETS(A,Ad,N): no trend, a linear trend, a damped trend. */
export type TrendKind = 'none' | 'linear' | 'damped';

export interface EtsParameters {
  alpha: number;
  beta: number;
  phi: number;
  /** Level and trend before the first observation. */
  level0: number;
  trend0: number;
}

export interface EtsFit {
  trend: TrendKind;
  params: EtsParameters;
  /** Level and trend after each observation (carried forward over gaps). */
  levels: Float64Array;
  trends: Float64Array;
  /** Root mean square one-step error. */
  sigma: number;
  observations: number;
  aicc: number;
}

/** Damping per step stays in Hyndman's range, so a damped trend is really damped and not a linear one in disguise. */
const phiMin = 0.8;
const phiMax = 0.98;
const alphaMin = 1e-4;
const alphaMax = 0.9999;

/**
 * Runs the additive error-correction recursions over `values` (NaN = gap: the state moves on by
 * its own forecast):  ŷ = l + φb;  e = y − ŷ;  l ← ŷ + αe;  b ← φb + βe.  Returns the sum of
 * squared one-step errors and the number of observations; fills `levels`/`trends` when given.
 */
export function runEts(
  values: ArrayLike<number>,
  params: EtsParameters,
  levels?: Float64Array,
  trends?: Float64Array,
): { sse: number; observations: number } {
  const { alpha, beta, phi } = params;
  let level = params.level0;
  let trend = params.trend0;
  let sse = 0;
  let observations = 0;
  for (let i = 0; i < values.length; i++) {
    const expected = level + phi * trend;
    const value = values[i] as number;
    if (Number.isFinite(value)) {
      const error = value - expected;
      sse += error * error;
      observations++;
      level = expected + alpha * error;
      trend = phi * trend + beta * error;
    } else {
      level = expected;
      trend = phi * trend;
    }
    if (levels) levels[i] = level;
    if (trends) trends[i] = trend;
  }
  return { sse, observations };
}

/** Fits each trend kind by minimising the one-step squared error and keeps the lowest AICc. */
export function selectEts(
  values: ArrayLike<number>,
  kinds: readonly TrendKind[] = ['none', 'linear', 'damped'],
): EtsFit {
  let best: EtsFit | undefined;
  for (const kind of kinds) {
    const fit = fitEts(values, kind);
    if (!best || fit.aicc < best.aicc) best = fit;
  }
  return best as EtsFit;
}

/** Fits α, β, φ and the initial state of one trend kind by Nelder–Mead on the one-step squared error. */
export function fitEts(values: ArrayLike<number>, trend: TrendKind): EtsFit {
  const start = initialState(values);
  const scale = errorScale(values);
  const decode = (u: readonly number[]): EtsParameters => {
    const alpha = alphaMin + (alphaMax - alphaMin) * sigmoid(u[0] as number);
    const hasTrend = trend !== 'none';
    return {
      alpha,
      beta: hasTrend ? alpha * sigmoid(u[1] as number) : 0,
      phi: trend === 'damped' ? phiMin + (phiMax - phiMin) * sigmoid(u[2] as number) : 1,
      level0: start.level + scale * (u[3] as number),
      trend0: hasTrend ? start.trend + (scale / 10) * (u[4] as number) : 0,
    };
  };
  const objective = (u: readonly number[]) => runEts(values, decode(u)).sse;
  // β starts at a tenth of α and φ near its top: the usual optimum for infrastructure gauges.
  let u = [logit(0.5), logit(0.1), logit(0.8), 0, 0];
  const steps = [1.5, 1.5, trend === 'damped' ? 1.5 : 0, 0.5, trend === 'none' ? 0 : 0.5];
  for (let restart = 0; restart < 2; restart++) {
    u = minimizeNelderMead(objective, u, { steps, maxEvaluations: 600 }).x;
  }
  const params = decode(u);
  const levels = new Float64Array(values.length);
  const trends = new Float64Array(values.length);
  const { sse, observations } = runEts(values, params, levels, trends);
  const parameterCount = { none: 2, linear: 4, damped: 5 }[trend] + 1;
  // A perfect fit would give log(0); the floor keeps AICc finite so the penalty still decides.
  const variance = Math.max(sse / Math.max(1, observations), (1e-12 * (scale + Math.abs(start.level))) ** 2);
  const aicc =
    observations * Math.log(variance) +
    2 * parameterCount +
    (observations > parameterCount + 1
      ? (2 * parameterCount * (parameterCount + 1)) / (observations - parameterCount - 1)
      : Number.POSITIVE_INFINITY);
  return {
    trend,
    params,
    levels,
    trends,
    sigma: Math.sqrt(sse / Math.max(1, observations)),
    observations,
    aicc,
  };
}

/** Σ_{i=1..h} φ^i: how many steps of the current trend an h-step forecast adds. */
export function dampedSteps(phi: number, h: number): number {
  if (phi === 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

/** Standard deviation of the h-step error under the model: σ²(1 + Σ_{j<h} (α + βΣφ^i)²). */
export function etsStandardDeviation(fit: EtsFit, h: number): number {
  const { alpha, beta, phi } = fit.params;
  let sum = 1;
  for (let j = 1; j < h; j++) sum += (alpha + beta * dampedSteps(phi, j)) ** 2;
  return fit.sigma * Math.sqrt(sum);
}

/** The model's h-step forecast from the state after observation `index` (−1: the initial state). */
export function etsForecastFrom(fit: EtsFit, index: number, h: number): number {
  const level = index < 0 ? fit.params.level0 : (fit.levels[index] as number);
  const trend = index < 0 ? fit.params.trend0 : (fit.trends[index] as number);
  return level + dampedSteps(fit.params.phi, h) * trend;
}

/** Level and slope of the first few observations (robustly), as the optimiser's starting point. */
function initialState(values: ArrayLike<number>): { level: number; trend: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < values.length && xs.length < 20; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) {
      xs.push(i);
      ys.push(value);
    }
  }
  if (xs.length < 2) return { level: ys[0] ?? 0, trend: 0 };
  const { slope, intercept } = theilSen(xs, ys);
  return { level: intercept - slope, trend: slope };
}

/** Typical step-to-step change (median absolute difference), never zero so the optimiser can move. */
function errorScale(values: ArrayLike<number>): number {
  const changes: number[] = [];
  let previous = Number.NaN;
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) continue;
    largest = Math.max(largest, Math.abs(value));
    if (Number.isFinite(previous)) changes.push(Math.abs(value - previous));
    previous = value;
  }
  const typical = changes.length > 0 ? median(changes) : 0;
  return typical > 0 ? typical : Math.max(largest * 1e-3, 1e-9);
}

function sigmoid(u: number): number {
  return 1 / (1 + Math.exp(-u));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
