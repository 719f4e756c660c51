import { type Static, Type } from '@sinclair/typebox';

export const ChangeListQuerySchema = Type.Object({
  since: Type.Optional(Type.String({ description: 'ISO-8601 or epoch ms: change sets at or after' })),
  until: Type.Optional(Type.String({ description: 'ISO-8601 or epoch ms: change sets at or before' })),
  afterSeq: Type.Optional(
    Type.Integer({ minimum: 0, description: 'only change sets after this sequence number' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  fork: Type.Optional(Type.String({ minLength: 1 })),
  entity: Type.Optional(
    Type.String({
      minLength: 1,
      description: "an entity's history: change sets that wrote it or its relations",
    }),
  ),
});
export type ChangeListQuery = Static<typeof ChangeListQuerySchema>;

export const ChangeParamsSchema = Type.Object({ seq: Type.Integer({ minimum: 1 }) });
export type ChangeParams = Static<typeof ChangeParamsSchema>;

export const ForkQuerySchema = Type.Object({ fork: Type.Optional(Type.String({ minLength: 1 })) });
export type ForkQuery = Static<typeof ForkQuerySchema>;

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1 }) });
export type IdParams = Static<typeof IdParamsSchema>;
