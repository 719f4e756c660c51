import { type Static, Type } from '@sinclair/typebox';
import { EntityRecordSchema } from './entity.js';
import { JsonValueSchema } from './json-value.js';
import { RelationSchema } from './relation.js';

export const FieldChangeSchema = Type.Object({
  field: Type.String({ description: '`name`, `labels.<key>` or `props.<key>`' }),
  before: Type.Optional(JsonValueSchema),
  after: Type.Optional(JsonValueSchema),
});
export type FieldChange = Static<typeof FieldChangeSchema>;

export const MetricChangeSchema = Type.Object({
  id: Type.String(),
  metric: Type.String(),
  before: Type.Optional(Type.Number()),
  after: Type.Optional(Type.Number()),
});
export type MetricChange = Static<typeof MetricChangeSchema>;

/** What a fork changed against its base. */
export const TwinDiffSchema = Type.Object({
  entities: Type.Object({
    added: Type.Array(EntityRecordSchema),
    removed: Type.Array(EntityRecordSchema),
    changed: Type.Array(
      Type.Object({ id: Type.String(), kind: Type.String(), changes: Type.Array(FieldChangeSchema) }),
    ),
  }),
  relations: Type.Object({
    added: Type.Array(RelationSchema),
    removed: Type.Array(RelationSchema),
    changed: Type.Array(Type.Object({ id: Type.String(), changes: Type.Array(FieldChangeSchema) })),
  }),
  metrics: Type.Array(MetricChangeSchema),
});
export type TwinDiff = Static<typeof TwinDiffSchema>;
