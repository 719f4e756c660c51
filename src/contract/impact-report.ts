import { type Static, Type } from '@sinclair/typebox';
import { RelationTypeSchema } from './relation.js';
import { StringEnum } from './string-enum.js';

export const ImpactedEntitySchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  effect: StringEnum(['failed', 'degraded'] as const),
  via: RelationTypeSchema,
  path: Type.Array(Type.String(), { description: 'from a failed source to this entity' }),
  lost: Type.Integer({ description: 'providers of the redundancy group lost' }),
  of: Type.Integer({ description: 'providers in the redundancy group' }),
});
export type ImpactedEntity = Static<typeof ImpactedEntitySchema>;

const effectCounts = Type.Object({ failed: Type.Integer(), degraded: Type.Integer() });

/** The blast radius of the failure of `sources`. */
export const ImpactReportSchema = Type.Object({
  sources: Type.Array(Type.String()),
  affected: Type.Array(ImpactedEntitySchema),
  counts: effectCounts,
  byKind: Type.Record(Type.String(), effectCounts),
});
export type ImpactReport = Static<typeof ImpactReportSchema>;

export const ImpactRequestSchema = Type.Object(
  {
    ids: Type.Array(Type.String(), {
      minItems: 1,
      maxItems: 10_000,
      description: 'entities failing at once',
    }),
  },
  { additionalProperties: false },
);
export type ImpactRequest = Static<typeof ImpactRequestSchema>;
