import type { Entity, EntityId } from './entity.js';
import type { Relation } from './relation.js';
import type { TwinView } from './twin-view.js';

/**
 * The placement hierarchy, site → room → rack → host → VM → container → service: `contains`
 * read downward plus `runs-on` read from host to guest. A service running on several replicas
 * has several parents, so this is a DAG, not a tree.
 */
export function childRelations(view: TwinView, id: EntityId): Relation[] {
  return [...view.outgoing(id, 'contains'), ...view.incoming(id, 'runs-on')];
}

export function parentRelations(view: TwinView, id: EntityId): Relation[] {
  return [...view.incoming(id, 'contains'), ...view.outgoing(id, 'runs-on')];
}

const childOf = (relation: Relation) => (relation.type === 'contains' ? relation.to : relation.from);
const parentOf = (relation: Relation) => (relation.type === 'contains' ? relation.from : relation.to);

export interface PlacedEntity {
  entity: Entity;
  depth: number;
  /** The entity one step closer to the start. */
  via: EntityId;
}

/** Everything below `id` (direction `down`) or above it (`up`), breadth first, each once. */
export function containmentClosure(
  view: TwinView,
  id: EntityId,
  direction: 'up' | 'down',
  maxDepth = Number.POSITIVE_INFINITY,
): PlacedEntity[] {
  const seen = new Set<EntityId>([id]);
  const result: PlacedEntity[] = [];
  let frontier: EntityId[] = [id];
  for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
    const next: EntityId[] = [];
    for (const current of frontier) {
      const relations = direction === 'down' ? childRelations(view, current) : parentRelations(view, current);
      for (const relation of relations) {
        const other = direction === 'down' ? childOf(relation) : parentOf(relation);
        if (seen.has(other)) continue;
        seen.add(other);
        const entity = view.entity(other);
        if (!entity) continue;
        result.push({ entity, depth, via: current });
        next.push(other);
      }
    }
    frontier = next;
  }
  return result;
}
