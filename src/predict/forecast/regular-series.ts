import { InputError } from '../../model/index.js';
import type { RegularSeries, SeriesPoint } from './series-point.js';

/** More buckets than this means the step is far too small for the span (a typo such as `--step 1ms`). */
const maxBuckets = 5_000_000;

/** The typical sampling interval: the median of the positive gaps between consecutive timestamps. */
export function inferStepMs(points: readonly SeriesPoint[]): number {
  const times = points.map((point) => point.timeMs).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return 60_000;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] as number;
}

/**
 * Puts the points on a regular grid that starts at the first timestamp: each step holds the mean
 * of the points that fall in it, NaN when none does (a gap). Non-finite values are dropped. The
 * grid starts at the first point so a regular input keeps its own timestamps.
 */
export function resampleSeries(points: readonly SeriesPoint[], stepMs = inferStepMs(points)): RegularSeries {
  if (!(stepMs > 0) || !Number.isFinite(stepMs)) {
    throw new InputError(`the step must be a positive duration, got ${stepMs} ms`);
  }
  const finite = points.filter((point) => Number.isFinite(point.value) && Number.isFinite(point.timeMs));
  if (finite.length === 0) return { startMs: 0, stepMs, values: new Float64Array(0) };
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const point of finite) {
    startMs = Math.min(startMs, point.timeMs);
    endMs = Math.max(endMs, point.timeMs);
  }
  const count = Math.floor((endMs - startMs) / stepMs) + 1;
  if (count > maxBuckets) {
    throw new InputError(
      `a step of ${stepMs} ms over this span gives ${count} points (at most ${maxBuckets}); use a larger step`,
    );
  }
  const sums = new Float64Array(count);
  const counts = new Uint32Array(count);
  for (const point of finite) {
    const index = Math.floor((point.timeMs - startMs) / stepMs);
    sums[index] = (sums[index] as number) + point.value;
    counts[index] = (counts[index] as number) + 1;
  }
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const n = counts[i] as number;
    values[i] = n > 0 ? (sums[i] as number) / n : Number.NaN;
  }
  return { startMs, stepMs, values };
}

/** Epoch milliseconds of step `index`. */
export function timeOfStep(series: RegularSeries, index: number): number {
  return series.startMs + index * series.stepMs;
}
