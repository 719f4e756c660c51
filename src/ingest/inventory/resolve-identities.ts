// Hybrid reconciliation (docs/integrations.md): the same machine seen by NetBox, Kubernetes,
// node_exporter and Terraform is one entity. Before an inventory is applied, each entity it
// declares is matched to one the twin already holds — by serial number, cloud instance id, IP
// address, then hostname — and takes that entity's id; a prop another source already stated
// differently is not overwritten but reported, with both sources.
import {
  type Entity,
  type EntityId,
  type EntityInput,
  formatIpAddress,
  type JsonValue,
  jsonEqual,
  parseIp,
  type RelationInput,
  type TwinView,
  unmapIpv4,
} from '../../model/index.js';
import type { EstateDocument } from '../estate-document.js';

/** Kinds that are one machine whichever source names them. */
const machineKinds = new Set([
  'host',
  'vm',
  'cloud-instance',
  'switch',
  'router',
  'firewall',
  'load-balancer',
  'pdu',
  'ups',
  'storage-array',
]);

export type MatchBasis = 'id' | 'serial' | 'instance-id' | 'ip-address' | 'hostname';

export interface IdentityMatch {
  /** The id the source used. */
  readonly declared: EntityId;
  /** The twin's entity it is. */
  readonly entity: EntityId;
  readonly by: MatchBasis;
  /** The value both share (the serial, the address…). */
  readonly value: string;
}

export interface FactConflict {
  readonly entity: EntityId;
  readonly field: string;
  /** What the twin holds, and who said it. */
  readonly held: { readonly value: JsonValue; readonly source: string };
  /** What this import says. */
  readonly declared: { readonly value: JsonValue; readonly source: string };
}

export interface ResolvedInventory {
  /** The document with matched ids replaced (in entities and relations) and conflicting props left out. */
  readonly document: EstateDocument & { source: string };
  readonly matches: IdentityMatch[];
  /** Declared entities that several twin entities could be: left as declared, not merged. */
  readonly ambiguous: Array<{
    readonly declared: EntityId;
    readonly candidates: EntityId[];
    readonly by: MatchBasis;
  }>;
  readonly conflicts: FactConflict[];
  /** What the source said, ids resolved, conflicting props kept: its claims, for drift. */
  readonly claimed: EntityInput[];
}

interface IdentityIndex {
  readonly serial: Map<string, EntityId[]>;
  readonly instanceId: Map<string, EntityId[]>;
  readonly ip: Map<string, EntityId[]>;
  readonly hostname: Map<string, EntityId[]>;
}

export function resolveIdentities(
  view: TwinView,
  document: EstateDocument & { source: string },
): ResolvedInventory {
  const index = indexMachines(view);
  const renames = new Map<EntityId, EntityId>();
  const matches: IdentityMatch[] = [];
  const ambiguous: ResolvedInventory['ambiguous'] = [];
  for (const entity of document.entities) {
    if (view.entity(entity.id) || !machineKinds.has(entity.kind)) continue;
    const found = matchOf(entity, index, view);
    if (found === undefined) continue;
    if (found.candidates.length > 1) {
      ambiguous.push({ declared: entity.id, candidates: found.candidates, by: found.by });
      continue;
    }
    const target = found.candidates[0] as EntityId;
    renames.set(entity.id, target);
    matches.push({ declared: entity.id, entity: target, by: found.by, value: found.value });
  }
  const conflicts: FactConflict[] = [];
  const claimed: EntityInput[] = [];
  const entities = document.entities.map((entity) => {
    const id = renames.get(entity.id) ?? entity.id;
    const existing = view.entity(id);
    const renamed = { ...entity, id, ...(existing ? { kind: existing.kind } : {}) };
    claimed.push(renamed);
    return existing ? withoutConflicts(renamed, existing, document.source, conflicts) : renamed;
  });
  const relations = document.relations.map(
    (relation): RelationInput => ({
      ...relation,
      from: renames.get(relation.from) ?? relation.from,
      to: renames.get(relation.to) ?? relation.to,
    }),
  );
  return { document: { ...document, entities, relations }, matches, ambiguous, conflicts, claimed };
}

