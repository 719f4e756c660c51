import { type Static, Type } from '@sinclair/typebox';
import { LiveAlertMessageSchema } from './alert.js';
import { HealthReasonSchema, HealthSchema } from './health.js';
import { MetricsSchema } from './metric-value.js';
import { RoleSchema } from './token.js';

/*
 * The live WebSocket protocol (GET /api/live). Without an Authorization header the first client
 * message must be `auth`; then `subscribe` (again at any time to change the filter).
 */

export const LiveAuthMessageSchema = Type.Object({ type: Type.Literal('auth'), token: Type.String() });
export type LiveAuthMessage = Static<typeof LiveAuthMessageSchema>;

/**
 * Which `state` messages a subscriber gets: `all`, one for every metric update (coalesced), or
 * `health`, one only when an update changes the entity's health, with no metrics.
 */
export const LiveStatesSchema = Type.Union([Type.Literal('all'), Type.Literal('health')], {
  description: 'all: every metric update; health: only updates that change an entity’s health',
});

/** Every list given narrows the stream; an empty or absent one matches everything. */
export const LiveSubscribeMessageSchema = Type.Object({
  type: Type.Literal('subscribe'),
  ids: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000 })),
  kinds: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
  selector: Type.Optional(Type.String({ description: 'Kubernetes label selector' })),
  states: Type.Optional(LiveStatesSchema),
});
export type LiveSubscribeMessage = Static<typeof LiveSubscribeMessageSchema>;

export const LiveClientMessageSchema = Type.Union([LiveAuthMessageSchema, LiveSubscribeMessageSchema]);
export type LiveClientMessage = Static<typeof LiveClientMessageSchema>;

export const LiveReadyMessageSchema = Type.Object({
  type: Type.Literal('ready'),
  name: Type.String({ description: 'the token’s name' }),
  role: RoleSchema,
});
export type LiveReadyMessage = Static<typeof LiveReadyMessageSchema>;

export const LiveSubscribedMessageSchema = Type.Object({
  type: Type.Literal('subscribed'),
  ids: Type.Array(Type.String()),
  kinds: Type.Array(Type.String()),
  selector: Type.String(),
  states: LiveStatesSchema,
});
export type LiveSubscribedMessage = Static<typeof LiveSubscribedMessageSchema>;

/**
 * New metric values of one entity: sent at once after a quiet window, then at most one per entity
 * per 50 ms, values merged. With `states: 'health'` only when its health changed, metrics empty.
 */
export const LiveStateMessageSchema = Type.Object({
  type: Type.Literal('state'),
  entityId: Type.String(),
  kind: Type.String(),
  metrics: MetricsSchema,
  health: HealthSchema,
  reasons: Type.Array(HealthReasonSchema),
});
export type LiveStateMessage = Static<typeof LiveStateMessageSchema>;

export const LiveChangeMessageSchema = Type.Object({
  type: Type.Literal('change'),
  seq: Type.Integer(),
  fork: Type.Optional(Type.String()),
  actor: Type.String(),
  reason: Type.String(),
  opCount: Type.Integer(),
  entityIds: Type.Array(Type.String(), { description: 'matching entities touched, at most 1000' }),
  truncated: Type.Optional(Type.Boolean({ description: 'true when more entities matched than listed' })),
});
export type LiveChangeMessage = Static<typeof LiveChangeMessageSchema>;

export const LiveForkMessageSchema = Type.Object({
  type: Type.Literal('fork'),
  action: Type.Union([Type.Literal('created'), Type.Literal('deleted')]),
  forkId: Type.String(),
  name: Type.String(),
});
export type LiveForkMessage = Static<typeof LiveForkMessageSchema>;

/** Messages were dropped because the client read too slowly: refetch what it shows. */
export const LiveLaggedMessageSchema = Type.Object({ type: Type.Literal('lagged'), dropped: Type.Integer() });
export type LiveLaggedMessage = Static<typeof LiveLaggedMessageSchema>;

export const LiveErrorMessageSchema = Type.Object({
  type: Type.Literal('error'),
  message: Type.String(),
  issues: Type.Optional(
    Type.Array(Type.Object({ message: Type.String(), field: Type.Optional(Type.String()) })),
  ),
});
export type LiveErrorMessage = Static<typeof LiveErrorMessageSchema>;

export const LiveServerMessageSchema = Type.Union([
  LiveReadyMessageSchema,
  LiveSubscribedMessageSchema,
  LiveStateMessageSchema,
  LiveChangeMessageSchema,
  LiveForkMessageSchema,
  LiveAlertMessageSchema,
  LiveLaggedMessageSchema,
  LiveErrorMessageSchema,
]);
export type LiveServerMessage = Static<typeof LiveServerMessageSchema>;
