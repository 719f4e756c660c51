import type { Entity, EntityId, JsonValue, Relation, TwinView } from '../../model/index.js';
import { anyIpRanges, formatIpRange, type IpRange, ipRangesCover, parseIpRange } from './ip-range.js';
import {
  formatNumberRanges,
  type NumberRanges,
  numberRangesCover,
  parseNumberRanges,
} from './number-ranges.js';
import { objectValue } from './prop-values.js';

export type RuleAction = 'allow' | 'deny';

/** A destination: address blocks (a rule list) or the entity an `allows` relation points at. */
export type RuleDestination = { readonly ranges: readonly IpRange[] } | { readonly entity: EntityId };

/** One firewall rule, read from a `firewallRules` item or an `allows` relation. */
export interface FirewallRule {
  /** `firewallRules[3]` or the relation id. */
  readonly ref: string;
  /** For messages: `rule 3 'allow-web'`. */
  readonly label: string;
  /** Position (rule lists) or `priority` (relations; lower first); undefined when not given. */
  readonly order: number | undefined;
  readonly action: RuleAction;
  /** Lower-case protocol names, or `any`. */
  readonly protocols: ReadonlySet<string> | 'any';
  readonly sources: readonly IpRange[];
  readonly destination: RuleDestination;
  /** Destination ports. */
  readonly ports: NumberRanges;
}

/** A rule that could not be read, and why. */
export interface UnreadableRule {
  readonly ref: string;
  readonly problem: string;
}

const allowWords = new Set(['allow', 'accept', 'permit', 'pass']);
const denyWords = new Set(['deny', 'drop', 'reject', 'block']);
const anyWords = new Set(['any', 'all', '*', 'ip']);
/** IANA protocol numbers importers write instead of names. */
const protocolNumbers: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'ipv6-icmp' };
const allPorts: NumberRanges = [{ first: 0n, last: 65535n }];

/**
 * The ordered rule list of an entity's `firewallRules` prop: items
 * `{ name?, action, protocol?, source?, destination?, ports? | port? }`, first match wins.
 */
export function ruleListOf(entity: Entity): { rules: FirewallRule[]; unreadable: UnreadableRule[] } {
  const rules: FirewallRule[] = [];
  const unreadable: UnreadableRule[] = [];
  const list = entity.props.firewallRules;
  if (list === undefined) return { rules, unreadable };
  if (!Array.isArray(list))
    return { rules, unreadable: [{ ref: 'firewallRules', problem: 'is not an array' }] };
  list.forEach((item, index) => {
    const read = readListItem(item, index);
    if ('problem' in read) unreadable.push(read);
    else rules.push(read);
  });
  return { rules, unreadable };
}

function readListItem(item: JsonValue, index: number): FirewallRule | UnreadableRule {
  const ref = `firewallRules[${index}]`;
  const fields = objectValue(item);
  if (!fields) return { ref, problem: 'is not an object' };
  const action = actionOf(fields.action);
  const protocols = protocolsOf(fields.protocol);
  const sources = rangesOf(fields.source);
  const destinations = rangesOf(fields.destination);
  const ports = fields.ports ?? fields.port;
  const portRanges = ports === undefined ? allPorts : parseNumberRanges(ports, 0, 65535);
  const problem =
    (action === undefined && `action ${JSON.stringify(fields.action)} is not allow or deny`) ||
    (protocols === undefined && `protocol ${JSON.stringify(fields.protocol)} is not readable`) ||
    (sources === undefined && `source ${JSON.stringify(fields.source)} is not CIDR blocks or any`) ||
    (destinations === undefined &&
      `destination ${JSON.stringify(fields.destination)} is not CIDR blocks or any`) ||
    (portRanges === undefined && `ports ${JSON.stringify(ports)} are not ports or ranges from 0 to 65535`);
  if (problem || !action || !protocols || !sources || !destinations || !portRanges) {
    return { ref, problem: problem || 'is not readable' };
  }
  const name = typeof fields.name === 'string' ? ` '${fields.name}'` : '';
  return {
    ref,
    label: `rule ${index + 1}${name}`,
    order: index,
    action,
    protocols,
    sources,
    destination: { ranges: destinations },
    ports: portRanges,
  };
}

/**
 * The `allows` relations out of one entity, each an allow rule for traffic to its target:
 * props `protocol`, `port` or `ports`, `source` (CIDR blocks, default any) and `priority`.
 */
