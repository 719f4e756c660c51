import { InputError } from '../../model/index.js';
import { detectSeasonality, type SeasonalityCheck } from './detect-seasonality.js';
import { formatDuration } from './duration.js';
import { collectErrorPaths, type ErrorPaths } from './error-paths.js';
import { collectErrorQuantiles, intervalMultipliers } from './error-quantiles.js';
import { dampedSteps, etsForecastFrom, selectEts, type TrendKind } from './exponential-smoothing.js';
import { normalQuantile } from './normal-quantile.js';
import { detectChange } from './regime-change.js';
import { type BacktestScores, type RegimeForecast, regimeForecast } from './regime-forecast.js';
import { resampleSeries } from './regular-series.js';
import { median } from './robust-statistics.js';
import { decomposeSeries, seasonalSum } from './seasonal-decomposition.js';
import type { SeasonalProfile } from './seasonal-profile.js';
import type { RegularSeries, SeriesPoint } from './series-point.js';
import { theilSen } from './theil-sen.js';

export interface ForecastOptions {
  /** How far ahead to forecast. */
  horizonMs: number;
  /** The grid the series is resampled to; by default its median sampling interval. */
  stepMs?: number;
  /** Central probability of the prediction interval, 0.8 by default. */
  level?: number;
  /** `none` skips the daily/weekly tests (the series is taken as having no pattern). */
  seasonality?: 'auto' | 'none';
  /** The model is fitted on at most this many most recent steps (older ones still shape the seasonal profile). */
  maxFitSteps?: number;
  /** Physical limits (a ratio stays within 0 and 1): forecasts and bounds are clamped to them. */
  min?: number;
  max?: number;
}

export interface ForecastPoint {
  timeMs: number;
  forecast: number;
  lower: number;
  upper: number;
}

/**
 * `exponential-smoothing`: ETS on the whole history; `recent-trend` / `first-order`: a ramp or an
 * exponential approach fitted since a detected regime change; `robust-linear`: a short history;
 * `constant`: a constant series.
 */
export type ForecastMethod =
  | 'exponential-smoothing'
  | 'recent-trend'
  | 'first-order'
  | 'robust-linear'
  | 'constant';

export interface Forecast {
  method: ForecastMethod;
  /** The model in words, e.g. `ETS(A,Ad,N) + daily profile`. */
  model: string;
  stepMs: number;
  level: number;
  /** Time of the last step with data, and its value. */
  lastTimeMs: number;
  lastValue: number;
  /** Steps of the regular grid that hold data. */
  observations: number;
  seasonality: SeasonalityCheck[];
  /** The trend at the end of the history, per hour (before damping). */
  trendPerHour: number;
  /** Per step, after the last one with data, up to the horizon. */
  points: ForecastPoint[];
  /** When the current regime began (the last step before the change), if a change was detected. */
  regimeStartMs?: number;
  /** The rolling-origin backtest inside the current regime that chose the model, if there was one. */
  backtest?: BacktestScores;
  /**
   * The model's errors along whole horizons from past origins (ETS forecasts with a long enough
   * history): time-to-threshold adds them to the forecast to sample when a reading first crosses.
   */
  errorPaths?: ErrorPaths;
  /** The physical limits the forecast was clamped to. */
  limits?: { min: number; max: number };
}

/** Fewer steps with data than this and the smoothing model has too little to learn from. */
const minSmoothingObservations = 16;
const hourMs = 3_600_000;

/**
 * Forecasts a gauge: resamples it to a regular step, removes the daily and weekly patterns it
 * finds, fits exponential smoothing with no, linear or damped trend (the lowest AICc) to the rest,
 * and adds the patterns back. Intervals come from the model's own multi-step errors on the
 * history (see error-quantiles.ts). Short histories fall back to a Theil–Sen line, a constant
 * series to itself.
 */
export function forecastSeries(points: readonly SeriesPoint[], options: ForecastOptions): Forecast {
  const level = options.level ?? 0.8;
  if (!(level > 0 && level < 1)) throw new InputError(`the interval level must be in (0, 1), got ${level}`);
  if (!(options.horizonMs > 0) || !Number.isFinite(options.horizonMs)) {
    throw new InputError(`the horizon must be a positive duration, got ${options.horizonMs} ms`);
  }
  const series = resampleSeries(points, options.stepMs);
  const valid = finiteIndexes(series.values);
  if (valid.length === 0) throw new InputError('the series has no finite values to forecast from');
  const steps = Math.max(1, Math.ceil(options.horizonMs / series.stepMs));
  const last = valid[valid.length - 1] as number;
  const context = {
    series,
    steps,
    level,
    lastIndex: last,
    lastTimeMs: series.startMs + last * series.stepMs,
    lastValue: series.values[last] as number,
    observations: valid.length,
  };
  const forecast = isConstant(series.values)
    ? constantForecast(context)
    : valid.length < minSmoothingObservations
      ? linearForecast(context, valid)
      : smoothingForecast(context, options);
  return clampForecast(
    bandAroundForecast(forecast),
    options.min ?? Number.NEGATIVE_INFINITY,
    options.max ?? Number.POSITIVE_INFINITY,
  );
}

