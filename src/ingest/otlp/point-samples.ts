import type { RawSample, RawSampleType } from '../raw-sample.js';
import { type Labels, setLabel } from './attribute-labels.js';
import { int64ToNumber } from './int64.js';
import type {
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Int64,
  NumberDataPoint,
  SummaryDataPoint,
} from './otlp-types.js';

/** Where one data point's samples go, and what they share. */
export interface PointTarget {
  /** The metric name as sent. */
  name: string;
  /** Resource, scope and data-point labels, merged. */
  labels: Labels;
  ts: number;
  out: RawSample[];
}

/** Why a data point was rejected, or undefined when it was turned into samples. */
export type Rejection = string | undefined;

/** How a number point reads: as it is, or (a delta sum) as a rate over its interval. */
export type NumberPointKind = 'gauge' | 'counter' | 'delta';

export function numberPointSamples(
  point: NumberDataPoint,
  target: PointTarget,
  kind: NumberPointKind,
): Rejection {
  const value = numberValue(point);
  if (value === undefined) return 'the data point has no value (neither asDouble nor asInt)';
  if (kind !== 'delta') {
    emit(target, target.name, value, kind);
    return undefined;
  }
  const seconds = intervalSeconds(point);
  if (seconds > 0) emit(target, `${target.name}:rate`, value / seconds, 'gauge');
  else emit(target, target.name, value, 'gauge');
  return undefined;
}

function numberValue(point: NumberDataPoint): number | undefined {
  switch (point.value) {
    case 'asDouble':
      return point.asDouble ?? 0;
    case 'asInt':
      return int64ToNumber(point.asInt);
    default:
      return undefined;
  }
}

/** The point's interval; 0 when the start is unknown (0) or not before the end. */
function intervalSeconds(point: NumberDataPoint): number {
  const start = int64ToNumber(point.startTimeUnixNano);
  const end = int64ToNumber(point.timeUnixNano);
  return start > 0 && end > start ? (end - start) / 1e9 : 0;
}

/**
 * `_count`, `_sum` and cumulative `_bucket{le}` series, as Prometheus exposes a histogram. The
 * bucket counts of a delta point are cumulative over the bounds but cover only its interval.
 */
export function histogramPointSamples(
  point: HistogramDataPoint,
  target: PointTarget,
  type: RawSampleType,
): Rejection {
  const counts = point.bucketCounts ?? [];
  const bounds = point.explicitBounds ?? [];
  if (counts.length > 0 && counts.length !== bounds.length + 1) {
    return `the histogram has ${counts.length} bucket counts for ${bounds.length} bounds (expected ${bounds.length + 1})`;
  }
  // sum is optional in histograms: senders leave it out when negative values were recorded.
  emitCountAndSum(target, type, point.count, point.sum ?? undefined);
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    cumulative += int64ToNumber(counts[i]);
    const le = i < bounds.length ? formatBound(bounds[i] as number) : '+Inf';
    emit(target, `${target.name}_bucket`, cumulative, type, withLabel(target.labels, 'le', le));
  }
  return undefined;
}

/** Exponential buckets have no fixed `le` to expose, so only `_count` and `_sum` are kept. */
export function exponentialHistogramPointSamples(
  point: ExponentialHistogramDataPoint,
  target: PointTarget,
  type: RawSampleType,
): Rejection {
  emitCountAndSum(target, type, point.count, point.sum ?? undefined);
  return undefined;
}

/**
 * A summary's count and sum are cumulative (the spec says so); its quantiles are gauges. Its sum
 * is a plain proto3 double, not optional: absent means 0.
 */
export function summaryPointSamples(point: SummaryDataPoint, target: PointTarget): Rejection {
  emitCountAndSum(target, 'counter', point.count, point.sum ?? 0);
  for (const quantile of point.quantileValues ?? []) {
    const labels = withLabel(target.labels, 'quantile', formatBound(quantile.quantile ?? 0));
    emit(target, target.name, quantile.value ?? 0, 'gauge', labels);
  }
  return undefined;
}

function emitCountAndSum(
  target: PointTarget,
  type: RawSampleType,
  count: Int64 | null | undefined,
  sum: number | undefined,
): void {
  emit(target, `${target.name}_count`, int64ToNumber(count), type);
  // Its own copy of the labels: no two samples share a labels object that a consumer might change.
  if (sum !== undefined) emit(target, `${target.name}_sum`, sum, type, { ...target.labels });
}

/** Bounds and quantiles as Prometheus writes them: `0.5`, `1000`, `+Inf`. */
function formatBound(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function withLabel(labels: Labels, key: string, value: string): Labels {
  const copy = { ...labels };
  setLabel(copy, key, value);
  return copy;
}

function emit(
  target: PointTarget,
  name: string,
  value: number,
  type: RawSampleType,
  labels = target.labels,
): void {
  target.out.push({ name, labels, value, ts: target.ts, type });
}
