import { centredMovingAverage } from './moving-average.js';
import { estimateSeasonalProfile, type SeasonalProfile, seasonalAt } from './seasonal-profile.js';
import type { RegularSeries } from './series-point.js';

export const dayMs = 86_400_000;
export const weekMs = 7 * dayMs;

/** Phase bins of a profile: at most every 5 min for a daily one, every 30 min for a weekly one. */
export function profileBins(periodMs: number, stepMs: number): number {
  const steps = Math.max(1, Math.round(periodMs / stepMs));
  return Math.min(steps, periodMs <= dayMs ? 288 : 336);
}

export interface Decomposition {
  profiles: SeasonalProfile[];
  /** The series minus every seasonal profile (NaN where the series has a gap). */
  adjusted: Float64Array;
}

/**
 * Seasonal profiles for the given periods (shortest first), each estimated on the series minus the
 * other profiles and minus a centred moving average of its own period (the trend). With two periods
 * it makes two passes, as MSTL does, so the daily and weekly patterns do not absorb each other.
 */
export function decomposeSeries(series: RegularSeries, periodsMs: readonly number[]): Decomposition {
  const { values, startMs, stepMs } = series;
  const n = values.length;
  const periods = [...periodsMs].sort((a, b) => a - b);
  const parts = periods.map(() => new Float64Array(n));
  const profiles: SeasonalProfile[] = [];
  const passes = periods.length > 1 ? 2 : 1;
  for (let pass = 0; pass < passes; pass++) {
    periods.forEach((periodMs, k) => {
      const others = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let other = 0;
        parts.forEach((part, j) => {
          if (j !== k) other += part[i] as number;
        });
        others[i] = (values[i] as number) - other;
      }
      const trend = centredMovingAverage(others, Math.round(periodMs / stepMs));
      const detrended = others.map((value, i) => value - (trend[i] as number));
      const profile = estimateSeasonalProfile(
        detrended,
        startMs,
        stepMs,
        periodMs,
        profileBins(periodMs, stepMs),
      );
      profiles[k] = profile;
      const part = parts[k] as Float64Array;
      for (let i = 0; i < n; i++) part[i] = seasonalAt(profile, startMs + i * stepMs);
    });
  }
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let seasonal = 0;
    for (const part of parts) seasonal += part[i] as number;
    adjusted[i] = (values[i] as number) - seasonal;
  }
  return { profiles, adjusted };
}

/** The sum of the profiles at `timeMs`. */
export function seasonalSum(profiles: readonly SeasonalProfile[], timeMs: number): number {
  let sum = 0;
  for (const profile of profiles) sum += seasonalAt(profile, timeMs);
  return sum;
}
