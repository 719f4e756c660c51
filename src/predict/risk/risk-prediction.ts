import type { AlertSeverity, EntityId, JsonValue, Prediction, PredictionClaim } from '../../model/index.js';
import type { Crossing } from './linear-trend.js';
import type { RiskContext } from './risk-rule.js';

export interface RiskPredictionInput {
  kind: string;
  entityId: EntityId;
  /** Distinguishes several conditions of one kind on one entity (a metric, a peer). */
  detail?: string;
  entities?: EntityId[];
  severity: AlertSeverity;
  summary: string;
  confidence: number;
  evidence: Record<string, JsonValue>;
  fix?: string;
  crossing?: Crossing;
  claim?: PredictionClaim;
}

/** A risk rule's finding as a prediction, keyed by kind, entity and detail. */
export function riskPrediction(input: RiskPredictionInput): Prediction {
  const { crossing, detail, ...rest } = input;
  return {
    key: [input.kind, input.entityId, ...(detail ? [detail] : [])].join(':'),
    kind: rest.kind,
    source: 'risk',
    entityId: rest.entityId,
    entities: rest.entities ?? [rest.entityId],
    severity: rest.severity,
    summary: rest.summary,
    confidence: clamp01(rest.confidence),
    evidence: rest.evidence,
    ...(rest.fix ? { fix: rest.fix } : {}),
    ...(crossing
      ? { expectedAtMs: Math.round(crossing.atMs), expectedRange: roundRange(crossing.range) }
      : {}),
    ...(rest.claim ? { claim: rest.claim } : {}),
  };
}

function roundRange(range: [number, number]): [number, number] {
  return [Math.round(range[0]), Math.round(range[1])];
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
}

/** Rounds for evidence: enough digits to read, not the float noise. */
export function round(value: number, digits = 4): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : 0;
}

/** The entity's name for people, its id when it has none. */
export function entityName(context: RiskContext, entityId: EntityId): string {
  return context.view.entity(entityId)?.name ?? entityId;
}

/** A number prop, when the entity has it and it is finite. */
export function numberProp(context: RiskContext, entityId: EntityId, prop: string): number | undefined {
  const value = context.view.entity(entityId)?.props[prop];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The latest value of a metric from the twin's state, when fresh. */
export function freshMetric(context: RiskContext, entityId: EntityId, metric: string): number | undefined {
  const window = context.window(entityId, metric);
  if (window && context.now - window.lastTs <= context.settings.staleAfterMs) return window.lastValue;
  const state = context.view.metrics(entityId)?.[metric];
  if (state && context.now - state.ts <= context.settings.staleAfterMs) return state.value;
  return undefined;
}
