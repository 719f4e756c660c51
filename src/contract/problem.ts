import { type Static, Type } from '@sinclair/typebox';

/** Where in an input a problem sits. */
export const InputIssueSchema = Type.Object({
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'dotted path, e.g. `body.ops[2].entity.kind`' })),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer({ minimum: 1 })),
  column: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type InputIssue = Static<typeof InputIssueSchema>;

/** Every error answer: RFC 9457 problem details, content type `application/problem+json`. */
export const ProblemSchema = Type.Object({
  type: Type.String({
    description: 'a URI naming the kind of problem, e.g. `urn:infratwin:problem:not-found`',
  }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.String({ description: 'the request path' }),
  issues: Type.Optional(Type.Array(InputIssueSchema)),
});
export type Problem = Static<typeof ProblemSchema>;
