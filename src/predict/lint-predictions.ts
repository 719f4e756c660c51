import type { AlertSeverity, Prediction, Twin, TwinView } from '../model/index.js';
import type { LintFinding, LintSeverity } from './lint/lint-finding.js';
import { type LintOptions, runLint } from './lint/lint-registry.js';

const severities: Record<LintSeverity, AlertSeverity> = {
  error: 'critical',
  warning: 'warning',
  info: 'info',
};

/** A lint finding as a prediction: the failure it foretells is the one the misconfiguration causes. */
export function lintPrediction(finding: LintFinding): Prediction {
  const entityId = finding.entities[0] ?? `rule:${finding.rule}`;
  // One rule can find two things on the same entities (CPU and memory over-commit of one host):
  // the prop it read tells them apart.
  const prop = typeof finding.evidence.prop === 'string' ? `:${finding.evidence.prop}` : '';
  return {
    key: `lint:${finding.rule}:${[...finding.entities].sort().join(',')}${prop}`,
    kind: `lint:${finding.rule}`,
    source: 'lint',
    entityId,
    entities: finding.entities.length > 0 ? finding.entities : [entityId],
    severity: severities[finding.severity],
    summary: finding.message,
    confidence: 1,
    evidence: finding.evidence,
    fix: finding.fix,
  };
}

/**
 * Lint as a source of the prediction loop: findings depend on configuration alone, so the rules
 * run again only after a change set, and at most once per `minIntervalMs` (a full lint of a
 * 10,000-host estate takes about a second; discovery can write many change sets). Info findings
 * stay out of alerts.
 */
export function lintFindingSource(
  twin: Twin,
  options: LintOptions & { minIntervalMs?: number } = {},
): (view: TwinView, now: number) => Prediction[] {
  const { minIntervalMs = 60_000, ...lintOptions } = options;
  let seenSeq = -1;
  let ranAt = Number.NEGATIVE_INFINITY;
  let findings: Prediction[] = [];
  return (view, now) => {
    if (twin.seq === seenSeq || now - ranAt < minIntervalMs) return findings;
    seenSeq = twin.seq;
    ranAt = now;
    findings = runLint(view, { minSeverity: 'warning', ...lintOptions }).map(lintPrediction);
    return findings;
  };
}
