import type { Entity, EntityId } from './entity.js';
import type { EntityMetrics } from './metric-state.js';
import type { Relation, RelationId, RelationType } from './relation.js';
import type { TwinView } from './twin-view.js';
import type { VersionedGraph } from './versioned-graph.js';

export type MetricsSource = (id: EntityId) => EntityMetrics | undefined;

/**
 * The live twin (seq = Infinity: whatever is committed now) or the twin as of a change set, read
 * from the graph in place.
 */
export class GraphView implements TwinView {
  readonly label: string;
  readonly #graph: VersionedGraph;
  readonly #seq: number;
  readonly #metrics: MetricsSource | undefined;

  constructor(graph: VersionedGraph, seq: number, metrics?: MetricsSource) {
    this.#graph = graph;
    this.#seq = seq;
    this.#metrics = metrics;
    this.label = seq === Number.POSITIVE_INFINITY ? 'live' : `asOf:${seq}`;
  }

  entity(id: EntityId): Entity | undefined {
    return this.#graph.entityAt(id, this.#at());
  }

  relation(id: RelationId): Relation | undefined {
    return this.#graph.relationAt(id, this.#at());
  }

  outgoing(id: EntityId, type?: RelationType): Relation[] {
    return this.#resolve(this.#graph.outgoingIds(id), type);
  }

  incoming(id: EntityId, type?: RelationType): Relation[] {
    return this.#resolve(this.#graph.incomingIds(id), type);
  }

  *entitiesOfKind(kind: string): Iterable<Entity> {
    for (const id of this.#graph.idsOfKind(kind)) {
      const entity = this.#graph.entityAt(id, this.#at());
      if (entity) yield entity;
    }
  }

  *entities(): Iterable<Entity> {
    for (const id of this.#graph.entityIds()) {
      const entity = this.#graph.entityAt(id, this.#at());
      if (entity) yield entity;
    }
  }

  *relations(type?: RelationType): Iterable<Relation> {
    for (const id of this.#graph.relationIds(type)) {
      const relation = this.#graph.relationAt(id, this.#at());
      if (relation) yield relation;
    }
  }

  metrics(id: EntityId): EntityMetrics | undefined {
    return this.#metrics?.(id);
  }

  #at(): number {
    return this.#seq === Number.POSITIVE_INFINITY ? this.#graph.seq : this.#seq;
  }

  #resolve(ids: readonly RelationId[], type: RelationType | undefined): Relation[] {
    const seq = this.#at();
    const result: Relation[] = [];
    for (const id of ids) {
      const relation = this.#graph.relationAt(id, seq);
      if (relation && (type === undefined || relation.type === type)) result.push(relation);
    }
    return result;
  }
}
