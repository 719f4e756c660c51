import type { TwinApi } from '../../api/twin-api';
import type { Entity, Relation } from '../../contract';
import { formatCount } from '../../format/format-number';
import { changesLayer } from './layer-change-rule';
import { buildServiceGraph } from './service-graph';
import { tieredElements } from './tiered-elements';
import { longestPathTiers, tieredPositions } from './tiered-layout';
import type { LayerData } from './topology-layers';

/**
 * The service layer: services and what they call (databases, load balancers), each `depends-on`
 * an arrow from caller to callee, tiered from the entry points down.
 *
 * It reads only what the graph can draw: the `depends-on` relations first, then every service
 * (those without calls are drawn too) and the callees the relations name. `GET /api/entities`
 * filters by kind, not by id, so the callees come by their kinds, read from their ids (an id's
 * prefix is its kind, docs/model.md), and entities of those kinds that no relation names are
 * dropped. Any kind may be a callee (a load balancer calls hosts; user-defined kinds), so the
 * kinds come from the relations, not from a list.
 */
export async function loadServiceLayer(api: TwinApi, signal: AbortSignal): Promise<LayerData> {
  const dependsOn = await api.allRelations({ type: 'depends-on' }, signal);
  const callees = serviceLayerCallees(dependsOn);
  const kinds = [...new Set(['service', ...[...callees].map(kindOfId)])];
  const byKind = await Promise.all(kinds.map((kind) => api.allEntities({ kind }, signal)));
  const entities = byKind.flat().filter((entity) => entity.kind === 'service' || callees.has(entity.id));
  return serviceLayerData(entities, dependsOn);
}

/**
 * The entities besides services that the service graph may draw: those a `depends-on` relation
 * points at (buildServiceGraph draws a callee of a drawn caller; a caller that is not a service is
 * drawn only as someone's callee).
 */
export function serviceLayerCallees(dependsOn: readonly Relation[]): Set<string> {
  return new Set(
    dependsOn.filter((relation) => relation.type === 'depends-on').map((relation) => relation.to),
  );
}

/** The kind part of an entity id (`database` for `database:orders`): ids start with their kind. */
function kindOfId(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? id : id.slice(0, colon);
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
    drawing: { type: 'graph', elements },
    description: `${formatCount(services)} services, ${formatCount(graph.nodes.length - services)} other callees and ${formatCount(graph.edges.length)} calls`,
  };
}

/** A change set that adds, removes or renames an entity, or changes a `depends-on` relation. */
export const serviceLayerAffectedBy = changesLayer(['depends-on']);
