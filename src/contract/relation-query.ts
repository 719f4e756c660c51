import { type Static, Type } from '@sinclair/typebox';
import { RelationTypeSchema } from './relation.js';
import { ViewQuerySchema } from './view-query.js';

export const RelationListQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({
    type: Type.Optional(RelationTypeSchema),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    fromKind: Type.Optional(Type.String()),
    toKind: Type.Optional(Type.String()),
    where: Type.Optional(
      Type.Array(Type.String(), {
        description: 'prop filters, repeatable: `callsPerRequest>=2`, `protocol=tcp`',
      }),
    ),
    limit: Type.Integer({ minimum: 0, maximum: 10_000, default: 100 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  }),
]);
export type RelationListQuery = Static<typeof RelationListQuerySchema>;
