import { type Static, Type } from '@sinclair/typebox';

/** Which twin a read sees: live (none given), as of a past time or change set, or a fork. */
export const ViewQuerySchema = Type.Object({
  asOf: Type.Optional(
    Type.String({
      description: 'ISO-8601 time or epoch ms: the twin as of the last change set at or before it',
    }),
  ),
  seq: Type.Optional(Type.Integer({ minimum: 0, description: 'the twin right after this live change set' })),
  fork: Type.Optional(Type.String({ minLength: 1, description: 'read a fork instead of the live twin' })),
});
export type ViewQuery = Static<typeof ViewQuerySchema>;
