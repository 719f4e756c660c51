import { type Static, Type } from '@sinclair/typebox';
import { EntityInputSchema } from './entity.js';
import { JsonValueSchema } from './json-value.js';
import { RelationInputSchema } from './relation.js';

const variants = [
  Type.Object({ op: Type.Literal('upsert-entity'), entity: EntityInputSchema }),
  Type.Object({
    op: Type.Literal('patch-entity'),
    id: Type.String(),
    name: Type.Optional(Type.String()),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), {
        description: 'null removes a label',
      }),
    ),
    props: Type.Optional(Type.Record(Type.String(), JsonValueSchema, { description: 'null removes a prop' })),
  }),
  Type.Object({ op: Type.Literal('remove-entity'), id: Type.String() }),
  Type.Object({ op: Type.Literal('upsert-relation'), relation: RelationInputSchema }),
  Type.Object({ op: Type.Literal('remove-relation'), id: Type.String() }),
  Type.Object({
    op: Type.Literal('set-metric'),
    id: Type.String(),
    metric: Type.String(),
    value: Type.Number(),
    ts: Type.Optional(Type.Number()),
    confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  }),
];
const union = Type.Union(variants);

/**
 * One operation of a change set. Written as `oneOf` with a discriminator on `op` so a validator
 * reports the problems of the variant that `op` names instead of every variant's.
 */
export const OperationSchema = Type.Unsafe<Static<typeof union>>({
  type: 'object',
  required: ['op'],
  discriminator: { propertyName: 'op' },
  oneOf: variants,
});
export type Operation = Static<typeof union>;
export type OperationKind = Operation['op'];
