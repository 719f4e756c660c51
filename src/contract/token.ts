import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';

/**
 * viewer < operator < admin: reads, then mutations, then tokens and the audit log. `ingest` may
 * only send telemetry to the receivers (remote_write, OTLP, line protocol).
 */
export const roles = ['viewer', 'operator', 'admin', 'ingest'] as const;
export const RoleSchema = StringEnum(roles);
export type Role = Static<typeof RoleSchema>;

export const TokenInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$' }),
    role: RoleSchema,
  },
  { additionalProperties: false },
);
export type TokenInput = Static<typeof TokenInputSchema>;

/** A token as listed: never its secret, which is shown once, when created. */
export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'the actor recorded for everything done with this token' }),
  role: RoleSchema,
  createdAt: Type.Number(),
  revokedAt: Type.Optional(Type.Number()),
});
export type Token = Static<typeof TokenSchema>;

export const CreatedTokenSchema = Type.Object({
  token: TokenSchema,
  secret: Type.String({ description: '`itw_…`: shown only in this answer; only its SHA-256 is stored' }),
});
export type CreatedToken = Static<typeof CreatedTokenSchema>;
