import { type Static, Type } from '@sinclair/typebox';

export const ImportQuerySchema = Type.Object({
  file: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[^\\s/\\\\][^\\s]*$',
      description: 'the file’s name: its entities get source `estate:<file>`',
    }),
  ),
  prune: Type.Boolean({
    default: false,
    description: 'also remove what this file imported before and no longer has',
  }),
});
export type ImportQuery = Static<typeof ImportQuerySchema>;

/** What one estate import did: one change set, or nothing when the file matches the twin. */
export const ImportResultSchema = Type.Object({
  changed: Type.Boolean(),
  source: Type.String({ description: '`estate:<file>`' }),
  seq: Type.Optional(Type.Integer({ description: 'the change set applied, when something changed' })),
  opCount: Type.Integer(),
  entities: Type.Integer({ description: 'entities in the file' }),
  relations: Type.Integer({ description: 'relations in the file' }),
  pruned: Type.Integer({ description: 'entities and relations removed by prune' }),
});
export type ImportResult = Static<typeof ImportResultSchema>;
