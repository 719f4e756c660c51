import type { EtsFit } from './exponential-smoothing.js';
import { median } from './robust-statistics.js';

export interface RegimeChange {
  /** Index of the first observation of the current regime. */
  start: number;
  /** Observations since the change. */
  points: number;
  /** The test statistic, in standard errors (signed). */
  z: number;
  /** `level`: the smoothing model's errors since the change; `slope`: the mean step-to-step change. */
  test: 'level' | 'slope';
}

export interface RegimeOptions {
  /** Significance of the scan (standard errors); 5 by default. */
  critical?: number;
  /** At least this many observations before the change, 20 by default. */
  minBefore?: number;
  /** The regime is looked for among the last this many observations, 5000 by default. */
  maxPoints?: number;
}

/** The smoothing model's one-step error at each observation (NaN over gaps). */
export function oneStepErrors(values: ArrayLike<number>, fit: EtsFit): Float64Array {
  const errors = new Float64Array(values.length);
  const { phi } = fit.params;
  for (let i = 0; i < values.length; i++) {
    const level = i === 0 ? fit.params.level0 : (fit.levels[i - 1] as number);
    const trend = i === 0 ? fit.params.trend0 : (fit.trends[i - 1] as number);
    errors[i] = (values[i] as number) - (level + phi * trend);
  }
  return errors;
}

/**
 * Has the series left the model that describes its history, and since when? A backward scan of
 * the one-step errors of the model fitted to the whole history: for each k the sum of the last k
 * errors, divided by σ√k, is the standardised mean error of the last k steps. A model that still
 * fits leaves errors that average out (|z| stays within ~3 even at the best k); a disk that
 * started filling, a fan that stopped, a level that moved leave errors of one sign until the
 * model catches up. The k with the largest |z| is the age of the current regime; it counts if
 * |z| ≥ `critical`, it has at least two points, and (for five points or fewer) every error is at
 * least 2σ on the side of the change, so a single spike is not a regime.
 */
export function detectRegimeChange(
  values: ArrayLike<number>,
  fit: EtsFit,
  options: RegimeOptions = {},
): RegimeChange | undefined {
  const critical = options.critical ?? 5;
  const minBefore = options.minBefore ?? 20;
  const maxPoints = options.maxPoints ?? 5000;
  // Rounding errors of a perfect line are not a regime.
  const sigma = Math.max(fit.sigma, roundingFloor(values));
  if (!(sigma > 0)) return undefined;
  const errors = oneStepErrors(values, fit);
  let sum = 0;
  let count = 0;
  let best: RegimeChange | undefined;
  let bestAbs = 0;
  for (let i = values.length - 1; i >= minBefore && count < maxPoints; i--) {
    const error = errors[i] as number;
    if (!Number.isFinite(error)) continue;
    sum += error;
    count++;
    if (count < 2) continue;
    const z = sum / (sigma * Math.sqrt(count));
    if (Math.abs(z) > bestAbs) {
      bestAbs = Math.abs(z);
      best = { start: i, points: count, z, test: 'level' };
    }
  }
  if (!best || bestAbs < critical) return undefined;
  if (best.points <= 5) {
    const sign = Math.sign(best.z);
    for (let i = best.start; i < values.length; i++) {
      const error = errors[i] as number;
      if (Number.isFinite(error) && sign * error < 2 * sigma) return undefined;
    }
  }
  return best;
}

/**
 * Has the series' slope changed lately, and since when? A CUSUM on first differences, in the
 * form of a two-sample test: for each k, the mean of the last k step-to-step changes against the
 * mean of the changes before them (within the last `maxPoints`), divided by its standard error
 * (the changes' scale from their median absolute deviation). A spike adds one change up and one down and cancels out; a disk
 * that starts filling moves the mean change for good. The k with the largest |t| is the age of
 * the regime; same conditions as `detectRegimeChange` (critical value, two points, one sign for
 * short regimes, each change at least two scales away from the earlier mean).
 */
export function detectSlopeChange(
  values: ArrayLike<number>,
  options: RegimeOptions = {},
): RegimeChange | undefined {
  const critical = options.critical ?? 5;
  const minBefore = options.minBefore ?? 20;
  const maxPoints = options.maxPoints ?? 5000;
  // Changes between consecutive finite values (a gap's change spread over its steps), newest last.
  const changes: number[] = [];
  const at: number[] = [];
  let previous = -1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) continue;
    if (previous >= 0) {
      changes.push((value - (values[previous] as number)) / (i - previous));
      at.push(i);
    }
    previous = i;
  }
  const n = Math.min(changes.length, maxPoints);
  const offset = changes.length - n;
  // One scale for every split, from all the window's changes (robustly, so the regime's own
  // changes hardly move it): a scale from the changes before each split would shrink as the split
  // moves past the regime, and favour splits older than the change.
  const window = changes.slice(offset);
  const center = median(window);
  const deviations = window.map((d) => Math.abs(d - center));
  const mad = 1.4826 * median(deviations);
  const spread = Math.max(
    mad > 0 ? mad : 1.2533 * (deviations.reduce((total, d) => total + d, 0) / Math.max(1, n)),
    roundingFloor(values),
  );
  if (!(spread > 0)) return undefined;
  // Prefix sums over the window, oldest first.
  const sum = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) sum[j + 1] = (sum[j] as number) + (window[j] as number);
  let best: RegimeChange | undefined;
  let bestAbs = 0;
  let bestBefore = 0;
  for (let k = 2; k <= n - minBefore; k++) {
    const before = n - k;
    const meanBefore = (sum[before] as number) / before;
    const meanAfter = ((sum[n] as number) - (sum[before] as number)) / k;
    const t = (meanAfter - meanBefore) / (spread * Math.sqrt(1 / k + 1 / before));
    if (Math.abs(t) > bestAbs) {
      bestAbs = Math.abs(t);
      // The regime starts at the value the first of its changes leads to.
      best = { start: at[offset + before] as number, points: k, z: t, test: 'slope' };
      bestBefore = meanBefore;
    }
  }
  const bestSpread = spread;
  if (!best || bestAbs < critical) return undefined;
  if (best.points <= 5) {
    const sign = Math.sign(best.z);
    for (let j = changes.length - best.points; j < changes.length; j++) {
      if (sign * ((changes[j] as number) - bestBefore) < 2 * bestSpread) return undefined;
    }
  }
  return best;
}

/** The more significant of the level test (the model's errors) and the slope test (first differences). */
export function detectChange(
  values: ArrayLike<number>,
  fit: EtsFit,
  options: RegimeOptions = {},
): RegimeChange | undefined {
  const level = detectRegimeChange(values, fit, options);
  const slope = detectSlopeChange(values, options);
  if (!level) return slope;
  if (!slope) return level;
  return Math.abs(slope.z) > Math.abs(level.z) ? slope : level;
}

/** A scale below which differences are floating-point rounding: 1e-9 of the largest magnitude. */
function roundingFloor(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const value = Math.abs(values[i] as number);
    if (value > largest) largest = value;
  }
  return 1e-9 * largest;
}
