/**
 * What a wire decoder hands on: one measurement as the source spelled it, before it is resolved
 * to a twin entity and metric. Every receiver (remote_write, scrape, OTLP, MQTT, line protocol,
 * syslog) produces these; the resolver turns them into the model's `Sample`s.
 */
export interface RawSample {
  /** The metric name as the source spells it: `node_cpu_seconds_total`, `cpu.usage_idle`, ... */
  name: string;
  /**
   * Every identifying label or attribute except the name: Prometheus labels (job, instance, ...),
   * OpenTelemetry resource attributes merged with data-point attributes (data-point wins), Influx
   * tags, MQTT topic captures. Never includes `__name__`.
   */
  labels: Record<string, string>;
  value: number;
  /** Epoch milliseconds. */
  ts: number;
  /** What the source says the value is; `counter` values are cumulative and become rates. */
  type?: RawSampleType;
}

export type RawSampleType = 'gauge' | 'counter' | 'unknown';

/** One problem with the input, located as precisely as the format allows. */
export interface DecodeIssue {
  message: string;
  /** 1-based line of a text format. */
  line?: number;
  /** 1-based column of a text format. */
  column?: number;
  /** A field path: `resourceMetrics[0].scopeMetrics[1].metrics[2].gauge.dataPoints[0].timeUnixNano`. */
  field?: string;
}

/** A decoder's result: what it could read, and what it could not. */
export interface DecodeResult {
  samples: RawSample[];
  issues: DecodeIssue[];
}
