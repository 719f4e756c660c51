import { type Static, Type } from '@sinclair/typebox';
import { ChangeSetSummarySchema } from './change-set.js';
import { ForkSchema } from './fork.js';

const healthCounts = Type.Object({
  ok: Type.Integer(),
  warning: Type.Integer(),
  critical: Type.Integer(),
  unknown: Type.Integer(),
});
export type HealthCounts = Static<typeof healthCounts>;

/** The twin at a glance: counts by kind and health, the head of the change log, the forks. */
export const TwinSummarySchema = Type.Object({
  view: Type.String({ description: '`live`, `asOf:<seq>` or `fork:<id>`' }),
  seq: Type.Integer({ description: 'sequence number of the live change log' }),
  entities: Type.Integer(),
  relations: Type.Integer(),
  byHealth: healthCounts,
  byKind: Type.Record(Type.String(), Type.Composite([Type.Object({ total: Type.Integer() }), healthCounts])),
  head: Type.Union([ChangeSetSummarySchema, Type.Null()], { description: 'the latest live change set' }),
  forks: Type.Array(ForkSchema),
});
export type TwinSummary = Static<typeof TwinSummarySchema>;

export const HealthzSchema = Type.Object({
  status: Type.Literal('ok'),
  seq: Type.Integer(),
  uptimeSeconds: Type.Number(),
});
export type Healthz = Static<typeof HealthzSchema>;
