import type { Operation } from './operation.js';
import type { Origin } from './provenance.js';

/** What a caller asks the twin to apply. */
export interface ChangeSetInput {
  /** Who: a token's name, `plant`, `import:<file>`. */
  actor: string;
  /** Why, in the caller's words. */
  reason?: string;
  /** The source whose facts these are, e.g. `estate:prod.yaml`; defaults to the actor. */
  source?: string;
  /** Declared (a source of truth), observed (discovery) or predicted (a scenario). Default declared. */
  origin?: Origin;
  ops: Operation[];
}

/** A change set as logged: normalized operations (no no-ops; cascades made explicit). */
export interface ChangeSet {
  /** Position in its log: the live log, or the fork's own log. Starts at 1. */
  seq: number;
  /** The fork it belongs to; absent for the live twin. */
  fork?: string;
  /** Epoch milliseconds when it was applied. */
  ts: number;
  actor: string;
  reason: string;
  source: string;
  origin: Origin;
  ops: Operation[];
}

/** A change set without its operations, for listings. */
export type ChangeSetSummary = Omit<ChangeSet, 'ops'> & { opCount: number };

export function summarizeChangeSet(changeSet: ChangeSet): ChangeSetSummary {
  const { ops, ...rest } = changeSet;
  return { ...rest, opCount: ops.length };
}
