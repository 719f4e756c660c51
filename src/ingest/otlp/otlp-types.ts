/**
 * The decoded ExportMetricsServiceRequest, typed. These interfaces describe protobufjs's message
 * model, which both readers produce: protobufjs itself for protobuf bodies, the schema-driven JSON
 * reader for JSON bodies. Two traits of that model shape the code that reads them:
 *
 * - a member of a oneof is known by the virtual discriminator (`point.value === 'asInt'`), not
 *   by its own property, because protobufjs gives unset members their default (0) through the
 *   prototype;
 * - 64-bit integers are Long objects (protobufjs uses the `long` package when present, as here),
 *   or plain numbers.
 */

/** A 64-bit integer: a `Long` from the `long` package, or a number. */
export type Int64 = LongLike | number | string;

export interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
  toNumber?(): number;
  toString(radix?: number): string;
}

export interface ExportMetricsServiceRequest {
  resourceMetrics?: ResourceMetrics[] | null;
}

export interface ResourceMetrics {
  resource?: Resource | null;
  scopeMetrics?: ScopeMetrics[] | null;
}

export interface Resource {
  attributes?: KeyValue[] | null;
}

export interface ScopeMetrics {
  scope?: InstrumentationScope | null;
  metrics?: Metric[] | null;
}

export interface InstrumentationScope {
  name?: string | null;
  version?: string | null;
}

export interface KeyValue {
  key?: string | null;
  value?: AnyValue | null;
}

export type AnyValueKind =
  | 'stringValue'
  | 'boolValue'
  | 'intValue'
  | 'doubleValue'
  | 'arrayValue'
  | 'kvlistValue'
  | 'bytesValue';

export interface AnyValue {
  /** Which member of the oneof is set; undefined for an empty value. */
  value?: AnyValueKind;
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: Int64 | null;
  doubleValue?: number | null;
  arrayValue?: { values?: AnyValue[] | null } | null;
  kvlistValue?: { values?: KeyValue[] | null } | null;
  bytesValue?: Uint8Array | null;
}

export type MetricDataKind = 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';

export interface Metric {
  name?: string | null;
  data?: MetricDataKind;
  gauge?: { dataPoints?: NumberDataPoint[] | null } | null;
  sum?: Sum | null;
  histogram?: Histogram | null;
  exponentialHistogram?: ExponentialHistogram | null;
  summary?: { dataPoints?: SummaryDataPoint[] | null } | null;
}

export const temporality = { unspecified: 0, delta: 1, cumulative: 2 } as const;

/** DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK */
export const noRecordedValueFlag = 1;

export interface Sum {
  dataPoints?: NumberDataPoint[] | null;
  aggregationTemporality?: number | null;
  isMonotonic?: boolean | null;
}

export interface Histogram {
  dataPoints?: HistogramDataPoint[] | null;
  aggregationTemporality?: number | null;
}

export interface ExponentialHistogram {
  dataPoints?: ExponentialHistogramDataPoint[] | null;
  aggregationTemporality?: number | null;
}

/** What every kind of data point has. */
export interface DataPoint {
  attributes?: KeyValue[] | null;
  startTimeUnixNano?: Int64 | null;
  timeUnixNano?: Int64 | null;
  flags?: number | null;
}

export interface NumberDataPoint extends DataPoint {
  value?: 'asDouble' | 'asInt';
  asDouble?: number | null;
  asInt?: Int64 | null;
}

export interface HistogramDataPoint extends DataPoint {
  count?: Int64 | null;
  /** Optional in the schema: null or undefined when the sender left it out. */
  sum?: number | null;
  bucketCounts?: Int64[] | null;
  explicitBounds?: number[] | null;
}

export interface ExponentialHistogramDataPoint extends DataPoint {
  count?: Int64 | null;
  sum?: number | null;
}

export interface SummaryDataPoint extends DataPoint {
  count?: Int64 | null;
  sum?: number | null;
  quantileValues?: Array<{ quantile?: number | null; value?: number | null }> | null;
}
