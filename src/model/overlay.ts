import type { Entity, EntityId } from './entity.js';
import type { MetricValue } from './metric-state.js';
import type { Relation, RelationId } from './relation.js';

/**
 * Changes on top of a base view: a fork's own changes, or a change set being staged.
 * `null` marks a removal. Its size is the number of records changed, never the twin's size.
 */
export class Overlay {
  readonly entities = new Map<EntityId, Entity | null>();
  readonly relations = new Map<RelationId, Relation | null>();
  /** Relations present in the overlay, by endpoint, so adjacency reads need no scan. Each id once. */
  readonly outgoing = new Map<EntityId, RelationId[]>();
  readonly incoming = new Map<EntityId, RelationId[]>();
  readonly metrics = new Map<EntityId, Map<string, MetricValue>>();
  /** Removed relations as they were, so their endpoints stay known. */
  readonly removed = new Map<RelationId, Relation>();

  get size(): number {
    return this.entities.size + this.relations.size + this.metrics.size;
  }

  setEntity(id: EntityId, entity: Entity | null): void {
    this.entities.set(id, entity);
    if (entity === null) this.metrics.delete(id);
  }

  setRelation(id: RelationId, relation: Relation | null, previous: Relation | undefined): void {
    const known = this.relations.has(id);
    this.relations.set(id, relation);
    if (relation === null && previous) this.removed.set(id, previous);
    const endpoints = relation ?? previous;
    if (known || !endpoints) return;
    addTo(this.outgoing, endpoints.from, id);
    addTo(this.incoming, endpoints.to, id);
  }

  setMetric(id: EntityId, metric: string, value: MetricValue): void {
    let metrics = this.metrics.get(id);
    if (!metrics) {
      metrics = new Map();
      this.metrics.set(id, metrics);
    }
    metrics.set(metric, value);
  }

  /** Copies every change of `other` on top of this overlay. */
  absorb(other: Overlay): void {
    for (const [id, entity] of other.entities) this.setEntity(id, entity);
    for (const [id, relation] of other.relations) {
      if (!this.relations.has(id)) {
        const endpoints = other.relations.get(id) ?? other.removed.get(id);
        if (!endpoints) throw new Error(`overlay lost the endpoints of relation ${id}`);
        addTo(this.outgoing, endpoints.from, id);
        addTo(this.incoming, endpoints.to, id);
      }
      this.relations.set(id, relation);
      const removed = other.removed.get(id);
      if (removed) this.removed.set(id, removed);
    }
    for (const [id, metrics] of other.metrics)
      for (const [name, value] of metrics) this.setMetric(id, name, value);
  }

  clone(): Overlay {
    const copy = new Overlay();
    copy.absorb(this);
    return copy;
  }
}

function addTo(index: Map<EntityId, RelationId[]>, key: EntityId, id: RelationId): void {
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}
