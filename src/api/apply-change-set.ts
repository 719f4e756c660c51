import type { FastifyReply } from 'fastify';
import type { ChangeSet, ChangeSetInput, Unchanged } from '../contract/index.js';
import type { Operation, Twin } from '../model/index.js';

/**
 * Applies a client's change set as `actor` (the caller's token name; the body has no say) and
 * answers 201 with the logged change set, or 200 `{ changed: false }` when it changes nothing.
 */
export async function applyChangeSet(
  twin: Twin,
  reply: FastifyReply,
  actor: string,
  body: ChangeSetInput,
  fork?: string,
): Promise<ChangeSet | Unchanged> {
  const changeSet = await twin.apply(
    {
      actor,
      // Parsed from JSON, so every `unknown` in the contract's operations is a JSON value.
      ops: body.ops as Operation[],
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(body.source !== undefined ? { source: body.source } : {}),
      ...(body.origin !== undefined ? { origin: body.origin } : {}),
    },
    fork === undefined ? {} : { fork },
  );
  if (changeSet === null) return { changed: false };
  reply.code(201);
  return changeSet;
}
