import type { ErrorPaths } from './error-paths.js';
import type { Forecast, ForecastPoint } from './forecast-series.js';
import { sortedQuantile } from './robust-statistics.js';

export type CrossingDirection = 'up' | 'down';

export interface TimeToThresholdOptions {
  threshold: number;
  /** `up`: when will it reach the threshold from below; by default the side the last value is on decides. */
  direction?: CrossingDirection;
}

export interface TimeToThreshold {
  threshold: number;
  direction: CrossingDirection;
  /** The last value is already at or past the threshold. */
  alreadyCrossed: boolean;
  /** Milliseconds from the last observation until the forecast crosses; undefined: not within the horizon. */
  centralMs?: number;
  /** Earliest plausible crossing: when the near bound of the interval crosses. */
  earliestMs?: number;
  /** Latest plausible crossing: when the far bound crosses; undefined: beyond the horizon. */
  latestMs?: number;
  /** The interval's probability (the forecast's level). */
  level: number;
  horizonMs: number;
  /**
   * The chance that a reading reaches the threshold within the horizon, when the forecast sampled
   * paths (see error-paths.ts); the times above are then quantiles of the first crossing.
   */
  probability?: number;
}

/**
 * When a reading will first reach the threshold. With sampled paths (an ETS forecast on a history
 * longer than its horizon): the median and the central `level` interval of the first crossings of
 * the forecast plus each of the model's past error paths, so that the noise, spikes and lulls the
 * series has shown count — a noisy series reaches a level its median path never does. Otherwise:
 * when the forecast, and each bound of its interval, first reaches it, interpolated between steps.
 * For a rise the upper bound gives the earliest crossing and the lower bound the latest: exact
 * when the uncertainty is mostly in the level or slope (paths that do not cross each other), an
 * approximation otherwise.
 */
export function timeToThreshold(forecast: Forecast, options: TimeToThresholdOptions): TimeToThreshold {
  const { threshold } = options;
  const direction = options.direction ?? (forecast.lastValue < threshold ? 'up' : 'down');
  const last = forecast.points[forecast.points.length - 1];
  const horizonMs = last ? last.timeMs - forecast.lastTimeMs : 0;
  const base = { threshold, direction, level: forecast.level, horizonMs };
  const reached = (value: number) => (direction === 'up' ? value >= threshold : value <= threshold);
  if (reached(forecast.lastValue)) {
    return { ...base, alreadyCrossed: true, centralMs: 0, earliestMs: 0, latestMs: 0 };
  }
  const start = { timeMs: forecast.lastTimeMs, value: forecast.lastValue };
  if (forecast.errorPaths && forecast.errorPaths.steps === forecast.points.length) {
    return {
      ...base,
      alreadyCrossed: false,
      ...pathCrossings(forecast, forecast.errorPaths, start, reached, threshold),
    };
  }
  const crossing = (pick: (point: ForecastPoint) => number) => {
    const at = firstCrossing(start, forecast.points, pick, reached, threshold);
    return at === undefined ? undefined : at - forecast.lastTimeMs;
  };
  const centralMs = crossing((point) => point.forecast);
  const earliestMs = crossing((point) => (direction === 'up' ? point.upper : point.lower));
  const latestMs = crossing((point) => (direction === 'up' ? point.lower : point.upper));
  return {
    ...base,
    alreadyCrossed: false,
    ...(centralMs !== undefined ? { centralMs } : {}),
    ...(earliestMs !== undefined ? { earliestMs } : {}),
    ...(latestMs !== undefined ? { latestMs } : {}),
  };
}

/** Quantiles of the first crossing over the forecast plus each error path; never crossing is +∞. */
function pathCrossings(
  forecast: Forecast,
  paths: ErrorPaths,
  start: { timeMs: number; value: number },
  reached: (value: number) => boolean,
  threshold: number,
): Pick<TimeToThreshold, 'centralMs' | 'earliestMs' | 'latestMs' | 'probability'> {
  const { min, max } = forecast.limits ?? { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };
  const times: number[] = [];
  for (let row = 0; row < paths.count; row++) {
    const offset = row * paths.steps;
    const pick = (_: ForecastPoint, h: number) => {
      const value = (forecast.points[h] as ForecastPoint).forecast + (paths.errors[offset + h] as number);
      return Math.min(max, Math.max(min, value));
    };
    const at = firstCrossing(start, forecast.points, pick, reached, threshold);
    times.push(at === undefined ? Number.POSITIVE_INFINITY : at - forecast.lastTimeMs);
  }
  times.sort((a, b) => a - b);
  const crossed = times.filter(Number.isFinite).length;
  // A quantile that falls among the paths that never cross (+∞) is no crossing within the horizon.
  const quantile = (p: number) => {
    const value = sortedQuantile(times, p);
    return Number.isFinite(value) ? value : undefined;
  };
  const centralMs = quantile(0.5);
  const earliestMs = quantile((1 - forecast.level) / 2);
  const latestMs = quantile((1 + forecast.level) / 2);
  return {
    probability: crossed / paths.count,
    ...(centralMs !== undefined ? { centralMs } : {}),
    ...(earliestMs !== undefined ? { earliestMs } : {}),
    ...(latestMs !== undefined ? { latestMs } : {}),
  };
}

/** The first time the picked values reach the threshold, linear between steps; gaps (NaN) are skipped. */
function firstCrossing(
  start: { timeMs: number; value: number },
  points: readonly ForecastPoint[],
  pick: (point: ForecastPoint, index: number) => number,
  reached: (value: number) => boolean,
  threshold: number,
): number | undefined {
  let previous = start;
  for (let index = 0; index < points.length; index++) {
    const point = points[index] as ForecastPoint;
    const value = pick(point, index);
    if (Number.isNaN(value)) continue;
    if (reached(value)) {
      const span = value - previous.value;
      const t = span === 0 || reached(previous.value) ? 0 : (threshold - previous.value) / span;
      return previous.timeMs + Math.min(1, Math.max(0, t)) * (point.timeMs - previous.timeMs);
    }
    previous = { timeMs: point.timeMs, value };
  }
  return undefined;
}
