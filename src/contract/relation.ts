import { type Static, Type } from '@sinclair/typebox';
import { PropsSchema } from './json-value.js';
import { ProvenanceSchema } from './provenance.js';
import { StringEnum } from './string-enum.js';

export const relationTypes = [
  'contains',
  'runs-on',
  'depends-on',
  'connects',
  'routes-through',
  'powered-by',
  'cooled-by',
  'stored-on',
  'exposes',
  'allows',
  'has-vulnerability',
  'trusts',
  'relates-to',
] as const;
export const RelationTypeSchema = StringEnum(relationTypes);
export type RelationType = Static<typeof RelationTypeSchema>;

export const RelationInputSchema = Type.Object({
  type: RelationTypeSchema,
  from: Type.String(),
  to: Type.String(),
  key: Type.Optional(
    Type.String({ description: 'tells apart several relations of one type between two entities' }),
  ),
  props: Type.Optional(PropsSchema),
});
export type RelationInput = Static<typeof RelationInputSchema>;

export const RelationSchema = Type.Object({
  id: Type.String({ description: '`type:from->to` or `type:from->to#key`' }),
  type: RelationTypeSchema,
  from: Type.String(),
  to: Type.String(),
  key: Type.Optional(Type.String()),
  props: PropsSchema,
  provenance: ProvenanceSchema,
});
export type Relation = Static<typeof RelationSchema>;
