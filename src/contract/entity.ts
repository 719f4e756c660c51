import { type Static, Type } from '@sinclair/typebox';
import { HealthReasonSchema, HealthSchema } from './health.js';
import { LabelsSchema, PropsSchema } from './json-value.js';
import { MetricsSchema } from './metric-value.js';
import { ProvenanceSchema } from './provenance.js';

const entityId = Type.String({ description: '`<kind>:<name or path>`, e.g. `rack:dc1/a/r01`' });

/** What a change set says about an entity. */
export const EntityInputSchema = Type.Object({
  id: entityId,
  kind: Type.String(),
  name: Type.Optional(Type.String()),
  labels: Type.Optional(LabelsSchema),
  props: Type.Optional(PropsSchema),
});
export type EntityInput = Static<typeof EntityInputSchema>;

/** An entity as the twin holds it, without live state (diffs, change sets). */
export const EntityRecordSchema = Type.Object({
  id: entityId,
  kind: Type.String(),
  name: Type.String(),
  labels: LabelsSchema,
  props: PropsSchema,
  provenance: ProvenanceSchema,
  propProvenance: Type.Optional(
    Type.Record(Type.String(), ProvenanceSchema, {
      description: 'props written by a different change set than `provenance` says',
    }),
  ),
});
export type EntityRecord = Static<typeof EntityRecordSchema>;

/** Latest metric values and the health derived from them by the kind's thresholds. */
export const EntityStateSchema = Type.Object({
  metrics: MetricsSchema,
  health: HealthSchema,
  reasons: Type.Array(HealthReasonSchema, { description: 'the metrics that decided health, worst first' }),
});
export type EntityState = Static<typeof EntityStateSchema>;

export const EntitySchema = Type.Composite([EntityRecordSchema, Type.Object({ state: EntityStateSchema })]);
export type Entity = Static<typeof EntitySchema>;

/** What a map or a picker needs of an entity: a tenth of its bytes (GET /api/entity-briefs). */
export const EntityBriefSchema = Type.Object({
  id: entityId,
  kind: Type.String(),
  name: Type.String(),
  health: HealthSchema,
});
export type EntityBrief = Static<typeof EntityBriefSchema>;
