import { type Static, Type } from '@sinclair/typebox';
import { EntitySchema } from './entity.js';
import { RelationSchema, RelationTypeSchema } from './relation.js';

/** One entity above or below another in the placement hierarchy (contains, runs-on). */
export const PlacedEntitySchema = Type.Object({
  entity: EntitySchema,
  depth: Type.Integer({ minimum: 1 }),
  via: Type.String({ description: 'the entity one step closer to the start' }),
});
export type PlacedEntity = Static<typeof PlacedEntitySchema>;

/** One step of a dependency closure. */
export const DependencyNodeSchema = Type.Object({
  id: Type.String(),
  depth: Type.Integer({ minimum: 1 }),
  via: RelationTypeSchema,
  from: Type.String({ description: 'the entity one step closer to the start' }),
});
export type DependencyNode = Static<typeof DependencyNodeSchema>;

export const PathStepSchema = Type.Object({
  relation: RelationSchema,
  to: Type.String({ description: 'the entity this step reaches' }),
});
export type PathStep = Static<typeof PathStepSchema>;

/** A shortest path between two entities; `found: false` with no steps when none exists. */
export const PathReportSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  found: Type.Boolean(),
  steps: Type.Array(PathStepSchema),
});
export type PathReport = Static<typeof PathReportSchema>;
