import { type TSchema, Type } from '@sinclair/typebox';
import { ProblemSchema } from '../contract/index.js';

const problemDescriptions: Readonly<Record<number, string>> = {
  400: 'invalid input: `issues` lists every problem with its field (and file, line, column)',
  401: 'no bearer token, or an unknown or revoked one',
  403: 'the token’s role is not enough',
  404: 'no such entity, fork, change set or token',
  409: 'conflicts with the current state',
  413: 'body larger than the server’s limit',
  415: 'unsupported Content-Type',
};

/** The error answers a route can give, documented as problem+json in the OpenAPI document. */
export function withProblems(ok: Record<number, TSchema>, ...statuses: number[]): Record<number, TSchema> {
  const responses: Record<number, TSchema> = { ...ok };
  for (const status of statuses) {
    responses[status] = { ...ProblemSchema, description: problemDescriptions[status] ?? 'error' };
  }
  return responses;
}

/** What every authenticated route can answer besides its own errors. */
export const authProblems = [401, 403] as const;

/** `204 No Content`, documented. */
export const noContent = Type.Null({ description: 'done; no body' });
