// What the cloud importers (Terraform state, AWS describe output) share: the estate they build up,
// and security rules — AWS security groups, Azure network security groups, GCP firewall rules —
// as the `allows` relations the attack graph reads (docs/attack.md, "What the twin tells the
// attack graph"): from the source (the internet segment, a CIDR's segment, or the members of a
// referenced group) to each target, with `ports` ("22", "80,443", "8000-8100", "*") and
// `protocol` (tcp, udp, any). Egress rules are not read: the attack graph asks who can reach a
// machine, which only ingress rules answer.
import {
  builtinKinds,
  type EntityInput,
  hasPropType,
  isValidEntityId,
  kindOfId,
  type Labels,
  type Props,
  parseNetwork,
  type RelationInput,
  relationId,
} from '../../model/index.js';
import { type InventoryImport, type InventoryProblem, inventorySlug } from './inventory-import.js';
import { sourceLabels } from './inventory-labels.js';

/** The public internet: where an outside attacker starts. */
export const internetSegmentId = 'network-segment:internet';

/** Past this many relations from one group's rules, the group becomes a segment (see expandRules). */
export const defaultMaxRelationsPerGroup = 10_000;

/** Counts every importer of this family reports under the same names. */
export const ruleCounts = {
  icmp: 'rules skipped: icmp',
  protocol: 'rules skipped: other protocol',
  egress: 'egress rules ignored',
  collapsed: 'groups collapsed to segments',
} as const;

interface EntityRecord {
  entity: EntityInput;
  /** Written only as a reference (an instance's subnet that the input does not describe). */
  stub: boolean;
}

/**
 * Entities and relations by id, as an importer finds them: a later full description of an entity
 * merges over an earlier one (later labels and props win), a stub only fills gaps, and a relation
 * seen twice (a rule from 0.0.0.0/0 and one from ::/0) is kept once.
 */
export class CloudEstate {
  readonly #entities = new Map<string, EntityRecord>();
  readonly #relations = new Map<string, RelationInput>();
  readonly problems: InventoryProblem[] = [];
  readonly counts: Record<string, number> = {};

  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  count(name: string, by = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + by;
  }

  has(id: string): boolean {
    return this.#entities.has(id);
  }

  kindOf(id: string): string | undefined {
    return this.#entities.get(id)?.entity.kind;
  }

  /** Adds or merges an entity; false (and a problem at `path`) when its id is not a valid id. */
  entity(input: EntityInput, path: string, options: { stub?: boolean } = {}): boolean {
    if (!isValidEntityId(input.id) || kindOfId(input.id) !== input.kind) {
      this.problem(path, `cannot make an entity id from '${input.id}'`);
      return false;
    }
    const stub = options.stub === true;
    const existing = this.#entities.get(input.id);
    if (!existing) {
      this.#entities.set(input.id, { entity: input, stub });
      return true;
    }
    if (stub) {
      existing.entity = merge(input, existing.entity);
      return true;
    }
    existing.entity = merge(existing.entity, input);
    existing.stub = false;
    return true;
  }

