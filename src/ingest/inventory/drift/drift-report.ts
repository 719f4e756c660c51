// Drift, intended against actual (docs/integrations.md#drift): what the sources of truth declare
// (NetBox, Terraform, estate files) against what discovery, orchestrators and the live mirror
// observe. Computed from the twin and each source's last claims whenever it is asked for, so a
// host that starts or stops reporting telemetry changes the report at once.
import type {
  ClaimedEntity,
  ClaimedRelation,
  Entity,
  EntityId,
  JsonValue,
  SourceClaims,
  TwinView,
} from '../../../model/index.js';
import { sameComparable } from './comparable-value.js';

export interface DriftOptions {
  /** Epoch ms: what "now" is for telemetry freshness. */
  readonly now: number;
  /** A sample older than this no longer shows that its entity is there. */
  readonly staleAfterMs: number;
}

/** Who saw or declared an entity: an inventory source, or `telemetry:<source>` for samples. */
export type Witness = string;

export type DriftItem =
  | {
      readonly type: 'undeclared';
      readonly entity: EntityId;
      readonly kind: string;
      readonly name: string;
      readonly observedBy: Witness[];
      readonly lastSeen?: number;
    }
  | {
      readonly type: 'silent';
      readonly entity: EntityId;
      readonly kind: string;
      readonly name: string;
      readonly declaredBy: Witness[];
      /** The last sample or observation, when there ever was one. */
      readonly lastSeen?: number;
    }
  | {
      readonly type: 'differs';
      readonly entity: EntityId;
      readonly kind: string;
      readonly field: string;
      readonly declared: Array<{ readonly source: string; readonly value: JsonValue }>;
      readonly observed: Array<{ readonly source: string; readonly value: JsonValue }>;
    }
  | {
      readonly type: 'relation';
      readonly entity: EntityId;
      readonly kind: string;
      /** `contains→` (children), `←contains` (parent), `connects` (either way)… */
      readonly relation: string;
      readonly declaredOnly: Array<{ readonly peer: EntityId; readonly source: string }>;
      readonly observedOnly: Array<{ readonly peer: EntityId; readonly source: string }>;
    };

export interface DriftReport {
  readonly at: number;
  readonly staleAfterMs: number;
  readonly sources: Array<{ source: string; origin: string; at: number; entities: number }>;
  readonly summary: Record<DriftItem['type'], number>;
  readonly items: DriftItem[];
}

interface Evidence {
  readonly declared: Map<EntityId, Set<Witness>>;
  readonly observed: Map<EntityId, Set<Witness>>;
  readonly lastSeen: Map<EntityId, number>;
  /** Kinds some declaring source declares, and kinds something observes. */
  readonly declaredKinds: Set<string>;
  readonly observedKinds: Set<string>;
  /** Per observing source, the kinds it reports: a poller that lists interfaces, say. */
  readonly kindsBySource: Map<string, Set<string>>;
}

/** Parts of a machine: their samples (node_exporter's filesystems and NICs) show the machine is there. */
const partKinds = new Set(['interface', 'volume']);

/** Relations whose direction says nothing (a cable has two ends). */
const undirected = new Set(['connects']);

export function computeDrift(
  view: TwinView,
  allClaims: readonly SourceClaims[],
  options: DriftOptions,
): DriftReport {
  const declaring = allClaims.filter((claims) => claims.origin === 'declared');
  const observing = allClaims.filter((claims) => claims.origin === 'observed');
  const evidence = gatherEvidence(view, declaring, observing, options);
  const items: DriftItem[] = [
    ...presenceItems(view, evidence),
    ...propItems(view, declaring, observing),
    ...relationItems(view, declaring, observing),
  ];
  const summary = { undeclared: 0, silent: 0, differs: 0, relation: 0 };
  for (const item of items) summary[item.type]++;
  return {
    at: options.now,
    staleAfterMs: options.staleAfterMs,
    sources: allClaims.map(({ source, origin, at, entities }) => ({
      source,
      origin,
      at,
      entities: entities.length,
    })),
    summary,
    items,
  };
}

function gatherEvidence(
  view: TwinView,
  declaring: readonly SourceClaims[],
  observing: readonly SourceClaims[],
  options: DriftOptions,
): Evidence {
  const evidence: Evidence = {
    declared: new Map(),
    observed: new Map(),
    lastSeen: new Map(),
    declaredKinds: new Set(),
    observedKinds: new Set(),
    kindsBySource: new Map(),
  };
  const claimed = new Set([...declaring, ...observing].map((claims) => claims.source));
  for (const claims of declaring) {
    for (const entity of claims.entities) {
      witness(evidence.declared, entity.id, claims.source);
      evidence.declaredKinds.add(entity.kind);
    }
  }
  for (const claims of observing) {
    for (const entity of claims.entities) {
      witness(evidence.observed, entity.id, claims.source);
      evidence.observedKinds.add(entity.kind);
      seen(evidence, entity.id, claims.at);
      const kinds = evidence.kindsBySource.get(claims.source);
      if (kinds) kinds.add(entity.kind);
      else evidence.kindsBySource.set(claims.source, new Set([entity.kind]));
    }
  }
  for (const entity of view.entities()) {
    fromProvenance(entity, claimed, evidence);
    fromTelemetry(view, entity, options, evidence);
  }
  return evidence;
}

