import { type Static, Type } from '@sinclair/typebox';
import { OperationSchema } from './operation.js';
import { OriginSchema } from './provenance.js';

/** What a client asks to apply. The actor is always the caller's token name, never the body's. */
export const ChangeSetInputSchema = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    source: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'defaults to the actor' }),
    ),
    origin: Type.Optional(OriginSchema),
    ops: Type.Array(OperationSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type ChangeSetInput = Static<typeof ChangeSetInputSchema>;

const summaryFields = {
  seq: Type.Integer({ minimum: 1, description: 'position in its log (the live log or the fork’s)' }),
  fork: Type.Optional(Type.String()),
  ts: Type.Number({ description: 'epoch milliseconds' }),
  actor: Type.String(),
  reason: Type.String(),
  source: Type.String(),
  origin: OriginSchema,
};

export const ChangeSetSchema = Type.Object({ ...summaryFields, ops: Type.Array(OperationSchema) });
export type ChangeSet = Static<typeof ChangeSetSchema>;

export const ChangeSetSummarySchema = Type.Object({
  ...summaryFields,
  opCount: Type.Integer({ minimum: 0 }),
});
export type ChangeSetSummary = Static<typeof ChangeSetSummarySchema>;

/** The answer when a change set changes nothing (the same estate applied twice). */
export const UnchangedSchema = Type.Object({ changed: Type.Literal(false) });
export type Unchanged = Static<typeof UnchangedSchema>;
