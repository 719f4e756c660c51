import type { EntityId, JsonValue, Prediction } from '../../model/index.js';
import { formatDuration } from '../forecast/duration.js';
import { crossingTime, fitLinearTrend, type LinearTrend, slopeSignificance } from './linear-trend.js';
import type { MetricWindow } from './metric-window.js';
import { riskPrediction, round } from './risk-prediction.js';
import type { RiskContext, RiskRule } from './risk-rule.js';

export interface ThresholdTrendSpec {
  kind: string;
  metric: string;
  /** Entity kinds judged; others are skipped. */
  entityKinds: readonly string[];
  direction: 'above' | 'below';
  threshold(context: RiskContext, entityId: EntityId): number | undefined;
  horizonMs(context: RiskContext): number;
  /** The trend is read over this much recent history… */
  spanMs: number;
  /** …and only once at least this much exists. */
  minSpanMs: number;
  /** Standard errors the slope must be from zero: a trend, not noise. */
  minSignificance: number;
  /** Smallest change over the span, in the metric's unit, worth calling a trend. */
  minChange: number;
  /** When set, the trend over half the span must point the same way (growth that is sustained). */
  sustained?: boolean;
  /**
   * A metric of the same entity whose own rise explains this one (memory that grows with load is
   * not a leak): when it rises clearly over the span too, nothing is reported.
   */
  unlessRising?: string;
  /** Whether a value already past the threshold is reported (as happening now). */
  reportBreach: boolean;
  /** Words for the alert: "/var on db-02 full", "inlet of rack r12 above 27 °C". */
  describe(context: RiskContext, entityId: EntityId, threshold: number): string;
  fix: string;
}

/** A rule that forecasts a metric's linear trend to a threshold: disk full, memory exhausted, link saturated, too hot. */
export function thresholdTrendRule(spec: ThresholdTrendSpec): RiskRule {
  return {
    kind: spec.kind,
    metrics: spec.unlessRising ? [spec.metric, spec.unlessRising] : [spec.metric],
    evaluate(context) {
      const predictions: Prediction[] = [];
      for (const [entityId, window] of context.windows(spec.metric)) {
        const entity = context.view.entity(entityId);
        if (!entity || !spec.entityKinds.includes(entity.kind)) continue;
        const threshold = spec.threshold(context, entityId);
        if (threshold === undefined) continue;
        const prediction = judge(spec, context, entityId, window, threshold);
        if (prediction) predictions.push(prediction);
      }
      return predictions;
    },
  };
}

function judge(
  spec: ThresholdTrendSpec,
  context: RiskContext,
  entityId: EntityId,
  window: MetricWindow,
  threshold: number,
): Prediction | undefined {
  const sign = spec.direction === 'above' ? 1 : -1;
  const claim = { metric: spec.metric, threshold, direction: spec.direction };
  const current = window.lastValue;
  if (sign * (current - threshold) >= 0) {
    if (!spec.reportBreach) return undefined;
    return riskPrediction({
      kind: spec.kind,
      entityId,
      severity: 'critical',
      summary: `${spec.describe(context, entityId, threshold)} now (${round(current)})`,
      confidence: 1,
      evidence: { metric: spec.metric, value: round(current), threshold },
      fix: spec.fix,
    });
  }
  const trend = currentTrend(spec, window, sign);
  if (!trend || explainedByLoad(spec, context, entityId, trend)) return undefined;
  const crossing = crossingTime(trend, threshold, spec.direction, spec.horizonMs(context));
  if (!crossing) return undefined;
  const lead = crossing.atMs - context.now;
  const significance = slopeSignificance(trend);
  return riskPrediction({
    kind: spec.kind,
    entityId,
    severity: lead < spec.horizonMs(context) / 7 ? 'critical' : 'warning',
    summary: `${spec.describe(context, entityId, threshold)} in ${formatDuration(lead)} (80 %: ${formatDuration(crossing.range[0] - context.now)} – ${formatDuration(crossing.range[1] - context.now)})`,
    confidence: 1 - Math.exp(-significance / spec.minSignificance),
    evidence: trendEvidence(spec.metric, current, threshold, trend),
    fix: spec.fix,
    crossing,
    claim,
  });
}

/**
 * The trend to extrapolate: the current regime, not the average over the window. Starting from
 * the most recent quarter of the span that shows a clear trend, the fit is widened to the half and
 * the whole span as long as the wider slope agrees with it (a disk that began filling an hour ago
 * is read from that hour alone). Growth rules (`sustained`) also need the whole span rising.
 */
function currentTrend(spec: ThresholdTrendSpec, window: MetricWindow, sign: number): LinearTrend | undefined {
  const fits = [spec.spanMs / 4, spec.spanMs / 2, spec.spanMs].map((span) =>
    fitLinearTrend(window.span(span)),
  );
  const whole = fits[2];
  if (!whole || whole.spanMs < spec.minSpanMs) return undefined;
  const clear = (trend: LinearTrend | undefined): trend is LinearTrend =>
    trend !== undefined &&
    sign * trend.slope > 0 &&
    slopeSignificance(trend) >= spec.minSignificance &&
    sign * trend.slope * Math.max(trend.spanMs, spec.minSpanMs) >= spec.minChange;
  if (spec.sustained) {
    const half = fits[1];
    if (
      !clear(whole) ||
      !half ||
      sign * half.slope <= 0 ||
      slopeSignificance(half) < spec.minSignificance / 2
    )
      return undefined;
  }
  let chosen: LinearTrend | undefined;
  for (const fit of fits) {
    if (!chosen) chosen = clear(fit) ? fit : undefined;
    else if (fit && agree(chosen, fit)) chosen = fit;
    else break;
  }
  return chosen;
}

function explainedByLoad(
  spec: ThresholdTrendSpec,
  context: RiskContext,
  entityId: EntityId,
  trend: LinearTrend,
): boolean {
  if (!spec.unlessRising) return false;
  const driver = context.window(entityId, spec.unlessRising);
  if (!driver) return false;
  const driverTrend = fitLinearTrend(driver.span(Math.max(trend.spanMs, spec.minSpanMs)));
  if (!driverTrend || driverTrend.slope <= 0 || slopeSignificance(driverTrend) < 3) return false;
  const level = Math.abs(driverTrend.level) || 1;
  return (driverTrend.slope * driverTrend.spanMs) / level >= 0.05;
}

/** Slopes within two standard errors of each other. */
function agree(a: LinearTrend, b: LinearTrend): boolean {
  return Math.abs(a.slope - b.slope) <= 2 * Math.hypot(a.slopeStdError, b.slopeStdError);
}

function trendEvidence(
  metric: string,
  value: number,
  threshold: number,
  trend: LinearTrend,
): Record<string, JsonValue> {
  return {
    metric,
    value: round(value),
    threshold,
    slopePerHour: round(trend.slope * 3_600_000),
    slopeStdErrorPerHour: round(trend.slopeStdError * 3_600_000),
    points: trend.points,
    windowMinutes: round(trend.spanMs / 60_000, 3),
  };
}
