import type { Entity, Relation } from '../../contract';
import type { GraphNode } from './graph-node';

/** A call from a caller to its callee (`depends-on`, caller → callee). */
export interface ServiceEdge {
  id: string;
  from: string;
  to: string;
  optional: boolean;
}

export interface ServiceGraph {
  nodes: GraphNode[];
  edges: ServiceEdge[];
  /** Services marked `entryPoint`: the top of the call graph. */
  entryPoints: Set<string>;
}

/**
 * The service layer: every service, and whatever services call (databases, load balancers…), as
 * nodes; each `depends-on` relation between two of them as one directed edge.
 */
export function buildServiceGraph(entities: readonly Entity[], dependsOn: readonly Relation[]): ServiceGraph {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const drawn = new Map<string, Entity>();
  for (const entity of entities) if (entity.kind === 'service') drawn.set(entity.id, entity);
  for (const relation of dependsOn) {
    const callee = byId.get(relation.to);
    if (relation.type === 'depends-on' && drawn.has(relation.from) && callee !== undefined)
      drawn.set(callee.id, callee);
  }
  const edges = dependsOn
    .filter(
      (relation) => relation.type === 'depends-on' && drawn.has(relation.from) && drawn.has(relation.to),
    )
    .map((relation) => ({
      id: relation.id,
      from: relation.from,
      to: relation.to,
      optional: relation.props.optional === true,
    }));
  const entryPoints = new Set(
    [...drawn.values()].filter((entity) => entity.props.entryPoint === true).map((entity) => entity.id),
  );
  const nodes = [...drawn.values()].map((entity) => ({
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    health: entity.state.health,
  }));
  return { nodes, edges, entryPoints };
}
