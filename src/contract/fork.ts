import { type Static, Type } from '@sinclair/typebox';

export const ForkInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parent: Type.Optional(Type.String({ description: 'a fork to copy; absent forks the live twin' })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ForkInput = Static<typeof ForkInputSchema>;

/** A what-if scenario: a base version of the live twin plus its own change log. */
export const ForkSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parent: Type.Optional(Type.String()),
  baseSeq: Type.Integer({ minimum: 0, description: 'the live sequence number the fork sees as its base' }),
  createdAt: Type.Number(),
  createdBy: Type.String(),
  description: Type.Optional(Type.String()),
  changeCount: Type.Integer({ minimum: 0 }),
});
export type Fork = Static<typeof ForkSchema>;
