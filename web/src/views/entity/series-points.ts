import type { MetricValue } from '../../contract';

/** A series as charted: [epoch ms, value] pairs, oldest first. */
export type Points = ReadonlyArray<readonly [number, number]>;

/**
 * The points after a live value: appended when newer than the last one, and the points older
 * than the range dropped, so a chart left open keeps moving and keeps its span.
 */
export function appendLive(points: Points, value: MetricValue, rangeMs: number): Points {
  const last = points[points.length - 1];
  if (last !== undefined && value.ts <= last[0]) return points;
  const from = value.ts - rangeMs;
  const kept = points[0] !== undefined && points[0][0] < from ? points.filter(([ms]) => ms >= from) : points;
  return [...kept, [value.ts, value.value]];
}

/** uPlot's columns: the times, then the values. */
export function toColumns(points: Points): [number[], number[]] {
  return [points.map(([ms]) => ms), points.map(([, value]) => value)];
}
