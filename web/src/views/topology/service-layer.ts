import type { TwinApi } from '../../api/twin-api';
import type { Entity, Operation, Relation } from '../../contract';
import { formatCount } from '../../format/format-number';
import { buildServiceGraph } from './service-graph';
import { tieredElements } from './tiered-elements';
import { longestPathTiers, tieredPositions } from './tiered-layout';
import type { LayerData } from './topology-layers';

/**
 * The service layer: services and what they call (databases, load balancers), each `depends-on`
 * an arrow from caller to callee, tiered from the entry points down.
 */
export async function loadServiceLayer(api: TwinApi, signal: AbortSignal): Promise<LayerData> {
  const [entities, dependsOn] = await Promise.all([
    api.allEntities({}, signal),
    api.allRelations({ type: 'depends-on' }, signal),
  ]);
  return serviceLayerData(entities, dependsOn);
}

export function serviceLayerData(entities: readonly Entity[], dependsOn: readonly Relation[]): LayerData {
  const graph = buildServiceGraph(entities, dependsOn);
  const tiers = longestPathTiers(
    graph.nodes.map((node) => node.id),
    graph.edges,
  );
  const positions = tieredPositions(tiers, graph.edges, {
    rank: (id) => (graph.entryPoints.has(id) ? 0 : 1),
    maxPerRow: 24,
    columnGap: 110,
  });
  const elements = tieredElements(
    graph.nodes,
    graph.edges.map((edge) => ({
      id: edge.id,
      from: edge.from,
      to: edge.to,
      directed: true,
      dashed: edge.optional,
    })),
    positions,
  );
  const services = graph.nodes.filter((node) => node.kind === 'service').length;
  return {
    nodes: graph.nodes,
    elements,
    description: `${formatCount(services)} services, ${formatCount(graph.nodes.length - services)} other callees and ${formatCount(graph.edges.length)} calls`,
  };
}

/** Whether a change set adds, removes or renames an entity, or changes a `depends-on` relation. */
export function serviceLayerAffectedBy(ops: readonly Operation[]): boolean {
  return ops.some((op) => {
    switch (op.op) {
      case 'upsert-entity':
      case 'remove-entity':
        return true;
      case 'patch-entity':
        return op.name !== undefined;
      case 'upsert-relation':
        return op.relation.type === 'depends-on';
      case 'remove-relation':
        return op.id.startsWith('depends-on:');
      default:
        return false;
    }
  });
}
