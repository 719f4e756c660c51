import type { Forecast, ForecastPoint } from './forecast-series.js';

/**
 * The forecast at any time within its horizon, interpolated linearly between steps (and from the
 * last observation before the first step). Undefined outside (lastTime, last forecast time].
 */
export function forecastAt(forecast: Forecast, timeMs: number): ForecastPoint | undefined {
  const points = forecast.points;
  if (points.length === 0 || timeMs <= forecast.lastTimeMs) return undefined;
  const index = Math.ceil((timeMs - forecast.lastTimeMs) / forecast.stepMs) - 1;
  const next = points[index];
  if (!next) return undefined;
  const previous: ForecastPoint = points[index - 1] ?? {
    timeMs: forecast.lastTimeMs,
    forecast: forecast.lastValue,
    lower: forecast.lastValue,
    upper: forecast.lastValue,
  };
  const t = (timeMs - previous.timeMs) / (next.timeMs - previous.timeMs);
  const mix = (a: number, b: number) => a + t * (b - a);
  return {
    timeMs,
    forecast: mix(previous.forecast, next.forecast),
    lower: mix(previous.lower, next.lower),
    upper: mix(previous.upper, next.upper),
  };
}
