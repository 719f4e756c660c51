import type { EntityId, Prediction } from '../../../model/index.js';
import type { MetricWindow } from '../metric-window.js';
import { entityName, numberProp, riskPrediction, round } from '../risk-prediction.js';
import type { RiskContext, RiskRule } from '../risk-rule.js';
import { thresholdTrendRule } from '../threshold-trend-rule.js';

const minute = 60_000;
const hour = 60 * minute;

/** The multi-window, multi-burn-rate alerts of the SRE workbook (chapter 5, "Alerting on SLOs"). */
const burnAlerts = [
  {
    long: hour,
    short: 5 * minute,
    burn: 14.4,
    severity: 'critical',
    budgetSpent: '2 % of a 30-day budget in 1 h',
  },
  { long: 6 * hour, short: 30 * minute, burn: 6, severity: 'critical', budgetSpent: '5 % in 6 h' },
  { long: 24 * hour, short: 2 * hour, burn: 3, severity: 'warning', budgetSpent: '10 % in 1 d' },
  { long: 72 * hour, short: 6 * hour, burn: 1, severity: 'warning', budgetSpent: '10 % in 3 d' },
] as const;

/** A service burning its error budget faster than it can afford, over a long and a short window both. */
export function sloBurnRule(): RiskRule {
  return {
    kind: 'slo-burn',
    metrics: ['error_ratio'],
    evaluate(context) {
      const predictions: Prediction[] = [];
      for (const [service, window] of context.windows('error_ratio')) {
        const prediction = judgeBurn(context, service, window);
        if (prediction) predictions.push(prediction);
      }
      return predictions;
    },
  };
}

function judgeBurn(context: RiskContext, service: EntityId, window: MetricWindow): Prediction | undefined {
  const availability =
    numberProp(context, service, 'sloAvailability') ?? context.settings.defaultAvailability;
  const budget = 1 - availability;
  if (!(budget > 0)) return undefined;
  const history = window.historyMs();
  for (const alert of burnAlerts) {
    // A burn rate over a long window needs most of that window: six hours of data say nothing of three days.
    if (history < alert.long / 2) continue;
    const longBurn = (window.mean(Math.min(alert.long, history)) ?? 0) / budget;
    const shortBurn = (window.mean(alert.short) ?? 0) / budget;
    if (longBurn < alert.burn || shortBurn < alert.burn) continue;
    const exhaustMs = (30 * 24 * hour) / longBurn;
    return riskPrediction({
      kind: 'slo-burn',
      entityId: service,
      severity: alert.severity,
      summary: `${entityName(context, service)} burns its error budget ${round(longBurn, 3)}× too fast (${alert.budgetSpent}); at this rate a 30-day budget lasts ${round(exhaustMs / hour, 3)} h`,
      confidence: Math.min(0.99, 0.6 + 0.1 * Math.log2(shortBurn / alert.burn + 1)),
      evidence: {
        availabilityObjective: availability,
        longWindowMinutes: alert.long / minute,
        shortWindowMinutes: alert.short / minute,
        longBurnRate: round(longBurn),
        shortBurnRate: round(shortBurn),
        burnRateThreshold: alert.burn,
      },
      fix: 'Find what changed (a deployment, a dependency, a configuration): roll back, fail over or add capacity.',
    });
  }
  return undefined;
}

/**
 * A service's p99 latency above its objective (`sloLatencyP99Seconds`, else the catalog's warning
 * level) or heading there, and sudden spikes well above its own recent level.
 */
export function latencyRule(): RiskRule {
  const objective = thresholdTrendRule({
    kind: 'latency-slo',
    metric: 'latency_p99_seconds',
    entityKinds: ['service', 'load-balancer', 'database'],
    direction: 'above',
    threshold: (context, service) =>
      numberProp(context, service, 'sloLatencyP99Seconds') ??
      context.catalog.get('service')?.metrics?.latency_p99_seconds?.thresholds?.warning,
    horizonMs: () => hour,
    spanMs: 20 * minute,
    minSpanMs: 3 * minute,
    minSignificance: 5,
    minChange: 0.02,
    reportBreach: true,
    describe: (context, service, threshold) =>
      `p99 latency of ${entityName(context, service)} above ${threshold} s`,
    fix: 'Check saturation of the service and its dependencies (CPU, connection pools, queues); scale out or shed load.',
  });
  return {
    kind: 'latency',
    metrics: ['latency_p99_seconds'],
    evaluate(context) {
      const predictions = objective.evaluate(context);
      for (const [service, window] of context.windows('latency_p99_seconds')) {
        const spike = judgeSpike(context, service, window);
        if (spike) predictions.push(spike);
      }
      return predictions;
    },
  };
}

const spikeFactor = 3;

function judgeSpike(context: RiskContext, service: EntityId, window: MetricWindow): Prediction | undefined {
  const baseline = medianOf(window.minutes(window.lastTs - hour).values.slice(0, -2));
  if (baseline === undefined || baseline <= 0 || window.historyMs() < 15 * minute) return undefined;
  const recent = window.raw(window.lastTs - 2 * minute).values;
  if (recent.length < 2 || Math.min(...recent) < spikeFactor * baseline) return undefined;
  const now = window.lastValue;
  return riskPrediction({
    kind: 'latency-spike',
    entityId: service,
    severity: 'warning',
    summary: `p99 latency of ${entityName(context, service)} spiked to ${round(now, 3)} s, ${round(now / baseline, 2)}× its last hour`,
    confidence: Math.min(0.95, 0.5 + 0.05 * (now / baseline)),
    evidence: {
      latencyP99Seconds: round(now),
      baselineSeconds: round(baseline),
      factor: round(now / baseline),
    },
    fix: 'Look for a saturated dependency, a noisy neighbour or a slow query that started at the spike.',
  });
}

function medianOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
