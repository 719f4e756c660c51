import { type Static, Type } from '@sinclair/typebox';
import { RoleSchema } from './token.js';

/** Who the bearer token belongs to: what a client (the web UI) shows and which controls it offers. */
export const SessionSchema = Type.Object({
  name: Type.String({ description: 'the token’s name: the actor recorded for what it changes' }),
  role: RoleSchema,
});
export type Session = Static<typeof SessionSchema>;
