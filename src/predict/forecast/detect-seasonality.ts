import { centredMovingAverage } from './moving-average.js';
import { dayMs, decomposeSeries, weekMs } from './seasonal-decomposition.js';
import type { RegularSeries } from './series-point.js';

export interface SeasonalityCheck {
  name: 'daily' | 'weekly';
  periodMs: number;
  /** Autocorrelation of the detrended series at a lag of one period; undefined when the history is too short. */
  autocorrelation?: number;
  detected: boolean;
  /** Why it was not checked or not detected, for people. */
  reason: string;
}

export interface SeasonalityOptions {
  /** Autocorrelation at one period from which a pattern counts as seasonal. */
  minAutocorrelation?: number;
  /** Whole periods of history needed before a period is tested. */
  minPeriods?: number;
}

const candidates = [
  { name: 'daily', periodMs: dayMs },
  { name: 'weekly', periodMs: weekMs },
] as const;

/**
 * Tests for a daily and a weekly pattern. For each period P the series is detrended by a centred
 * moving average over P (an average over a whole period cancels a pattern of that period, so it
 * holds only the trend), and the remainder's correlation with itself one period later is measured:
 * a repeating pattern gives a high value; noise, trends and random walks give about zero. The
 * weekly test runs on the series with the daily pattern removed, so a daily rhythm alone does not
 * pass as weekly.
 */
export function detectSeasonality(
  series: RegularSeries,
  options: SeasonalityOptions = {},
): SeasonalityCheck[] {
  const minAutocorrelation = options.minAutocorrelation ?? 0.3;
  const minPeriods = options.minPeriods ?? 3;
  const checks: SeasonalityCheck[] = [];
  const detected: number[] = [];
  for (const { name, periodMs } of candidates) {
    const lag = Math.round(periodMs / series.stepMs);
    if (lag < 4) {
      checks.push({ name, periodMs, detected: false, reason: 'step too coarse for this period' });
      continue;
    }
    const present = countFinite(series.values);
    if (present < minPeriods * lag) {
      checks.push({ name, periodMs, detected: false, reason: `history shorter than ${minPeriods} periods` });
      continue;
    }
    const base = detected.length > 0 ? decomposeSeries(series, detected).adjusted : series.values;
    const trend = centredMovingAverage(base, lag);
    const remainder = base.map((value, i) => value - (trend[i] as number));
    // Rounding leaves a remainder of ~1e-15 on a perfect line; it must not pass for a pattern.
    const autocorrelation = lagCorrelation(remainder, lag, 1e-9 * spread(series.values));
    const found = autocorrelation >= minAutocorrelation;
    if (found) detected.push(periodMs);
    checks.push({
      name,
      periodMs,
      autocorrelation,
      detected: found,
      reason: found
        ? `autocorrelation ${autocorrelation.toFixed(2)} at one period`
        : `autocorrelation ${Number.isFinite(autocorrelation) ? autocorrelation.toFixed(2) : 'undefined'} below ${minAutocorrelation}`,
    });
  }
  return checks;
}

/**
 * Pearson correlation of x[i] with x[i + lag] over the pairs where both are finite; NaN when there
 * are fewer than 3 pairs, 0 when either side's standard deviation is at most `minDeviation`.
 */
export function lagCorrelation(values: ArrayLike<number>, lag: number, minDeviation = 0): number {
  let n = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i + lag < values.length; i++) {
    const a = values[i] as number;
    const b = values[i + lag] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    n++;
    sumA += a;
    sumB += b;
  }
  if (n < 3) return Number.NaN;
  const meanA = sumA / n;
  const meanB = sumB / n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i + lag < values.length; i++) {
    const a = values[i] as number;
    const b = values[i + lag] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    cov += (a - meanA) * (b - meanB);
    varA += (a - meanA) ** 2;
    varB += (b - meanB) ** 2;
  }
  if (!(Math.sqrt(varA / n) > minDeviation && Math.sqrt(varB / n) > minDeviation)) return 0;
  return cov / Math.sqrt(varA * varB);
}

/** Largest absolute finite value: the scale below which differences are rounding. */
function spread(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const value = Math.abs(values[i] as number);
    if (Number.isFinite(value) && value > max) max = value;
  }
  return max;
}

function countFinite(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) count++;
  return count;
}
