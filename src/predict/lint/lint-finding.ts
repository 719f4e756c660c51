import type { EntityId, JsonValue } from '../../model/index.js';

export const lintSeverities = ['error', 'warning', 'info'] as const;
/** error: breaks or will break something; warning: a risk to act on; info: tidiness. */
export type LintSeverity = (typeof lintSeverities)[number];

/** One configuration problem: what is wrong, on which entities, the facts behind it and the fix. */
export interface LintFinding {
  /** The rule's name, e.g. `duplicate-ip`. */
  rule: string;
  severity: LintSeverity;
  message: string;
  /** Every entity the finding is about, the one to change first. */
  entities: EntityId[];
  /** The values the rule read, so the finding can be checked without re-running it. */
  evidence: Record<string, JsonValue>;
  /** What to change to clear the finding. */
  fix: string;
}

/** 0 for error, 2 for info: lower is more severe. */
export function severityRank(severity: LintSeverity): number {
  return lintSeverities.indexOf(severity);
}
