import type { Entity, EntityId } from './entity.js';
import type { EntityMetrics, MetricValue } from './metric-state.js';
import type { Overlay } from './overlay.js';
import type { Relation, RelationId, RelationType } from './relation.js';
import type { StagingTarget } from './staging-target.js';
import type { TwinView } from './twin-view.js';

/**
 * A base view with an overlay of changes on top: how a fork is read, and how a change set is
 * validated before it is committed. A read checks the overlay (one map lookup), then the base.
 */
export class OverlayView implements TwinView, StagingTarget {
  readonly label: string;
  readonly base: TwinView;
  readonly overlay: Overlay;

  constructor(base: TwinView, overlay: Overlay, label: string) {
    this.base = base;
    this.overlay = overlay;
    this.label = label;
  }

  get view(): TwinView {
    return this;
  }

  setEntity(id: EntityId, entity: Entity | null): void {
    this.overlay.setEntity(id, entity);
  }

  setRelation(id: RelationId, relation: Relation | null, previous: Relation | undefined): void {
    this.overlay.setRelation(id, relation, previous);
  }

  setMetric(id: EntityId, metric: string, value: MetricValue): void {
    this.overlay.setMetric(id, metric, value);
  }

  entity(id: EntityId): Entity | undefined {
    const changed = this.overlay.entities.get(id);
    if (changed !== undefined) return changed ?? undefined;
    return this.base.entity(id);
  }

  relation(id: RelationId): Relation | undefined {
    const changed = this.overlay.relations.get(id);
    if (changed !== undefined) return changed ?? undefined;
    return this.base.relation(id);
  }

  outgoing(id: EntityId, type?: RelationType): Relation[] {
    return this.#merge(this.base.outgoing(id, type), this.overlay.outgoing.get(id), type);
  }

  incoming(id: EntityId, type?: RelationType): Relation[] {
    return this.#merge(this.base.incoming(id, type), this.overlay.incoming.get(id), type);
  }

  *entitiesOfKind(kind: string): Iterable<Entity> {
    for (const entity of this.base.entitiesOfKind(kind)) {
      if (!this.overlay.entities.has(entity.id)) yield entity;
    }
    for (const entity of this.overlay.entities.values()) if (entity && entity.kind === kind) yield entity;
  }

  *entities(): Iterable<Entity> {
    for (const entity of this.base.entities()) if (!this.overlay.entities.has(entity.id)) yield entity;
    for (const entity of this.overlay.entities.values()) if (entity) yield entity;
  }

  *relations(type?: RelationType): Iterable<Relation> {
    for (const relation of this.base.relations(type)) {
      if (!this.overlay.relations.has(relation.id)) yield relation;
    }
    for (const relation of this.overlay.relations.values()) {
      if (relation && (type === undefined || relation.type === type)) yield relation;
    }
  }

  metrics(id: EntityId): EntityMetrics | undefined {
    if (this.overlay.entities.get(id) === null) return undefined;
    const base = this.base.metrics(id);
    const changed = this.overlay.metrics.get(id);
    if (!changed) return base;
    return { ...base, ...Object.fromEntries(changed) };
  }

  #merge(base: Relation[], changedIds: RelationId[] | undefined, type: RelationType | undefined): Relation[] {
    if (!changedIds) return base;
    const result = base.filter((relation) => !this.overlay.relations.has(relation.id));
    for (const id of changedIds) {
      const relation = this.overlay.relations.get(id);
      if (relation && (type === undefined || relation.type === type)) result.push(relation);
    }
    return result;
  }
}
