import type { KindSpec } from './kind-catalog.js';
import type { EntityHealth, EntityMetrics } from './metric-state.js';

/** A value older than this no longer decides health: the source went quiet. */
export const defaultStaleAfterMs = 5 * 60_000;

/**
 * Health from the kind's thresholds: critical if any fresh metric is past its critical limit,
 * warning if past a warning limit, ok if at least one thresholded metric is fresh, else unknown.
 */
export function deriveHealth(
  spec: KindSpec | undefined,
  metrics: EntityMetrics | undefined,
  nowMs: number,
  staleAfterMs = defaultStaleAfterMs,
): EntityHealth {
  const reasons: EntityHealth['reasons'] = [];
  let judged = false;
  if (spec && metrics) {
    for (const [name, metricSpec] of Object.entries(spec.metrics)) {
      const thresholds = metricSpec.thresholds;
      const value = metrics[name];
      if (!thresholds || !value || nowMs - value.ts > staleAfterMs) continue;
      judged = true;
      const below = thresholds.direction === 'below';
      const past = (limit: number) => (below ? value.value <= limit : value.value >= limit);
      if (past(thresholds.critical)) {
        reasons.push({ metric: name, value: value.value, level: 'critical', limit: thresholds.critical });
      } else if (past(thresholds.warning)) {
        reasons.push({ metric: name, value: value.value, level: 'warning', limit: thresholds.warning });
      }
    }
  }
  reasons.sort((a, b) => (a.level === b.level ? 0 : a.level === 'critical' ? -1 : 1));
  const worst = reasons[0]?.level;
  return { health: worst ?? (judged ? 'ok' : 'unknown'), reasons };
}
