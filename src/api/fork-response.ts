import type { Fork } from '../contract/index.js';
import type { ForkRecord, Twin } from '../model/index.js';

/** A fork record with the length of its own change log (its seqs run 1..n, so the head is n). */
export function forkResponse(twin: Twin, record: ForkRecord): Fork {
  const [head] = twin.listChanges({ fork: record.id, limit: 1 });
  return { ...record, changeCount: head?.seq ?? 0 };
}
