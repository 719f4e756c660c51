import type { Entity, TwinView } from '../../../model/index.js';
import {
  allowRelationsOf,
  describeRule,
  type FirewallRule,
  ruleCovers,
  ruleListOf,
  type UnreadableRule,
} from '../firewall-rules.js';
import type { LintFinding } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';

const rule = 'shadowed-firewall-rule';

/**
 * A firewall rule that never decides anything, because an earlier rule matches every packet it
 * matches: with the opposite action its intent is defeated (warning), with the same action it is
 * dead weight (info). Checks each entity's ordered `firewallRules` (first match wins) and its
 * `allows` relations (allow rules to one target each: only redundancy can be told, as they have
 * no deny). Coverage is per rule, per dimension: protocol, destination ports, source and
 * destination CIDR blocks (IPv4 and IPv6), each dimension a union of its blocks or ranges.
 */
export const shadowedFirewallRuleRule: LintRule = {
  name: rule,
  description: 'firewall rules that an earlier rule fully covers (firewallRules, allows relations)',
  check(view) {
    const findings: LintFinding[] = [];
    for (const entity of view.entities()) {
      const list = ruleListOf(entity);
      findings.push(...list.unreadable.map((item) => unreadable(entity, item)));
      findings.push(...shadowsInList(entity, list.rules));
      findings.push(...redundantRelations(view, entity));
    }
    return findings;
  },
};

function shadowsInList(entity: Entity, rules: readonly FirewallRule[]): LintFinding[] {
  const findings: LintFinding[] = [];
  rules.forEach((later, index) => {
    const earlier = rules.slice(0, index).find((candidate) => ruleCovers(candidate, later));
    if (earlier) findings.push(shadowed(entity, earlier, later));
  });
  return findings;
}

/** Relations in (priority, id) order; of two identical ones, the later is the one reported. */
function redundantRelations(view: TwinView, entity: Entity): LintFinding[] {
  const { rules, unreadable: bad } = allowRelationsOf(view, entity.id);
  const findings = bad.map((item) => unreadable(entity, item));
  if (rules.length < 2) return findings;
  const sorted = [...rules].sort(
    (a, b) =>
      (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) ||
      a.ref.localeCompare(b.ref),
  );
  sorted.forEach((candidate, index) => {
    const cover = sorted.find(
      (other, at) =>
        at !== index && ruleCovers(other, candidate) && (at < index || !ruleCovers(candidate, other)),
    );
    if (cover) findings.push(shadowed(entity, cover, candidate));
  });
  return findings;
}

function shadowed(entity: Entity, earlier: FirewallRule, later: FirewallRule): LintFinding {
  const conflicting = earlier.action !== later.action;
  const relations = [earlier, later].filter((item) => 'entity' in item.destination);
  return {
    rule,
    severity: conflicting ? 'warning' : 'info',
    message: conflicting
      ? `${entity.id}: ${later.label} (${describeRule(later)}) never applies: ${earlier.label} (${describeRule(earlier)}) matches all its traffic first`
      : `${entity.id}: ${later.label} (${describeRule(later)}) is redundant: ${earlier.label} (${describeRule(earlier)}) already ${earlier.action}s all its traffic`,
    entities: [
      entity.id,
      ...relations.flatMap((item) => ('entity' in item.destination ? [item.destination.entity] : [])),
    ].filter((id, index, all) => all.indexOf(id) === index),
    evidence: {
      owner: entity.id,
      kind: conflicting ? 'conflicting' : 'redundant',
      shadowed: { ref: later.ref, label: later.label, rule: describeRule(later) },
      coveredBy: { ref: earlier.ref, label: earlier.label, rule: describeRule(earlier) },
    },
    fix: conflicting
      ? `move ${later.label} above ${earlier.label} on ${entity.id} if it is meant to ${later.action} that traffic, else delete it`
      : `delete ${later.label} on ${entity.id}: ${earlier.label} already covers it`,
  };
}

function unreadable(entity: Entity, item: UnreadableRule): LintFinding {
  return {
    rule,
    severity: 'warning',
    message: `${entity.id}: ${item.ref} ${item.problem}; it cannot be checked`,
    entities: [entity.id],
    evidence: { owner: entity.id, ref: item.ref, problem: item.problem },
    fix: `correct ${item.ref} on ${entity.id} (see docs/config-lint.md for the rule format)`,
  };
}
