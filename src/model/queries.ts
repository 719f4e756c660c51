import { dependentOf, isDependencyRelation, providerOf } from './dependency-rules.js';
import type { Entity, EntityId } from './entity.js';
import { InputError, NotFoundError } from './errors.js';
import type { JsonValue } from './json-value.js';
import { type LabelSelector, matchesSelector } from './label-selector.js';
import type { Relation, RelationType } from './relation.js';
import type { TwinView } from './twin-view.js';

export interface EntityQuery {
  kind?: string;
  selector?: LabelSelector;
  /** Substring of id or name, case-insensitive. */
  search?: string;
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export function findEntities(view: TwinView, query: EntityQuery): Page<Entity> {
  const limit = Math.min(query.limit ?? 100, 10_000);
  const offset = query.offset ?? 0;
  const source = query.kind ? view.entitiesOfKind(query.kind) : view.entities();
  const needle = query.search?.toLowerCase();
  const items: Entity[] = [];
  let total = 0;
  for (const entity of source) {
    if (query.selector && !matchesSelector(entity.labels, query.selector)) continue;
    if (needle && !entity.id.toLowerCase().includes(needle) && !entity.name.toLowerCase().includes(needle))
      continue;
    if (total >= offset && items.length < limit) items.push(entity);
    total++;
  }
  return { items, total, offset, limit };
}

export type PropComparison = '=' | '!=' | '>' | '>=' | '<' | '<=';

export interface PropFilter {
  prop: string;
  op: PropComparison;
  value: JsonValue;
}

export interface RelationQuery {
  type?: RelationType;
  from?: EntityId;
  to?: EntityId;
  fromKind?: string;
  toKind?: string;
  where?: readonly PropFilter[];
  limit?: number;
  offset?: number;
}

/** Parses `callsPerRequest>=2` or `protocol=tcp`: a prop, a comparison, a JSON or bare value. */
export function parsePropFilter(text: string): PropFilter {
  const match = /^([A-Za-z_][\w.-]*)\s*(>=|<=|!=|=|>|<)\s*(.*)$/.exec(text.trim());
  if (!match) {
    throw new InputError(`bad prop filter '${text}'`, [
      { field: 'where', message: `'${text}' is not <prop><op><value> with op one of = != > >= < <=` },
    ]);
  }
  const [, prop = '', op, raw = ''] = match;
  let value: JsonValue = raw;
  try {
    value = JSON.parse(raw) as JsonValue;
  } catch {
    value = raw;
  }
  return { prop, op: op as PropComparison, value };
}

function matchesFilter(props: Readonly<Record<string, JsonValue>>, filter: PropFilter): boolean {
  const actual = props[filter.prop];
  if (filter.op === '=') return actual === filter.value;
  if (filter.op === '!=') return actual !== filter.value;
  if (typeof actual !== 'number' || typeof filter.value !== 'number') return false;
  switch (filter.op) {
    case '>':
      return actual > filter.value;
    case '>=':
      return actual >= filter.value;
    case '<':
      return actual < filter.value;
    default:
      return actual <= filter.value;
  }
}

/** Relations on their own: by type, endpoints, endpoint kinds and props. */
export function findRelations(view: TwinView, query: RelationQuery): Page<Relation> {
  const limit = Math.min(query.limit ?? 100, 10_000);
  const offset = query.offset ?? 0;
  let source: Iterable<Relation>;
  if (query.from) source = view.outgoing(query.from, query.type);
  else if (query.to) source = view.incoming(query.to, query.type);
  else source = view.relations(query.type);
  const items: Relation[] = [];
  let total = 0;
  for (const relation of source) {
    if (query.to && relation.to !== query.to) continue;
    if (query.fromKind && view.entity(relation.from)?.kind !== query.fromKind) continue;
    if (query.toKind && view.entity(relation.to)?.kind !== query.toKind) continue;
    if (query.where && !query.where.every((filter) => matchesFilter(relation.props, filter))) continue;
    if (total >= offset && items.length < limit) items.push(relation);
    total++;
  }
  return { items, total, offset, limit };
}

export interface DependencyNode {
  id: EntityId;
  depth: number;
  /** The relation that leads one step further from the start. */
  via: RelationType;
  from: EntityId;
}

/**
 * Everything `id` needs to work, transitively (direction `providers`), or everything that needs
 * `id` (direction `dependents`), along the dependency relations, ignoring redundancy.
 */
export function dependencyClosure(
  view: TwinView,
  id: EntityId,
  direction: 'providers' | 'dependents',
  maxDepth = Number.POSITIVE_INFINITY,
): DependencyNode[] {
  if (!view.entity(id)) throw new NotFoundError(`no entity '${id}'`);
  const seen = new Set<EntityId>([id]);
  const result: DependencyNode[] = [];
  let frontier = [id];
  for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
    const next: EntityId[] = [];
    for (const current of frontier) {
      for (const relation of [...view.outgoing(current), ...view.incoming(current)]) {
        if (!isDependencyRelation(relation)) continue;
        const [self, other] =
          direction === 'providers'
            ? [dependentOf(relation), providerOf(relation)]
            : [providerOf(relation), dependentOf(relation)];
        if (self !== current || seen.has(other)) continue;
        seen.add(other);
        result.push({ id: other, depth, via: relation.type, from: current });
        next.push(other);
      }
    }
    frontier = next;
  }
  return result;
}

export interface PathStep {
  relation: Relation;
  /** The entity reached by this step. */
  to: EntityId;
}

/** A shortest path between two entities over relations of the given types, either direction. */
export function shortestPath(
  view: TwinView,
  from: EntityId,
  to: EntityId,
  options: { types?: readonly RelationType[]; maxDepth?: number } = {},
): PathStep[] | undefined {
  if (!view.entity(from)) throw new NotFoundError(`no entity '${from}'`);
  if (!view.entity(to)) throw new NotFoundError(`no entity '${to}'`);
  const maxDepth = options.maxDepth ?? 12;
  const back = new Map<EntityId, PathStep | null>([[from, null]]);
  let frontier = [from];
  for (let depth = 0; depth < maxDepth && frontier.length > 0 && !back.has(to); depth++) {
    const next: EntityId[] = [];
    for (const current of frontier) {
      for (const relation of [...view.outgoing(current), ...view.incoming(current)]) {
        if (options.types && !options.types.includes(relation.type)) continue;
        const other = relation.from === current ? relation.to : relation.from;
        if (back.has(other)) continue;
        back.set(other, { relation, to: other });
        next.push(other);
      }
    }
    frontier = next;
  }
  if (!back.has(to)) return undefined;
  const steps: PathStep[] = [];
  for (let step = back.get(to); step; ) {
    steps.push(step);
    const previous = step.relation.from === step.to ? step.relation.to : step.relation.from;
    step = back.get(previous) ?? null;
  }
  return steps.reverse();
}
