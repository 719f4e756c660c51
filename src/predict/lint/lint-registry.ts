import { InputError, type TwinView } from '../../model/index.js';
import { type LintFinding, type LintSeverity, severityRank } from './lint-finding.js';
import type { LintRule } from './lint-rule.js';
import { defaultLintSettings, type LintSettings } from './lint-settings.js';
import { certificateExpiryRule } from './rules/certificate-expiry-rule.js';
import { duplicateIpRule } from './rules/duplicate-ip-rule.js';
import { hostOvercommitRule } from './rules/host-overcommit-rule.js';
import { mtuMismatchRule } from './rules/mtu-mismatch-rule.js';
import { shadowedFirewallRuleRule } from './rules/shadowed-firewall-rule-rule.js';
import { singlePointOfFailureRule } from './rules/single-point-of-failure-rule.js';
import { versionDriftRule } from './rules/version-drift-rule.js';
import { vlanMismatchRule } from './rules/vlan-mismatch-rule.js';

/** Every built-in rule, in the order findings of equal severity are listed. */
export const lintRules: readonly LintRule[] = [
  duplicateIpRule,
  mtuMismatchRule,
  vlanMismatchRule,
  singlePointOfFailureRule,
  hostOvercommitRule,
  certificateExpiryRule,
  versionDriftRule,
  shadowedFirewallRuleRule,
];

export interface LintOptions {
  /** Rule names to run; all when absent or empty. */
  rules?: readonly string[];
  /** Leave out findings less severe than this. */
  minSeverity?: LintSeverity;
  settings?: Partial<LintSettings>;
  /** Rules to choose from; the built-in ones by default. */
  catalog?: readonly LintRule[];
}

/**
 * Runs the chosen rules over one snapshot; findings sorted by severity, then rule, then entity.
 * An unknown rule name is an InputError naming the known ones. A rule that throws yields one
 * error finding instead of taking the others down with it.
 */
export function runLint(view: TwinView, options: LintOptions = {}): LintFinding[] {
  const catalog = options.catalog ?? lintRules;
  const chosen = chooseRules(catalog, options.rules ?? []);
  const settings: LintSettings = { ...defaultLintSettings(), ...options.settings };
  const floor = severityRank(options.minSeverity ?? 'info');
  const findings: LintFinding[] = [];
  for (const rule of chosen) {
    for (const finding of runRule(rule, view, settings)) {
      if (severityRank(finding.severity) <= floor) findings.push(finding);
    }
  }
  const order = (finding: LintFinding) => catalog.findIndex((rule) => rule.name === finding.rule);
  return findings.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      order(a) - order(b) ||
      (a.entities[0] ?? '').localeCompare(b.entities[0] ?? '') ||
      a.message.localeCompare(b.message),
  );
}

function chooseRules(catalog: readonly LintRule[], names: readonly string[]): readonly LintRule[] {
  if (names.length === 0) return catalog;
  const unknown = names.filter((name) => !catalog.some((rule) => rule.name === name));
  if (unknown.length > 0) {
    throw new InputError(`unknown lint rule ${unknown.map((name) => `'${name}'`).join(', ')}`, [
      { field: 'rule', message: `the rules are: ${catalog.map((rule) => rule.name).join(', ')}` },
    ]);
  }
  return catalog.filter((rule) => names.includes(rule.name));
}

function runRule(rule: LintRule, view: TwinView, settings: LintSettings): LintFinding[] {
  try {
    return rule.check(view, settings);
  } catch (error) {
    return [
      {
        rule: rule.name,
        severity: 'error',
        message: `the rule ${rule.name} could not finish: ${error instanceof Error ? error.message : String(error)}`,
        entities: [],
        evidence: { error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        fix: 'report this as a bug in infratwin, with the evidence',
      },
    ];
  }
}
