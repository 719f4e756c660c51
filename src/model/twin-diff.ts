import type { Entity, EntityId } from './entity.js';
import { type JsonValue, jsonEqual } from './json-value.js';
import type { Operation } from './operation.js';
import type { Relation, RelationId } from './relation.js';
import type { TwinView } from './twin-view.js';

export interface FieldChange {
  /** `name`, `labels.<key>` or `props.<key>`. */
  field: string;
  before?: JsonValue;
  after?: JsonValue;
}

export interface MetricChange {
  id: EntityId;
  metric: string;
  before?: number;
  after?: number;
}

export interface TwinDiff {
  entities: {
    added: Entity[];
    removed: Entity[];
    changed: Array<{ id: EntityId; kind: string; changes: FieldChange[] }>;
  };
  relations: {
    added: Relation[];
    removed: Relation[];
    changed: Array<{ id: RelationId; changes: FieldChange[] }>;
  };
  metrics: MetricChange[];
}

export interface DiffCandidates {
  entityIds: Iterable<EntityId>;
  relationIds: Iterable<RelationId>;
  metricIds: Iterable<EntityId>;
}

/**
 * What differs from `before` to `after` among the candidates: for a fork, the ids its overlay
 * touched, so the cost follows the fork's changes and not the twin's size.
 */
export function diffViews(before: TwinView, after: TwinView, candidates: DiffCandidates): TwinDiff {
  const diff: TwinDiff = {
    entities: { added: [], removed: [], changed: [] },
    relations: { added: [], removed: [], changed: [] },
    metrics: [],
  };
  for (const id of candidates.entityIds) {
    const a = before.entity(id);
    const b = after.entity(id);
    if (!a && b) diff.entities.added.push(b);
    else if (a && !b) diff.entities.removed.push(a);
    else if (a && b) {
      const changes = entityChanges(a, b);
      if (changes.length > 0) diff.entities.changed.push({ id, kind: b.kind, changes });
    }
  }
  for (const id of candidates.relationIds) {
    const a = before.relation(id);
    const b = after.relation(id);
    if (!a && b) diff.relations.added.push(b);
    else if (a && !b) diff.relations.removed.push(a);
    else if (a && b) {
      const changes = recordChanges('props', a.props, b.props);
      if (changes.length > 0) diff.relations.changed.push({ id, changes });
    }
  }
  for (const id of candidates.metricIds) {
    if (!after.entity(id)) continue;
    const a = before.metrics(id) ?? {};
    const b = after.metrics(id) ?? {};
    for (const metric of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[metric]?.value;
      const y = b[metric]?.value;
      if (x === y) continue;
      const change: MetricChange = { id, metric };
      if (x !== undefined) change.before = x;
      if (y !== undefined) change.after = y;
      diff.metrics.push(change);
    }
  }
  return diff;
}

function entityChanges(a: Entity, b: Entity): FieldChange[] {
  const changes: FieldChange[] = [];
  if (a.name !== b.name) changes.push({ field: 'name', before: a.name, after: b.name });
  changes.push(...recordChanges('labels', a.labels, b.labels));
  changes.push(...recordChanges('props', a.props, b.props));
  return changes;
}

function recordChanges(
  prefix: string,
  a: Readonly<Record<string, JsonValue>>,
  b: Readonly<Record<string, JsonValue>>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (jsonEqual(a[key], b[key])) continue;
    const change: FieldChange = { field: `${prefix}.${key}` };
    if (key in a) change.before = a[key] as JsonValue;
    if (key in b) change.after = b[key] as JsonValue;
    changes.push(change);
  }
  return changes;
}

export function isEmptyDiff(diff: TwinDiff): boolean {
  const { entities, relations, metrics } = diff;
  return (
    entities.added.length + entities.removed.length + entities.changed.length === 0 &&
    relations.added.length + relations.removed.length + relations.changed.length === 0 &&
    metrics.length === 0
  );
}

/**
 * Operations that turn the diff's `before` into its `after`: applied to a fork of the same
 * base, they reproduce the diffed fork.
 */
export function diffToOperations(diff: TwinDiff, after: TwinView): Operation[] {
  const ops: Operation[] = [];
  for (const relation of diff.relations.removed) ops.push({ op: 'remove-relation', id: relation.id });
  for (const entity of diff.entities.removed) ops.push({ op: 'remove-entity', id: entity.id });
  const upsert = (entity: Entity): Operation => ({
    op: 'upsert-entity',
    entity: {
      id: entity.id,
      kind: entity.kind,
      name: entity.name,
      labels: { ...entity.labels },
      props: { ...entity.props },
    },
  });
  for (const entity of diff.entities.added) ops.push(upsert(entity));
  for (const { id } of diff.entities.changed) {
    const entity = after.entity(id);
    if (entity) ops.push(upsert(entity));
  }
  const changedRelations = diff.relations.changed
    .map(({ id }) => after.relation(id))
    .filter((relation): relation is Relation => !!relation);
  for (const relation of [...diff.relations.added, ...changedRelations]) {
    ops.push({
      op: 'upsert-relation',
      relation: {
        type: relation.type,
        from: relation.from,
        to: relation.to,
        ...(relation.key ? { key: relation.key } : {}),
        props: { ...relation.props },
      },
    });
  }
  for (const change of diff.metrics) {
    if (change.after === undefined) continue;
    const value = after.metrics(change.id)?.[change.metric];
    ops.push({
      op: 'set-metric',
      id: change.id,
      metric: change.metric,
      value: change.after,
      ...(value ? { ts: value.ts } : {}),
    });
  }
  return ops;
}