/**
 * The band always holds the forecast. Backtest errors can be one-sided (a bursty series that is
 * 0 most of the time and far above it in bursts): their quantiles then put the whole band on one
 * side of the mean, which reads as nonsense; the band is widened to reach the forecast.
 */
function bandAroundForecast(forecast: Forecast): Forecast {
  const points = forecast.points.map((point) => ({
    timeMs: point.timeMs,
    forecast: point.forecast,
    lower: Math.min(point.lower, point.forecast),
    upper: Math.max(point.upper, point.forecast),
  }));
  return { ...forecast, points };
}

function clampForecast(forecast: Forecast, min: number, max: number): Forecast {
  if (min === Number.NEGATIVE_INFINITY && max === Number.POSITIVE_INFINITY) return forecast;
  const clamp = (value: number) => Math.min(max, Math.max(min, value));
  const points = forecast.points.map((point) => ({
    timeMs: point.timeMs,
    forecast: clamp(point.forecast),
    lower: clamp(point.lower),
    upper: clamp(point.upper),
  }));
  return { ...forecast, points, limits: { min, max } };
}

interface Context {
  series: RegularSeries;
  steps: number;
  level: number;
  lastIndex: number;
  lastTimeMs: number;
  lastValue: number;
  observations: number;
}

function smoothingForecast(context: Context, options: ForecastOptions): Forecast {
  const { series, steps, level, lastIndex } = context;
  const checks = options.seasonality === 'none' ? [] : detectSeasonality(series);
  const periods = checks.filter((check) => check.detected).map((check) => check.periodMs);
  const { adjusted, profiles } =
    periods.length > 0 ? decomposeSeries(series, periods) : { adjusted: series.values, profiles: [] };
  const fitFrom = Math.max(0, lastIndex + 1 - (options.maxFitSteps ?? 20_000));
  const window = adjusted.subarray(fitFrom, lastIndex + 1);
  const fit = selectEts(window);
  const end = window.length - 1;
  const change = detectChange(window, fit);
  const regime = change ? regimeForecast(window, fit, change, steps, level) : undefined;
  if (change && regime) return responseForecast(context, checks, profiles, fitFrom, regime);
  const quantiles = collectErrorQuantiles(window, fit, steps);
  const errorPaths = collectErrorPaths(window, fit, steps);
  const points: ForecastPoint[] = [];
  let variance = 1;
  const { alpha, beta, phi } = fit.params;
  for (let h = 1; h <= steps; h++) {
    if (h > 1) variance += (alpha + beta * dampedSteps(phi, h - 1)) ** 2;
    const timeMs = context.lastTimeMs + h * series.stepMs;
    const forecast = etsForecastFrom(fit, end, h) + seasonalSum(profiles, timeMs);
    const deviation = fit.sigma * Math.sqrt(variance);
    const { lower, upper } = intervalMultipliers(quantiles, h, level);
    points.push({
      timeMs,
      forecast,
      lower: forecast + lower * deviation,
      upper: forecast + upper * deviation,
    });
  }
  return {
    method: 'exponential-smoothing',
    model: describeModel(fit.trend, profiles),
    stepMs: series.stepMs,
    level,
    lastTimeMs: context.lastTimeMs,
    lastValue: context.lastValue,
    observations: context.observations,
    seasonality: checks,
    trendPerHour: ((fit.trends[end] as number) * hourMs) / series.stepMs,
    points,
    ...(errorPaths ? { errorPaths } : {}),
    ...(change ? { regimeStartMs: series.startMs + (fitFrom + change.start - 1) * series.stepMs } : {}),
  };
}