/** Entities written by a source that keeps no claims (an estate file, discovery from telemetry). */
function fromProvenance(entity: Entity, claimed: ReadonlySet<string>, evidence: Evidence): void {
  const { origin, source, at } = entity.provenance;
  if (claimed.has(source)) return;
  if (origin === 'declared') {
    witness(evidence.declared, entity.id, source);
    evidence.declaredKinds.add(entity.kind);
  } else if (origin === 'observed') {
    witness(evidence.observed, entity.id, source);
    evidence.observedKinds.add(entity.kind);
    seen(evidence, entity.id, at);
  }
}

/**
 * Fresh observed samples show an entity is there; samples on a part (a host's filesystem or
 * interface) show its machine is there too — but a rack sensor's do not make the rack observed. Stale ones only say when it was last seen.
 */
function fromTelemetry(view: TwinView, entity: Entity, options: DriftOptions, evidence: Evidence): void {
  const metrics = view.metrics(entity.id);
  if (metrics === undefined) return;
  let latest: { ts: number; source: string } | undefined;
  for (const value of Object.values(metrics)) {
    if (value.origin !== 'observed') continue;
    if (latest === undefined || value.ts > latest.ts) latest = { ts: value.ts, source: value.source };
  }
  if (latest === undefined) return;
  const targets = partKinds.has(entity.kind)
    ? [entity, ...view.incoming(entity.id, 'contains').map((r) => view.entity(r.from))]
    : [entity];
  for (const target of targets) {
    if (target === undefined) continue;
    evidence.observedKinds.add(target.kind);
    seen(evidence, target.id, latest.ts);
    if (options.now - latest.ts <= options.staleAfterMs)
      witness(evidence.observed, target.id, `telemetry:${latest.source}`);
  }
}

function witness(map: Map<EntityId, Set<Witness>>, id: EntityId, who: Witness): void {
  const set = map.get(id);
  if (set) set.add(who);
  else map.set(id, new Set([who]));
}

function seen(evidence: Evidence, id: EntityId, at: number): void {
  if (at > (evidence.lastSeen.get(id) ?? Number.NEGATIVE_INFINITY)) evidence.lastSeen.set(id, at);
}

/**
 * Undeclared: observed, of a kind the sources of truth declare, declared by none. Silent: declared,
 * of a kind something observes, observed by nothing now. Kinds nobody declares (pods, when only
 * NetBox declares) or nobody observes (racks) are no drift.
 */
function presenceItems(view: TwinView, evidence: Evidence): DriftItem[] {
  const items: DriftItem[] = [];
  for (const [id, observedBy] of evidence.observed) {
    const entity = view.entity(id);
    if (!entity || evidence.declared.has(id) || !evidence.declaredKinds.has(entity.kind)) continue;
    const lastSeen = evidence.lastSeen.get(id);
    items.push({
      type: 'undeclared',
      entity: id,
      kind: entity.kind,
      name: entity.name,
      observedBy: [...observedBy].sort(),
      ...(lastSeen === undefined ? {} : { lastSeen }),
    });
  }
  for (const [id, declaredBy] of evidence.declared) {
    const entity = view.entity(id);
    if (!entity || evidence.observed.has(id) || !inObservedScope(view, entity, evidence)) continue;
    const lastSeen = evidence.lastSeen.get(id);
    items.push({
      type: 'silent',
      entity: id,
      kind: entity.kind,
      name: entity.name,
      declaredBy: [...declaredBy].sort(),
      ...(lastSeen === undefined ? {} : { lastSeen }),
    });
  }
  return items.sort(byEntity);
}

/**
 * Whether something would have seen the entity were it there. A machine: its kind is observed at
 * all. A part (an interface, a volume): a source that reports such parts saw its machine — a
 * poller that walked the switch and did not list the port; ports of switches nobody polled are
 * not silent.
 */
function inObservedScope(view: TwinView, entity: Entity, evidence: Evidence): boolean {
  if (!evidence.observedKinds.has(entity.kind)) return false;
  if (!partKinds.has(entity.kind)) return true;
  return view
    .incoming(entity.id, 'contains')
    .some((relation) =>
      [...(evidence.observed.get(relation.from) ?? [])].some((source) =>
        evidence.kindsBySource.get(source)?.has(entity.kind),
      ),
    );
}

