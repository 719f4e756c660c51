import { type Static, Type } from '@sinclair/typebox';

export const AuditEntrySchema = Type.Object({
  ts: Type.Number({ description: 'epoch milliseconds' }),
  actor: Type.String(),
  action: Type.String({ description: 'e.g. `token.create`, `fork.delete`, `estate.import`' }),
  target: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditQuerySchema = Type.Object({
  since: Type.Optional(Type.String({ description: 'ISO-8601 or epoch ms' })),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
});
export type AuditQuery = Static<typeof AuditQuerySchema>;