/** The forecast of a ramp or first-order response fitted since a regime change, plus the profiles. */
function responseForecast(
  context: Context,
  checks: SeasonalityCheck[],
  profiles: readonly SeasonalProfile[],
  fitFrom: number,
  regime: RegimeForecast,
): Forecast {
  const { series, steps } = context;
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= steps; h++) {
    const timeMs = context.lastTimeMs + h * series.stepMs;
    const seasonal = seasonalSum(profiles, timeMs);
    points.push({
      timeMs,
      forecast: (regime.forecast[h - 1] as number) + seasonal,
      lower: (regime.lower[h - 1] as number) + seasonal,
      upper: (regime.upper[h - 1] as number) + seasonal,
    });
  }
  const { response } = regime;
  const regimeStartMs = series.startMs + (fitFrom + regime.changeIndex) * series.stepMs;
  const since = `since ${new Date(regimeStartMs).toISOString().slice(0, 16).replace('T', ' ')}`;
  const lastX = context.lastIndex - fitFrom - regime.changeIndex;
  const slopePerStep =
    response.kind === 'ramp' ? response.slope : response.slope * Math.exp(-lastX / response.tau);
  const jump = response.jump ? ' after a jump' : '';
  const model =
    response.kind === 'ramp'
      ? `linear trend${jump} ${since} (regime change)`
      : `first-order response${jump} ${since} (regime change): towards ${Number((response.level + response.amplitude).toPrecision(5))}, time constant ${formatDuration(response.tau * series.stepMs)} (median of the average over time constants)`;
  const names = profiles.map((profile) => (profile.periodMs < 2 * 86_400_000 ? 'daily' : 'weekly'));
  return {
    method: response.kind === 'ramp' ? 'recent-trend' : 'first-order',
    model: names.length > 0 ? `${model} + ${names.join(' and ')} profile` : model,
    stepMs: series.stepMs,
    level: context.level,
    lastTimeMs: context.lastTimeMs,
    lastValue: context.lastValue,
    observations: context.observations,
    seasonality: checks,
    trendPerHour: (slopePerStep * hourMs) / series.stepMs,
    points,
    regimeStartMs,
    ...(regime.backtest ? { backtest: regime.backtest } : {}),
  };
}

/**
 * A Theil–Sen line through the few points there are, with the textbook regression prediction
 * interval (residual scale from the median absolute deviation, so one outlier does not widen it).
 */
function linearForecast(context: Context, valid: readonly number[]): Forecast {
  const { series, steps, level } = context;
  const ys = valid.map((i) => series.values[i] as number);
  const { slope, intercept } = theilSen(valid, ys);
  const n = valid.length;
  const residuals = valid.map((x, k) => (ys[k] as number) - (intercept + slope * x));
  const scale = 1.4826 * median(residuals.map(Math.abs));
  const meanX = valid.reduce((sum, x) => sum + x, 0) / n;
  const sxx = valid.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
  const z = normalQuantile((1 + level) / 2);
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= steps; h++) {
    const x = context.lastIndex + h;
    const forecast = intercept + slope * x;
    const spread = n > 2 && sxx > 0 ? z * scale * Math.sqrt(1 + 1 / n + (x - meanX) ** 2 / sxx) : 0;
    points.push({
      timeMs: context.lastTimeMs + h * series.stepMs,
      forecast,
      lower: forecast - spread,
      upper: forecast + spread,
    });
  }
  return {
    method: 'robust-linear',
    model: `Theil–Sen line (only ${n} points)`,
    stepMs: series.stepMs,
    level,
    lastTimeMs: context.lastTimeMs,
    lastValue: context.lastValue,
    observations: n,
    seasonality: [],
    trendPerHour: (slope * hourMs) / series.stepMs,
    points,
  };
}

function constantForecast(context: Context): Forecast {
  const { series, steps, lastValue } = context;
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= steps; h++) {
    points.push({
      timeMs: context.lastTimeMs + h * series.stepMs,
      forecast: lastValue,
      lower: lastValue,
      upper: lastValue,
    });
  }
  return {
    method: 'constant',
    model: 'constant series',
    stepMs: series.stepMs,
    level: context.level,
    lastTimeMs: context.lastTimeMs,
    lastValue,
    observations: context.observations,
    seasonality: [],
    trendPerHour: 0,
    points,
  };
}

function describeModel(trend: TrendKind, profiles: readonly SeasonalProfile[]): string {
  const ets = { none: 'ETS(A,N,N)', linear: 'ETS(A,A,N)', damped: 'ETS(A,Ad,N)' }[trend];
  const names = profiles.map((profile) => (profile.periodMs < 2 * 86_400_000 ? 'daily' : 'weekly'));
  return names.length > 0 ? `${ets} + ${names.join(' and ')} profile` : ets;
}

function finiteIndexes(values: Float64Array): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) indexes.push(i);
  return indexes;
}

function isConstant(values: Float64Array): boolean {
  let first = Number.NaN;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (Number.isNaN(first)) first = value;
    else if (value !== first) return false;
  }
  return true;
}
