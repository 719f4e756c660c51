import type { Entity, EntityId } from './entity.js';
import type { EntityMetrics } from './metric-state.js';
import type { Relation, RelationId, RelationType } from './relation.js';

/**
 * A read-only view of the twin: the live twin, the twin as of a past change set, or a fork.
 * Every query in the model runs on a view, so each works the same on all three.
 */
export interface TwinView {
  /** `live`, `asOf:<seq>` or `fork:<id>`. */
  readonly label: string;
  entity(id: EntityId): Entity | undefined;
  relation(id: RelationId): Relation | undefined;
  /** Relations whose `from` is `id`. */
  outgoing(id: EntityId, type?: RelationType): Relation[];
  /** Relations whose `to` is `id`. */
  incoming(id: EntityId, type?: RelationType): Relation[];
  entitiesOfKind(kind: string): Iterable<Entity>;
  entities(): Iterable<Entity>;
  relations(type?: RelationType): Iterable<Relation>;
  /** Latest metric values; undefined where the view holds none (past views). */
  metrics(id: EntityId): EntityMetrics | undefined;
}