export function allowRelationsOf(
  view: TwinView,
  id: EntityId,
): { rules: FirewallRule[]; unreadable: UnreadableRule[] } {
  const rules: FirewallRule[] = [];
  const unreadable: UnreadableRule[] = [];
  for (const relation of view.outgoing(id, 'allows')) {
    const read = readRelation(relation);
    if ('problem' in read) unreadable.push(read);
    else rules.push(read);
  }
  return { rules, unreadable };
}

function readRelation(relation: Relation): FirewallRule | UnreadableRule {
  const ref = relation.id;
  const protocols = protocolsOf(relation.props.protocol);
  const sources = rangesOf(relation.props.source);
  const written = relation.props.ports ?? relation.props.port;
  const ports = written === undefined ? allPorts : parseNumberRanges(written, 0, 65535);
  if (!protocols)
    return { ref, problem: `protocol ${JSON.stringify(relation.props.protocol)} is not readable` };
  if (!sources)
    return { ref, problem: `source ${JSON.stringify(relation.props.source)} is not CIDR blocks or any` };
  if (!ports)
    return { ref, problem: `ports ${JSON.stringify(written)} are not ports or ranges from 0 to 65535` };
  const priority = relation.props.priority;
  return {
    ref,
    label: `allows → ${relation.to}${relation.key ? ` #${relation.key}` : ''}`,
    order: typeof priority === 'number' ? priority : undefined,
    action: 'allow',
    protocols,
    sources,
    destination: { entity: relation.to },
    ports,
  };
}

function actionOf(value: JsonValue | undefined): RuleAction | undefined {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (allowWords.has(word)) return 'allow';
  if (denyWords.has(word)) return 'deny';
  return undefined;
}

function protocolsOf(value: JsonValue | undefined): ReadonlySet<string> | 'any' | undefined {
  if (value === undefined || value === null) return 'any';
  const items = Array.isArray(value) ? value : [value];
  const names = new Set<string>();
  for (const item of items) {
    const name =
      typeof item === 'number'
        ? (protocolNumbers[item] ?? String(item))
        : typeof item === 'string'
          ? item.trim().toLowerCase()
          : undefined;
    if (name === undefined || name === '') return undefined;
    if (anyWords.has(name)) return 'any';
    names.add(name);
  }
  return names.size > 0 ? names : undefined;
}

function rangesOf(value: JsonValue | undefined): IpRange[] | undefined {
  if (value === undefined || value === null) return [...anyIpRanges];
  const items = Array.isArray(value) ? value : [value];
  const ranges: IpRange[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return undefined;
    if (anyWords.has(item.trim().toLowerCase())) return [...anyIpRanges];
    const range = parseIpRange(item.trim());
    if (!range) return undefined;
    ranges.push(range);
  }
  return ranges.length > 0 ? ranges : undefined;
}

/** Whether every packet `inner` matches, `outer` matches too (each dimension contained). */
export function ruleCovers(outer: FirewallRule, inner: FirewallRule): boolean {
  return (
    protocolsCover(outer.protocols, inner.protocols) &&
    numberRangesCover(outer.ports, inner.ports) &&
    ipRangesCover(outer.sources, inner.sources) &&
    destinationCovers(outer.destination, inner.destination)
  );
}

function protocolsCover(outer: FirewallRule['protocols'], inner: FirewallRule['protocols']): boolean {
  if (outer === 'any') return true;
  if (inner === 'any') return false;
  return [...inner].every((name) => outer.has(name));
}

function destinationCovers(outer: RuleDestination, inner: RuleDestination): boolean {
  if ('entity' in outer || 'entity' in inner) {
    return 'entity' in outer && 'entity' in inner && outer.entity === inner.entity;
  }
  return ipRangesCover(outer.ranges, inner.ranges);
}

/** `deny tcp/22 from 10.0.0.0/8 to any`, for messages. */
export function describeRule(rule: FirewallRule): string {
  const protocols = rule.protocols === 'any' ? 'any' : [...rule.protocols].join(',');
  const ports = numberRangesCover(rule.ports, allPorts) ? '' : `/${formatNumberRanges(rule.ports)}`;
  const destination =
    'entity' in rule.destination ? rule.destination.entity : describeRanges(rule.destination.ranges);
  return `${rule.action} ${protocols}${ports} from ${describeRanges(rule.sources)} to ${destination}`;
}

function describeRanges(ranges: readonly IpRange[]): string {
  if (ipRangesCover(ranges, anyIpRanges)) return 'any';
  return ranges.map(formatIpRange).join(',');
}
