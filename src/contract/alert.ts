import { type Static, Type } from '@sinclair/typebox';
import { JsonValueSchema } from './json-value.js';
import { type Page, PageSchema } from './page.js';
import { StringEnum } from './string-enum.js';

export const AlertStatusSchema = StringEnum(['open', 'acknowledged', 'resolved']);
export type AlertStatus = Static<typeof AlertStatusSchema>;

export const AlertSeveritySchema = StringEnum(['info', 'warning', 'critical']);
export type AlertSeverity = Static<typeof AlertSeveritySchema>;

export const PredictionClaimSchema = Type.Object(
  {
    metric: Type.String(),
    threshold: Type.Number(),
    direction: StringEnum(['above', 'below']),
  },
  { description: 'what the prediction says will happen, checked later against the samples' },
);

export const PredictionOutcomeSchema = Type.Object({
  verdict: StringEnum(['hit', 'miss', 'averted'], {
    description: 'hit: came true; miss: its time passed without it; averted: people acted on the alert first',
  }),
  scoredAtMs: Type.Number(),
  timeErrorMs: Type.Optional(Type.Number({ description: 'actual minus expected time of the event' })),
  leadTimeMs: Type.Optional(Type.Number({ description: 'how long before the event the alert was raised' })),
  valueError: Type.Optional(
    Type.Number({ description: "the metric's value at the expected time minus the claimed threshold" }),
  ),
});

export const AlertSchema = Type.Object({
  id: Type.String(),
  key: Type.String({ description: 'the condition; reporting it again updates this alert' }),
  kind: Type.String({ description: 'disk-full, memory-leak, overheating, anomaly, lint:duplicate-ip, …' }),
  source: Type.String({ description: 'risk, anomaly, lint' }),
  entityId: Type.String(),
  entities: Type.Array(Type.String()),
  severity: AlertSeveritySchema,
  status: AlertStatusSchema,
  summary: Type.String(),
  expectedAtMs: Type.Optional(Type.Number({ description: 'when the predicted failure is expected' })),
  expectedRange: Type.Optional(Type.Tuple([Type.Number(), Type.Number()], { description: '80 % interval' })),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  evidence: Type.Record(Type.String(), JsonValueSchema),
  fix: Type.Optional(Type.String()),
  claim: Type.Optional(PredictionClaimSchema),
  firstSeenMs: Type.Number(),
  lastSeenMs: Type.Number(),
  occurrences: Type.Integer(),
  acknowledgedBy: Type.Optional(Type.String()),
  acknowledgedAtMs: Type.Optional(Type.Number()),
  resolvedBy: Type.Optional(Type.String()),
  resolvedAtMs: Type.Optional(Type.Number()),
  outcome: Type.Optional(PredictionOutcomeSchema),
});
export type Alert = Static<typeof AlertSchema>;

export const AlertListQuerySchema = Type.Object({
  status: Type.Optional(
    Type.String({ description: 'open, acknowledged, resolved, or a comma-separated list' }),
  ),
  kind: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  entity: Type.Optional(Type.String({ description: 'alerts involving this entity' })),
  severity: Type.Optional(AlertSeveritySchema),
  limit: Type.Integer({ minimum: 0, maximum: 10_000, default: 1000 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type AlertListQuery = Static<typeof AlertListQuerySchema>;

/** One page of alerts, newest first: `total` counts every alert the filters match. */
export const AlertPageSchema = PageSchema(AlertSchema);
export type AlertPage = Page<Alert>;

export const KindAccuracySchema = Type.Object({
  kind: Type.String(),
  alerts: Type.Integer(),
  scored: Type.Integer(),
  hits: Type.Integer(),
  misses: Type.Integer(),
  averted: Type.Integer(),
  precision: Type.Optional(Type.Number({ description: 'hits / (hits + misses)' })),
  medianAbsTimeErrorMs: Type.Optional(Type.Number()),
  medianLeadTimeMs: Type.Optional(Type.Number()),
  medianAbsValueError: Type.Optional(Type.Number()),
});
export type KindAccuracy = Static<typeof KindAccuracySchema>;

export const LiveAlertMessageSchema = Type.Object({
  type: Type.Literal('alert'),
  action: StringEnum(['opened', 'updated', 'acknowledged', 'resolved', 'scored']),
  alert: AlertSchema,
});
export type LiveAlertMessage = Static<typeof LiveAlertMessageSchema>;
