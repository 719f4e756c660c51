import type { EntityId } from './entity.js';
import type { Origin } from './provenance.js';

export type Health = 'ok' | 'warning' | 'critical' | 'unknown';

/** The latest value of one metric of one entity. */
export interface MetricValue {
  readonly value: number;
  /** Epoch milliseconds of the sample. */
  readonly ts: number;
  readonly origin: Origin;
  readonly source: string;
  readonly confidence?: number;
}

export type EntityMetrics = Readonly<Record<string, MetricValue>>;

/** One sample on the internal ingest path: every receiver and the emulator produce these. */
export interface Sample {
  entityId: EntityId;
  metric: string;
  value: number;
  /** Epoch milliseconds. */
  ts: number;
  source: string;
}

export interface EntityHealth {
  health: Health;
  /** The metrics that decided it, worst first. */
  reasons: Array<{ metric: string; value: number; level: Exclude<Health, 'ok' | 'unknown'>; limit: number }>;
}
