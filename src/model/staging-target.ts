import type { Entity, EntityId } from './entity.js';
import type { MetricValue } from './metric-state.js';
import type { Relation, RelationId } from './relation.js';
import type { TwinView } from './twin-view.js';

/**
 * Where a change set is staged: a view that already shows the staged writes, and the writes.
 * The live twin stages into uncommitted versions of its graph; a fork into an overlay.
 */
export interface StagingTarget {
  readonly view: TwinView;
  setEntity(id: EntityId, entity: Entity | null): void;
  /** `previous` is the relation as it was, so a removal keeps its endpoints known. */
  setRelation(id: RelationId, relation: Relation | null, previous: Relation | undefined): void;
  setMetric(id: EntityId, metric: string, value: MetricValue): void;
}
