import type { RawSample, RawSampleType } from '../raw-sample.js';
import { addAttributes, type Labels } from './attribute-labels.js';
import { nanosToMillis } from './int64.js';
import { type DataPoint, type Metric, noRecordedValueFlag, temporality } from './otlp-types.js';
import {
  exponentialHistogramPointSamples,
  histogramPointSamples,
  type NumberPointKind,
  numberPointSamples,
  type PointTarget,
  type Rejection,
  summaryPointSamples,
} from './point-samples.js';
import type { Rejections } from './rejections.js';

/** What the metrics of one scope share. */
export interface MetricContext {
  /** Resource attributes and `otel_scope_name`. */
  baseLabels: Labels;
  nowMs: number;
  out: RawSample[];
  rejections: Rejections;
  /** The metric's field path, for issues: `resourceMetrics[0].scopeMetrics[1].metrics[2]`. */
  path: () => string;
}

type PointMapper<P> = (point: P, target: PointTarget) => Rejection;

/** Turns every data point of `metric` into samples, or counts it as rejected with a reason. */
export function addMetricSamples(metric: Metric, context: MetricContext): void {
  const name = metric.name ?? '';
  const unnamed = name === '' ? 'the metric has no name' : undefined;
  switch (metric.data) {
    case 'gauge':
      addPoints(metric.gauge?.dataPoints, 'gauge', name, unnamed, context, (point, target) =>
        numberPointSamples(point, target, 'gauge'),
      );
      return;
    case 'sum': {
      const kind = sumKind(metric.sum?.aggregationTemporality, metric.sum?.isMonotonic === true);
      addPoints(metric.sum?.dataPoints, 'sum', name, unnamed ?? unspecified(kind), context, (point, target) =>
        numberPointSamples(point, target, kind ?? 'gauge'),
      );
      return;
    }
    case 'histogram': {
      const type = histogramType(metric.histogram?.aggregationTemporality);
      const refusal = unnamed ?? unspecified(type);
      addPoints(metric.histogram?.dataPoints, 'histogram', name, refusal, context, (point, target) =>
        histogramPointSamples(point, target, type ?? 'gauge'),
      );
      return;
    }
    case 'exponentialHistogram': {
      const type = histogramType(metric.exponentialHistogram?.aggregationTemporality);
      const refusal = unnamed ?? unspecified(type);
      addPoints(
        metric.exponentialHistogram?.dataPoints,
        'exponentialHistogram',
        name,
        refusal,
        context,
        (p, t) => exponentialHistogramPointSamples(p, t, type ?? 'gauge'),
      );
      return;
    }
    case 'summary':
      addPoints(metric.summary?.dataPoints, 'summary', name, unnamed, context, summaryPointSamples);
      return;
    default:
      // A metric without data has no points to accept or reject.
      return;
  }
}

/**
 * A cumulative monotonic sum is a counter; a cumulative non-monotonic one (an up-down counter) a
 * gauge; a delta sum becomes a rate over its interval, whatever its monotonicity.
 */
function sumKind(aggregation: number | null | undefined, monotonic: boolean): NumberPointKind | undefined {
  if (aggregation === temporality.delta) return 'delta';
  if (aggregation === temporality.cumulative) return monotonic ? 'counter' : 'gauge';
  return undefined;
}

/** Cumulative histograms are counters; a delta one holds only its interval's counts: gauges. */
function histogramType(aggregation: number | null | undefined): RawSampleType | undefined {
  if (aggregation === temporality.delta) return 'gauge';
  if (aggregation === temporality.cumulative) return 'counter';
  return undefined;
}

/** The spec says UNSPECIFIED "MUST not be used": without it a value cannot be read. */
function unspecified(kind: string | undefined): string | undefined {
  return kind === undefined ? 'the aggregation temporality is unspecified (0)' : undefined;
}

function addPoints<P extends DataPoint>(
  points: readonly P[] | null | undefined,
  field: string,
  name: string,
  refusal: string | undefined,
  context: MetricContext,
  map: PointMapper<P>,
): void {
  if (!points) return;
  for (let i = 0; i < points.length; i++) {
    const reason = refusal ?? pointSamples(points[i] as P, name, context, map);
    if (reason !== undefined)
      context.rejections.add(reason, () => `${context.path()}.${field}.dataPoints[${i}]`);
  }
}

function pointSamples<P extends DataPoint>(
  point: P,
  name: string,
  context: MetricContext,
  map: PointMapper<P>,
) {
  if (((point.flags ?? 0) & noRecordedValueFlag) !== 0) return 'the data point has the NoRecordedValue flag';
  const labels = { ...context.baseLabels };
  addAttributes(labels, point.attributes);
  // A time of 0 means "unknown": the receiver's clock is the best stand-in.
  const ts = nanosToMillis(point.timeUnixNano) || context.nowMs;
  return map(point, { name, labels, ts, out: context.out });
}
