/** One observation of a gauge: epoch milliseconds and its value. */
export interface SeriesPoint {
  timeMs: number;
  value: number;
}

/** A series on a regular grid: `values[i]` is the mean of the observations in step `i`; NaN marks a gap. */
export interface RegularSeries {
  startMs: number;
  stepMs: number;
  values: Float64Array;
}

/** Pairs parallel arrays (as a CSV reader returns them) into points. */
export function toSeriesPoints(timestampsMs: ArrayLike<number>, values: ArrayLike<number>): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let i = 0; i < timestampsMs.length; i++) {
    points.push({ timeMs: timestampsMs[i] as number, value: values[i] as number });
  }
  return points;
}
