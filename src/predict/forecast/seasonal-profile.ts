import { median } from './robust-statistics.js';

/** A repeating pattern: `values[i]` is the offset at phase `i * binMs` of the period; mean zero. */
export interface SeasonalProfile {
  periodMs: number;
  binMs: number;
  values: Float64Array;
}

/**
 * The profile of a detrended series: the median of the values in each phase bin (robust to the odd
 * spike or outage), gaps between bins filled around the circle, and centred so the profile adds no
 * level. Phases are taken from epoch time (UTC), so a daily profile is tied to the clock.
 */
export function estimateSeasonalProfile(
  detrended: ArrayLike<number>,
  startMs: number,
  stepMs: number,
  periodMs: number,
  bins: number,
): SeasonalProfile {
  const binMs = periodMs / bins;
  const members: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < detrended.length; i++) {
    const value = detrended[i] as number;
    if (!Number.isFinite(value)) continue;
    (members[binOf(startMs + i * stepMs, periodMs, binMs, bins)] as number[]).push(value);
  }
  const values = new Float64Array(bins);
  for (let b = 0; b < bins; b++) values[b] = median(members[b] as number[]);
  fillCircularGaps(values);
  let mean = 0;
  for (const value of values) mean += value / bins;
  for (let b = 0; b < bins; b++) values[b] = (values[b] as number) - mean;
  return { periodMs, binMs, values };
}

/** The profile's offset at `timeMs`, interpolated linearly between bin centres around the circle. */
export function seasonalAt(profile: SeasonalProfile, timeMs: number): number {
  const bins = profile.values.length;
  const phase = mod(timeMs, profile.periodMs) / profile.binMs;
  const low = Math.floor(phase);
  const t = phase - low;
  const a = profile.values[mod(low, bins)] as number;
  if (t === 0) return a;
  return a + t * ((profile.values[mod(low + 1, bins)] as number) - a);
}

function binOf(timeMs: number, periodMs: number, binMs: number, bins: number): number {
  return mod(Math.round(mod(timeMs, periodMs) / binMs), bins);
}

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** Replaces NaN bins by linear interpolation between the nearest known bins, wrapping around. */
function fillCircularGaps(values: Float64Array): void {
  const bins = values.length;
  const known: number[] = [];
  for (let b = 0; b < bins; b++) if (Number.isFinite(values[b])) known.push(b);
  if (known.length === 0) {
    values.fill(0);
    return;
  }
  for (let k = 0; k < known.length; k++) {
    const from = known[k] as number;
    const to = k + 1 < known.length ? (known[k + 1] as number) : (known[0] as number) + bins;
    const a = values[from] as number;
    const b = values[to % bins] as number;
    for (let j = from + 1; j < to; j++) values[j % bins] = a + ((j - from) / (to - from)) * (b - a);
  }
}
