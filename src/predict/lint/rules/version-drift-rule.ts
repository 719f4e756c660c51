import type { Entity, EntityId, JsonValue, TwinView } from '../../../model/index.js';
import type { LintFinding, LintSeverity } from '../lint-finding.js';
import type { LintRule } from '../lint-rule.js';
import type { LintSettings } from '../lint-settings.js';
import { listNames, stringProp } from '../prop-values.js';
import { replicatedWorkloads } from '../replicated-workloads.js';
import { compareVersions, sameVersionLine } from '../version-order.js';

const rule = 'version-drift';
/** Props holding what software a member runs. */
const versionProps = ['version', 'softwareVersion', 'os', 'osVersion', 'kernelVersion', 'image'] as const;
/** Props holding firmware: only comparable between members of one hardware model. */
const firmwareProps = ['firmwareVersion', 'biosVersion'] as const;
/** At most this many ids per value in the evidence: a fleet of thousands stays a readable finding. */
const evidenceIds = 20;

interface Group {
  /** How the group was formed, for messages: `replicas of service:web`, `host role=hypervisor`. */
  name: string;
  owner: EntityId | undefined;
  members: readonly Entity[];
  severity: LintSeverity;
}

/**
 * Members of one group running different versions: the replicas of a service (warning: they
 * answer the same requests differently), and entities of one kind sharing a `role` prop or a
 * grouping label (info: fleet hygiene). Firmware is compared only within one hardware `model`.
 */
export const versionDriftRule: LintRule = {
  name: rule,
  description: 'replicas of a service, or entities of one kind and role, running different versions',
  check(view, settings) {
    const findings: LintFinding[] = [];
    for (const group of groupsOf(view, settings)) {
      for (const prop of versionProps) {
        const found = compare(group, prop, group.members);
        if (found) findings.push(found);
      }
      for (const prop of firmwareProps) {
        for (const [model, members] of byModel(group.members)) {
          const found = compare({ ...group, name: `${group.name}, model ${model}` }, prop, members);
          if (found) findings.push(found);
        }
      }
    }
    return findings;
  },
};

function groupsOf(view: TwinView, settings: LintSettings): Group[] {
  const groups: Group[] = replicatedWorkloads(view).map(({ workload, replicas }) => ({
    name: `replicas of ${workload.id}`,
    owner: workload.id,
    members: replicas,
    severity: 'warning',
  }));
  const peers = new Map<string, Entity[]>();
  for (const entity of view.entities()) {
    for (const key of peerKeys(entity, settings)) {
      const list = peers.get(key) ?? [];
      list.push(entity);
      peers.set(key, list);
    }
  }
  for (const [name, members] of [...peers].sort(([a], [b]) => a.localeCompare(b))) {
    if (members.length > 1) groups.push({ name, owner: undefined, members, severity: 'info' });
  }
  return groups;
}

/** `host role=hypervisor` for the role prop and each grouping label the entity carries. */
function peerKeys(entity: Entity, settings: LintSettings): string[] {
  const keys = new Set<string>();
  const role = stringProp(entity, 'role');
  if (role !== undefined) keys.add(`${entity.kind} role=${role}`);
  for (const label of settings.driftGroupLabels) {
    const value = entity.labels[label];
    if (value !== undefined) keys.add(`${entity.kind} ${label}=${value}`);
  }
  return [...keys];
}

function byModel(members: readonly Entity[]): Map<string, Entity[]> {
  const models = new Map<string, Entity[]>();
  for (const member of members) {
    const model = stringProp(member, 'model');
    if (model === undefined) continue;
    const list = models.get(model) ?? [];
    list.push(member);
    models.set(model, list);
  }
  return models;
}

function compare(group: Group, prop: string, members: readonly Entity[]): LintFinding | undefined {
  const values = new Map<string, EntityId[]>();
  for (const member of members) {
    const value = stringProp(member, prop);
    if (value === undefined) continue;
    const ids = values.get(value) ?? [];
    ids.push(member.id);
    values.set(value, ids);
  }
  if (values.size < 2) return undefined;
  const target = targetOf(values);
  const behind = [...values].filter(([value]) => value !== target.value).flatMap(([, ids]) => ids);
  const described = [...values]
    .sort(([a], [b]) => compareVersions(a, b))
    .map(([value, ids]) => `'${value}' on ${ids.length} (${listNames(ids, 3)})`);
  return {
    rule,
    severity: group.severity,
    message: `${group.name}: ${values.size} different ${prop} values: ${described.join(', ')}`,
    entities: group.owner ? [group.owner, ...behind] : behind,
    evidence: {
      group: group.name,
      prop,
      target: target.value,
      chosenBecause: target.why,
      values: [...values].map(
        ([value, ids]): JsonValue => ({
          value,
          count: ids.length,
          entities: ids.slice(0, evidenceIds),
        }),
      ),
    },
    fix: `bring ${listNames(behind)} to ${prop} '${target.value}' (${target.why} in the group)`,
  };
}

/** The newest when the values are one product's versions, else the most common. */
function targetOf(values: ReadonlyMap<string, readonly EntityId[]>): { value: string; why: string } {
  const names = [...values.keys()];
  if (sameVersionLine(names)) {
    const newest = names.reduce((best, value) => (compareVersions(value, best) > 0 ? value : best));
    return { value: newest, why: 'the newest' };
  }
  const [common] = [...values].sort(([a, x], [b, y]) => y.length - x.length || compareVersions(b, a));
  return { value: (common as [string, EntityId[]])[0], why: 'the most common' };
}
