import { type Static, Type } from '@sinclair/typebox';
import { JsonValueSchema } from './json-value.js';
import { StringEnum } from './string-enum.js';

export const driftItemTypes = ['undeclared', 'silent', 'differs', 'relation'] as const;

const SourceValueSchema = Type.Object({ source: Type.String(), value: JsonValueSchema });
const PeerSchema = Type.Object({ peer: Type.String(), source: Type.String() });

/** One difference between what the sources of truth declare and what is observed. */
export const DriftItemSchema = Type.Object(
  {
    type: StringEnum(driftItemTypes),
    entity: Type.String(),
    kind: Type.String(),
    name: Type.Optional(Type.String()),
    observedBy: Type.Optional(
      Type.Array(Type.String(), {
        description: 'undeclared: who sees it (`telemetry:<source>` for samples)',
      }),
    ),
    declaredBy: Type.Optional(Type.Array(Type.String(), { description: 'silent: who declares it' })),
    lastSeen: Type.Optional(Type.Number({ description: 'epoch ms of the last sample or observation' })),
    field: Type.Optional(Type.String({ description: 'differs: `props.<name>`' })),
    declared: Type.Optional(Type.Array(SourceValueSchema)),
    observed: Type.Optional(Type.Array(SourceValueSchema)),
    relation: Type.Optional(
      Type.String({ description: 'relation: `contains→` (children), `←contains` (parent), `connects`…' }),
    ),
    declaredOnly: Type.Optional(Type.Array(PeerSchema)),
    observedOnly: Type.Optional(Type.Array(PeerSchema)),
  },
  { description: 'fields by type: see docs/integrations.md#drift' },
);
export type DriftItem = Static<typeof DriftItemSchema>;

export const DriftReportSchema = Type.Object({
  at: Type.Number({ description: 'epoch ms the report was computed' }),
  staleAfterMs: Type.Number(),
  sources: Type.Array(
    Type.Object({
      source: Type.String(),
      origin: Type.String(),
      at: Type.Number(),
      entities: Type.Integer(),
    }),
  ),
  summary: Type.Object({
    undeclared: Type.Integer(),
    silent: Type.Integer(),
    differs: Type.Integer(),
    relation: Type.Integer(),
  }),
  items: Type.Array(DriftItemSchema),
  truncated: Type.Boolean({ description: 'more items matched than `limit`' }),
});
export type DriftReport = Static<typeof DriftReportSchema>;

export const DriftQuerySchema = Type.Object({
  type: Type.Optional(StringEnum(driftItemTypes)),
  kind: Type.Optional(Type.String()),
  source: Type.Optional(Type.String({ description: 'items one of whose witnesses is this source' })),
  limit: Type.Integer({ minimum: 0, maximum: 100_000, default: 1000 }),
});
export type DriftQuery = Static<typeof DriftQuerySchema>;

export const SyncRunSchema = Type.Object({
  startedAt: Type.Number(),
  finishedAt: Type.Number(),
  ok: Type.Boolean(),
  error: Type.Optional(Type.String()),
  seq: Type.Optional(Type.Integer()),
  opCount: Type.Optional(Type.Integer()),
  added: Type.Optional(Type.Integer()),
  changed: Type.Optional(Type.Integer()),
  removed: Type.Optional(Type.Integer()),
  conflicts: Type.Optional(Type.Integer()),
  problems: Type.Optional(Type.Integer()),
});
export type SyncRun = Static<typeof SyncRunSchema>;

export const SyncStatusSchema = Type.Object({
  name: Type.String(),
  from: Type.String(),
  everyMs: Type.Number(),
  prune: Type.Boolean(),
  running: Type.Boolean(),
  runs: Type.Integer(),
  failures: Type.Integer(),
  lastRun: Type.Optional(SyncRunSchema),
  nextRunAt: Type.Optional(Type.Number()),
});
export type SyncStatus = Static<typeof SyncStatusSchema>;
