import type { EntityId } from './entity.js';
import type { JsonValue } from './json-value.js';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export type AlertSeverity = 'info' | 'warning' | 'critical';

/**
 * A claim a prediction makes about the future that can be checked against what happens: the
 * entity's `metric` crosses `threshold` in `direction` at `expectedAtMs` (within the alert's
 * `expectedRange`). Predictions of present conditions (lint findings, an ongoing anomaly) make none.
 */
export interface PredictionClaim {
  metric: string;
  threshold: number;
  direction: 'above' | 'below';
}

/**
 * What the predict layer reports before it has a lifecycle. Reporting the same `key` again updates
 * the same alert instead of opening another: the key names the condition, not the evaluation.
 */
export interface Prediction {
  key: string;
  /** What is predicted: `disk-full`, `memory-leak`, `overheating`, `lint:duplicate-ip`, … */
  kind: string;
  /** Which part of the predict layer said it: `risk`, `anomaly`, `lint`. */
  source: string;
  entityId: EntityId;
  /** Every entity involved, the main one first. */
  entities: EntityId[];
  severity: AlertSeverity;
  summary: string;
  /** When the predicted failure is expected (epoch ms); absent when it is already the case. */
  expectedAtMs?: number;
  /** The 80 % interval of `expectedAtMs`. */
  expectedRange?: [number, number];
  /** 0 to 1. */
  confidence: number;
  evidence: Record<string, JsonValue>;
  fix?: string;
  claim?: PredictionClaim;
}

/** How a prediction's claim turned out, once it could be judged. */
export interface PredictionOutcome {
  /** `hit`: the claim came true; `miss`: its time passed without it; `averted`: people acted first. */
  verdict: 'hit' | 'miss' | 'averted';
  scoredAtMs: number;
  /** Actual minus expected time of the event (hits only). */
  timeErrorMs?: number;
  /** How long before the event the alert was first raised (hits only). */
  leadTimeMs?: number;
  /** The metric's value at the expected time minus the claimed threshold, when a sample was seen then. */
  valueError?: number;
}

export interface AlertRecord extends Prediction {
  id: string;
  status: AlertStatus;
  firstSeenMs: number;
  lastSeenMs: number;
  /** How many evaluations reported it. */
  occurrences: number;
  acknowledgedBy?: string;
  acknowledgedAtMs?: number;
  resolvedBy?: string;
  resolvedAtMs?: number;
  outcome?: PredictionOutcome;
}
