import { type EtsFit, etsForecastFrom } from './exponential-smoothing.js';

/**
 * The model's own errors along whole horizons from past origins: row r holds
 * y[o_r + h] − forecast from o_r at h, for h = 1…steps (NaN where the history has a gap).
 * Added to today's forecast, each row is a path the series could take: one that moves the way
 * the series really moved after some earlier origin, spikes, lulls and their clustering included.
 * The first time such a path reaches a threshold is a sample of when a reading will first reach
 * it — a question the band of the point forecast cannot answer, since the band holds each step
 * on its own and a noisy series crosses a level its median path never reaches.
 */
export interface ErrorPaths {
  count: number;
  steps: number;
  /** Row-major, `count` rows of `steps` errors. */
  errors: Float64Array;
}

/** Fewer whole paths than this and their first crossings say too little. */
export const minErrorPaths = 30;
const maxErrorPaths = 250;

/**
 * Errors of `fit` over `values` from up to 250 origins spread evenly between the warm-up (a tenth
 * of the history) and the last origin whose whole horizon is in the history; undefined when fewer
 * than 30 such origins exist (a history shorter than the horizon and its warm-up).
 */
export function collectErrorPaths(
  values: ArrayLike<number>,
  fit: EtsFit,
  steps: number,
): ErrorPaths | undefined {
  const n = values.length;
  const warmup = Math.max(5, Math.floor(n / 10));
  const lastOrigin = n - 1 - steps;
  const available = lastOrigin - warmup + 1;
  if (available < minErrorPaths) return undefined;
  const count = Math.min(maxErrorPaths, available);
  const errors = new Float64Array(count * steps);
  for (let row = 0; row < count; row++) {
    // Spread over the whole span, the most recent origin always included.
    const origin = lastOrigin - Math.floor((row * available) / count);
    for (let h = 1; h <= steps; h++) {
      const actual = values[origin + h] as number;
      errors[row * steps + h - 1] = Number.isFinite(actual)
        ? actual - etsForecastFrom(fit, origin, h)
        : Number.NaN;
    }
  }
  return { count, steps, errors };
}
