import type { EntityId, KindCatalog, Prediction, TwinView } from '../../model/index.js';
import type { MetricWindow } from './metric-window.js';
import type { RiskSettings } from './risk-settings.js';

/** What a risk rule reads: the twin's structure and props, and the recent history of watched metrics. */
export interface RiskContext {
  view: TwinView;
  now: number;
  settings: RiskSettings;
  /** For the metrics' own thresholds. */
  catalog: KindCatalog;
  window(entityId: EntityId, metric: string): MetricWindow | undefined;
  /** Every watched series of this metric with fresh samples (not stale). */
  windows(metric: string): Iterable<[EntityId, MetricWindow]>;
}

/** One kind of failure risk: the metrics it needs watched, and how it judges them. */
export interface RiskRule {
  kind: string;
  metrics: readonly string[];
  evaluate(context: RiskContext): Prediction[];
}