/** Props a declaring and an observing source both state, with values that differ. */
function propItems(
  view: TwinView,
  declaring: readonly SourceClaims[],
  observing: readonly SourceClaims[],
): DriftItem[] {
  const declaredBy = claimsById(declaring);
  const items: DriftItem[] = [];
  for (const [id, observed] of claimsById(observing)) {
    const declared = declaredBy.get(id);
    if (!declared) continue;
    const fields = new Set(observed.flatMap(({ entity }) => Object.keys(entity.props)));
    for (const field of [...fields].sort()) {
      const said = (list: typeof declared) =>
        list
          .filter(({ entity }) => entity.props[field] !== undefined)
          .map(({ source, entity }) => ({ source, value: entity.props[field] as JsonValue }));
      const [bySource, byObserver] = [said(declared), said(observed)];
      if (bySource.length === 0) continue;
      const agree = byObserver.every((o) => bySource.every((d) => sameComparable(d.value, o.value)));
      if (agree) continue;
      items.push({
        type: 'differs',
        entity: id,
        kind: view.entity(id)?.kind ?? (observed[0] as { entity: ClaimedEntity }).entity.kind,
        field: `props.${field}`,
        declared: bySource,
        observed: byObserver,
      });
    }
  }
  return items.sort(byEntity);
}

function claimsById(
  list: readonly SourceClaims[],
): Map<EntityId, Array<{ source: string; entity: ClaimedEntity }>> {
  const map = new Map<EntityId, Array<{ source: string; entity: ClaimedEntity }>>();
  for (const claims of list) {
    for (const entity of claims.entities) {
      const entry = { source: claims.source, entity };
      const held = map.get(entity.id);
      if (held) held.push(entry);
      else map.set(entity.id, [entry]);
    }
  }
  return map;
}

interface Ends {
  /** Per entity and relation side (`contains→`, `←contains`, `connects`): peer → sources. */
  readonly peers: Map<string, Map<EntityId, Set<string>>>;
  readonly entities: Set<EntityId>;
  /** Relation types each side states at all: a source that never reports cables says nothing of them. */
  readonly types: Set<string>;
}

/**
 * Relations between entities both sides know, where they disagree: a cable to another port, an
 * interface on another device, a VM on another host. An entity one side lacks is presence drift
 * already and is not reported again through its relations.
 */
function relationItems(
  view: TwinView,
  declaring: readonly SourceClaims[],
  observing: readonly SourceClaims[],
): DriftItem[] {
  // Observers usually see a small part of what is declared: only declared relations that touch an
  // observed entity can differ, so the declared side is indexed only there.
  const observed = ends(observing);
  const declared = ends(
    declaring,
    (relation) => observed.entities.has(relation.from) || observed.entities.has(relation.to),
  );
  const known = (id: EntityId) => declared.entities.has(id) && observed.entities.has(id);
  const items: DriftItem[] = [];
  const keys = new Set([...declared.peers.keys(), ...observed.peers.keys()]);
  for (const key of [...keys].sort()) {
    const [entity, side] = splitKey(key);
    const type = side.replace(/[←→]/g, '');
    if (!known(entity) || !declared.types.has(type) || !observed.types.has(type)) continue;
    const only = (a: Ends, b: Ends) =>
      [...(a.peers.get(key) ?? new Map<EntityId, Set<string>>())]
        .filter(([peer]) => known(peer) && !b.peers.get(key)?.has(peer))
        .flatMap(([peer, sources]) => [...sources].map((source) => ({ peer, source })));
    const declaredOnly = only(declared, observed);
    const observedOnly = only(observed, declared);
    if (declaredOnly.length === 0 && observedOnly.length === 0) continue;
    items.push({
      type: 'relation',
      entity,
      kind: view.entity(entity)?.kind ?? entity.slice(0, entity.indexOf(':')),
      relation: side,
      declaredOnly,
      observedOnly,
    });
  }
  return items;
}

function ends(
  list: readonly SourceClaims[],
  keep: (relation: ClaimedRelation) => boolean = () => true,
): Ends {
  const result: Ends = { peers: new Map(), entities: new Set(), types: new Set() };
  const add = (entity: EntityId, side: string, peer: EntityId, source: string) => {
    const key = `${entity}\u0000${side}`;
    let peers = result.peers.get(key);
    if (!peers) {
      peers = new Map();
      result.peers.set(key, peers);
    }
    const sources = peers.get(peer);
    if (sources) sources.add(source);
    else peers.set(peer, new Set([source]));
  };
  for (const claims of list) {
    for (const entity of claims.entities) result.entities.add(entity.id);
    for (const relation of claims.relations) {
      result.types.add(relation.type);
      if (keep(relation)) addRelation(relation, claims.source, add);
    }
  }
  return result;
}

function addRelation(
  relation: ClaimedRelation,
  source: string,
  add: (entity: EntityId, side: string, peer: EntityId, source: string) => void,
): void {
  if (undirected.has(relation.type)) {
    add(relation.from, relation.type, relation.to, source);
    add(relation.to, relation.type, relation.from, source);
    return;
  }
  add(relation.from, `${relation.type}→`, relation.to, source);
  add(relation.to, `←${relation.type}`, relation.from, source);
}

function splitKey(key: string): [EntityId, string] {
  const at = key.indexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
}

function byEntity(a: { entity: EntityId }, b: { entity: EntityId }): number {
  return a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0;
}
