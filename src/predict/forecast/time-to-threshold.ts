import type { Forecast, ForecastPoint } from './forecast-series.js';

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
}

/**
 * When the forecast, and each bound of its interval, first reaches the threshold, interpolated
 * between forecast steps. For a rise, the upper bound gives the earliest crossing and the lower
 * bound the latest: exact when the uncertainty is mostly in the level or slope (paths that do not
 * cross each other), an approximation otherwise.
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

function firstCrossing(
  start: { timeMs: number; value: number },
  points: readonly ForecastPoint[],
  pick: (point: ForecastPoint) => number,
  reached: (value: number) => boolean,
  threshold: number,
): number | undefined {
  let previous = start;
  for (const point of points) {
    const value = pick(point);
    if (reached(value)) {
      const span = value - previous.value;
      const t = span === 0 || reached(previous.value) ? 0 : (threshold - previous.value) / span;
      return previous.timeMs + Math.min(1, Math.max(0, t)) * (point.timeMs - previous.timeMs);
    }
    previous = { timeMs: point.timeMs, value };
  }
  return undefined;
}