function indexMachines(view: TwinView): IdentityIndex {
  const index: IdentityIndex = {
    serial: new Map(),
    instanceId: new Map(),
    ip: new Map(),
    hostname: new Map(),
  };
  const add = (map: Map<string, EntityId[]>, key: string, id: EntityId) => {
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const entity of view.entities()) {
    if (!machineKinds.has(entity.kind)) continue;
    const { serial, instanceId } = entity.props;
    if (typeof serial === 'string' && serial.trim() !== '')
      add(index.serial, serial.trim().toUpperCase(), entity.id);
    if (typeof instanceId === 'string' && instanceId !== '') add(index.instanceId, instanceId, entity.id);
    for (const address of addressesOf(entity.props)) add(index.ip, address, entity.id);
    add(index.hostname, hostnameKey(entity.name), entity.id);
  }
  return index;
}

function matchOf(
  entity: EntityInput,
  index: IdentityIndex,
  view: TwinView,
): { candidates: EntityId[]; by: MatchBasis; value: string } | undefined {
  const props = entity.props ?? {};
  const sameKindFamily = (ids: EntityId[]) => ids.filter((id) => view.entity(id) !== undefined);
  const tries: Array<[MatchBasis, Map<string, EntityId[]>, string[]]> = [
    [
      'serial',
      index.serial,
      typeof props.serial === 'string' && props.serial.trim() !== ''
        ? [props.serial.trim().toUpperCase()]
        : [],
    ],
    ['instance-id', index.instanceId, typeof props.instanceId === 'string' ? [props.instanceId] : []],
    ['ip-address', index.ip, addressesOf(props)],
    ['hostname', index.hostname, [hostnameKey(entity.name ?? entity.id.slice(entity.id.indexOf(':') + 1))]],
  ];
  for (const [by, map, keys] of tries) {
    const candidates = new Set<EntityId>();
    let value = '';
    for (const key of keys) {
      for (const id of sameKindFamily(map.get(key) ?? [])) {
        candidates.add(id);
        value = key;
      }
    }
    if (candidates.size > 0) return { candidates: [...candidates], by, value };
  }
  return undefined;
}

/** Props the twin already holds from another source with a different value stay; each is reported. */
function withoutConflicts(
  entity: EntityInput,
  existing: Entity,
  source: string,
  conflicts: FactConflict[],
): EntityInput {
  if (!entity.props) return entity;
  const props: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(entity.props)) {
    const held = existing.props[key];
    const heldBy = existing.propProvenance?.[key]?.source ?? existing.provenance.source;
    if (held !== undefined && heldBy !== source && !jsonEqual(held, value)) {
      conflicts.push({
        entity: existing.id,
        field: `props.${key}`,
        held: { value: held, source: heldBy },
        declared: { value, source },
      });
      continue;
    }
    props[key] = value;
  }
  return { ...entity, props };
}

function addressesOf(props: Readonly<Record<string, JsonValue>>): string[] {
  const texts: string[] = [];
  for (const key of ['ipAddresses', 'managementIp'] as const) {
    const value = props[key];
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') texts.push(item);
  }
  const out: string[] = [];
  for (const text of texts) {
    const address = parseIp((text.split('/')[0] ?? text).trim());
    // Loopback and link-local say nothing about which machine it is.
    if (!address) continue;
    const canonical = formatIpAddress(unmapIpv4(address));
    if (
      canonical.startsWith('127.') ||
      canonical === '::1' ||
      canonical.startsWith('169.254.') ||
      canonical.startsWith('fe80:')
    )
      continue;
    out.push(canonical);
  }
  return out;
}

/** `web-01.prod.example.com` and `WEB-01` are the same host name. */
function hostnameKey(name: string): string {
  return (name.split('.')[0] ?? name).trim().toLowerCase();
}