  relation(input: RelationInput): void {
    const id = relationId(input);
    if (!this.#relations.has(id)) this.#relations.set(id, input);
  }

  /**
   * The import: entities and relations sorted by id, so the same input gives the same document.
   * Whatever the kind catalog would refuse (a prop of the wrong type, a relation between kinds
   * that cannot have it, an end that is missing) is left out here and reported, so the document
   * always applies.
   */
  toImport(source: string): InventoryImport {
    const entities: EntityInput[] = [];
    for (const id of [...this.#entities.keys()].sort()) {
      const { entity } = this.#entities.get(id) as EntityRecord;
      entities.push(this.#checkedEntity(entity));
    }
    const relations: RelationInput[] = [];
    for (const id of [...this.#relations.keys()].sort()) {
      const relation = this.#relations.get(id) as RelationInput;
      const message = this.#relationRefusal(relation);
      if (message) this.problem(id, message);
      else relations.push(relation);
    }
    return {
      document: { entities, relations, source },
      problems: this.problems,
      counts: this.counts,
    };
  }

  #checkedEntity(entity: EntityInput): EntityInput {
    const specs = builtinKinds.get(entity.kind)?.props ?? {};
    const props: Props = {};
    for (const [key, value] of Object.entries(entity.props ?? {})) {
      const spec = specs[key];
      if (spec && !hasPropType(value, spec.type)) {
        this.problem(
          `${entity.id}.props.${key}`,
          `must be ${spec.type === 'integer' ? 'an' : 'a'} ${spec.type}`,
        );
      } else props[key] = value;
    }
    const out: EntityInput = { id: entity.id, kind: entity.kind };
    if (entity.name !== undefined) out.name = entity.name;
    if (entity.labels && Object.keys(entity.labels).length > 0) out.labels = entity.labels;
    if (Object.keys(props).length > 0) out.props = props;
    return out;
  }

  #relationRefusal(relation: RelationInput): string | undefined {
    const from = this.#entities.get(relation.from)?.entity;
    const to = this.#entities.get(relation.to)?.entity;
    if (!from) return `no entity '${relation.from}'`;
    if (!to) return `no entity '${relation.to}'`;
    if (relation.from === relation.to) return 'a relation cannot link an entity to itself';
    const allowed = builtinKinds.get(from.kind)?.relations[relation.type];
    if (!allowed || !(allowed.includes('*') || allowed.includes(to.kind)))
      return `${from.kind} cannot have a ${relation.type} relation to ${to.kind}`;
    return undefined;
  }
}

function merge(base: EntityInput, over: EntityInput): EntityInput {
  const merged: EntityInput = { id: base.id, kind: base.kind };
  const name = over.name ?? base.name;
  if (name !== undefined) merged.name = name;
  merged.labels = { ...base.labels, ...over.labels };
  merged.props = { ...base.props, ...over.props };
  return merged;
}

/** Whether a relation of `type` from an entity of `fromKind` to one of `toKind` is in the catalog. */
export function catalogAllows(fromKind: string, type: RelationInput['type'], toKind: string): boolean {
  const allowed = builtinKinds.get(fromKind)?.relations[type];
  return allowed !== undefined && (allowed.includes('*') || allowed.includes(toKind));
}

/** How long a key made from a cloud tag may be (see inventory-labels.ts). */
export const tagKeyLength = 253;

/**
 * Cloud tags as labels: the `Name` tag (AWS's display name) is returned as the name; other keys
 * are made label keys (sourceLabels, sanitising), and a key that cannot be one, or collides with
 * another after sanitising, is reported at `path` and left out.
 */
export function tagLabels(
  estate: CloudEstate,
  tags: Readonly<Record<string, string>>,
  path: string,
): { name: string | undefined; labels: Labels } {
  const named = Object.hasOwn(tags, 'Name') ? tags.Name : undefined;
  const labels = sourceLabels(Object.fromEntries(Object.entries(tags).filter(([key]) => key !== 'Name')), {
    keys: 'sanitise',
    maxKeyLength: tagKeyLength,
    path,
    report: (at, key, refusal) =>
      estate.problem(
        at,
        refusal.reason === 'collides'
          ? `tag '${key}' is the label '${refusal.label}', as '${refusal.holder}' is: left out`
          : `tag '${key}' cannot be a label key: left out`,
      ),
  });
  return { name: named !== undefined && named.trim() !== '' ? named : undefined, labels };
}

/** `cloud-region:<provider>/<region>`, created with props provider and region; its id. */
export function cloudRegion(estate: CloudEstate, provider: string, region: string, path: string): string {
  const name = inventorySlug(region).replace(/\//g, '-');
  const id = `cloud-region:${provider}/${name}`;
  estate.entity(
    { id, kind: 'cloud-region', name: `${provider}/${name}`, props: { provider, region: name } },
    path,
  );
  return id;
}

export type RuleProtocol = 'tcp' | 'udp' | 'any';

/**
 * A protocol as AWS (`tcp`, `6`, `-1`), Azure (`Tcp`, `*`) and GCP (`tcp`, `all`) write it, as an
 * allows relation's protocol; ICMP and other protocols (ESP, GRE…) carry no ports the attack graph
 * can match, so those rules are skipped and counted.
 */
export function ruleProtocol(text: string): RuleProtocol | { skip: 'icmp' | 'protocol' } {
  const protocol = text.trim().toLowerCase();
  if (['-1', 'all', '*', 'any'].includes(protocol)) return 'any';
  if (protocol === 'tcp' || protocol === '6') return 'tcp';
  if (protocol === 'udp' || protocol === '17') return 'udp';
  if (['icmp', '1', 'icmpv6', '58'].includes(protocol)) return { skip: 'icmp' };
  return { skip: 'protocol' };
}

/** A from–to port range as an allows `ports` value: `22`, `8000-8100`, or `*` for 0–65535 or none. */
export function portRange(from: number | undefined, to: number | undefined): string {
  if (from === undefined && to === undefined) return '*';
  const low = from ?? (to as number);
  const high = to ?? low;
  if (low < 0 || high < 0 || (low <= 0 && high >= 65535)) return '*';
  return low === high ? `${low}` : `${Math.min(low, high)}-${Math.max(low, high)}`;
}

const portItem = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/**
 * Port entries (`"443"`, `"8000-8100"`, `"*"`, `"80-80"`) as one allows `ports` value; no entries
 * or a `*` among them is every port. A message when an entry is not a port or a range.
 */
export function portList(items: readonly string[]): string | { message: string } {
  const parts: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item === '*' || item === '') return '*';
    const match = portItem.exec(item);
    const low = Number(match?.[1]);
    const high = match?.[2] === undefined ? low : Number(match[2]);
    if (!match || low > 65535 || high > 65535 || high < low)
      return { message: `'${raw}' is not a port, a range low-high or *` };
    const text = portRange(low, high);
    if (text === '*') return '*';
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.length === 0 ? '*' : parts.join(',');
}

const internetNames = new Set(['0.0.0.0/0', '::/0', '*', 'internet', 'any']);

/**
 * The segment traffic from `text` comes from: the internet for 0.0.0.0/0, ::/0 and Azure's `*` or
 * `Internet`; otherwise `network-segment:<cidr>`, created with that range and `isolated` (it only
 * names a source: the addresses inside do not reach each other through it). Undefined, with a
 * problem, when the text is not an address range.
 */
export function sourceSegment(estate: CloudEstate, text: string, path: string): string | undefined {
  const trimmed = text.trim().toLowerCase();
  if (internetNames.has(trimmed)) {
    estate.entity(
      { id: internetSegmentId, kind: 'network-segment', name: 'internet', props: { internet: true } },
      path,
    );
    return internetSegmentId;
  }
  const network = parseNetwork(trimmed);
  if ('message' in network) {
    estate.problem(path, `'${text}' ${network.message}: rule source left out`);
    return undefined;
  }
  const cidr = trimmed.includes('/') ? trimmed : `${trimmed}/${network.family === 4 ? 32 : 128}`;
  const id = `network-segment:${cidr}`;
  const ok = estate.entity(
    { id, kind: 'network-segment', name: cidr, props: { cidrs: [cidr], isolated: true } },
    path,
  );
  return ok ? id : undefined;
}

/** A set of entities one rule names at once: a security group's members, instances with a tag. */
export interface MemberGroup {
  /** The segment that stands for the group when it is collapsed: `network-segment:<segment>`. */
  readonly segment: string;
  readonly name?: string;
  readonly members: readonly string[];
}

export type RuleSource = { readonly cidr: string } | { readonly group: MemberGroup };

export interface AllowRule {
  readonly path: string;
  readonly protocol: RuleProtocol;
  readonly ports: string;
  readonly sources: readonly RuleSource[];
}

/** The rules of one group, network security group or firewall rule, and what they protect. */
export interface RuleSet {
  /** Keys the relations (`<owner>:<protocol>:<ports>`), so rules between one pair stay apart. */
  readonly owner: string;
  readonly targets: MemberGroup;
  readonly rules: readonly AllowRule[];
}

/**
 * Emits a rule set's allows relations: from each source (the internet, a CIDR's segment, or each
 * member of a referenced group that may have allows relations) to each target, with relation key
 * `<owner>:<protocol>:<ports>`. When that would be more than `maxRelations` relations, the rule
 * set is written at group level instead — the target group and each referenced group become a
 * segment (`network-segment:<segment>`, isolated, containing its members) and the relations go
 * between segments — and the collapse is reported.
 */
export function expandRules(
  estate: CloudEstate,
  set: RuleSet,
  maxRelations = defaultMaxRelationsPerGroup,
): void {
  const canAllow = (id: string) => catalogAllows(estate.kindOf(id) ?? '', 'allows', 'network-segment');
  const targets = set.targets.members.filter((id) => estate.has(id));
  if (targets.length === 0 || set.rules.length === 0) return;
  let total = 0;
  for (const rule of set.rules) {
    for (const source of rule.sources)
      total += ('cidr' in source ? 1 : source.group.members.length) * targets.length;
  }
  const collapse = total > maxRelations;
  if (collapse) {
    estate.count(ruleCounts.collapsed);
    estate.problem(
      set.rules[0]?.path ?? set.owner,
      `${set.owner}: its rules make ${total} allows relations, more than ${maxRelations}: written between segments standing for the groups instead`,
    );
  }
  const targetIds = collapse ? groupSegment(estate, set.targets, set.rules[0]?.path ?? set.owner) : targets;
  for (const rule of set.rules) {
    const key = `${set.owner}:${rule.protocol}:${rule.ports}`;
    const props = { ports: rule.ports, protocol: rule.protocol };
    for (const source of rule.sources) {
      let from: string[];
      if ('cidr' in source) {
        const segment = sourceSegment(estate, source.cidr, rule.path);
        from = segment ? [segment] : [];
      } else if (collapse) {
        from = groupSegment(estate, source.group, rule.path).filter((id) => canAllow(id));
      } else {
        from = source.group.members.filter((id) => estate.has(id) && canAllow(id));
      }
      for (const fromId of from) {
        for (const toId of targetIds) {
          if (fromId !== toId) estate.relation({ type: 'allows', from: fromId, to: toId, key, props });
        }
      }
    }
  }
}

/**
 * A collapsed group: a segment containing the members a segment may contain (instances, load
 * balancers), plus the members it may not (a managed database), which keep their own relations.
 */
function groupSegment(estate: CloudEstate, group: MemberGroup, path: string): string[] {
  const id = `network-segment:${group.segment}`;
  const entity: EntityInput = { id, kind: 'network-segment', props: { isolated: true } };
  if (group.name !== undefined) entity.name = group.name;
  if (!estate.entity(entity, path)) return [];
  const out = [id];
  for (const member of group.members) {
    const kind = estate.kindOf(member);
    if (kind === undefined) continue;
    if (catalogAllows('network-segment', 'contains', kind)) {
      estate.relation({ type: 'contains', from: id, to: member });
    } else out.push(member);
  }
  return out;
}

/** A port an internet-facing load balancer or database listens on. */
export interface Listener {
  readonly protocol: RuleProtocol;
  readonly ports: string;
}

/**
 * Internet → `id`: one allows relation per listener, keyed `<prefix>:<protocol>:<ports>`; every
 * port when no listener is known (an internet-facing load balancer whose listeners are elsewhere).
 */
export function exposeToInternet(
  estate: CloudEstate,
  id: string,
  listeners: readonly Listener[],
  prefix: string,
  path: string,
): void {
  if (!estate.has(id) || sourceSegment(estate, '0.0.0.0/0', path) === undefined) return;
  const all = listeners.length === 0 ? [{ protocol: 'any' as const, ports: '*' }] : listeners;
  for (const { protocol, ports } of all) {
    estate.relation({
      type: 'allows',
      from: internetSegmentId,
      to: id,
      key: `${prefix}:${protocol}:${ports}`,
      props: { ports, protocol },
    });
  }
}
