import type { TwinApi } from '../../api/twin-api';
import type { Entity, Relation } from '../../contract';
import { formatCount } from '../../format/format-number';
import { changesLayer } from './layer-change-rule';
import { buildNetworkGraph, networkDeviceKinds } from './network-graph';
import { tieredElements } from './tiered-elements';
import { longestPathTiers, tieredPositions } from './tiered-layout';
import type { LayerData } from './topology-layers';

const fetchedKinds = [...networkDeviceKinds, 'host', 'link'];

/**
 * The network layer: switches, routers, firewalls and load balancers, joined by their links,
 * tiered from the top of the fabric (a device nothing uplinks from… the firewalls and routers)
 * down to the top-of-rack switches; the hosts as a variant behind "Show hosts".
 */
export async function loadNetworkLayer(api: TwinApi, signal: AbortSignal): Promise<LayerData> {
  const [connects, ...byKind] = await Promise.all([
    api.allRelations({ type: 'connects' }, signal),
    ...fetchedKinds.map((kind) => api.allEntities({ kind }, signal)),
  ]);
  const entities = byKind.flat();
  const fabric = networkLayerData(entities, connects, false);
  return { ...fabric, alternate: { label: 'Show hosts', data: networkLayerData(entities, connects, true) } };
}

export function networkLayerData(
  entities: readonly Entity[],
  connects: readonly Relation[],
  showHosts: boolean,
): LayerData {
  const graph = buildNetworkGraph(entities, connects, showHosts);
  // A device's uplink is drawn above it: tier from the top, along uplink → device.
  const downward = graph.edges.filter((edge) => !edge.peer).map((edge) => ({ from: edge.to, to: edge.from }));
  const tiers = longestPathTiers(
    graph.nodes.map((node) => node.id),
    downward,
  );
  const positions = tieredPositions(tiers, downward, { maxPerRow: showHosts ? 80 : 48 });
  const elements = tieredElements(
    graph.nodes,
    graph.edges.map((edge) => ({
      id: edge.id,
      from: edge.from,
      to: edge.to,
      directed: false,
      ...(edge.link ? { health: edge.link.health } : {}),
      dashed: edge.peer,
    })),
    positions,
  );
  const hosts = graph.nodes.filter((node) => node.kind === 'host').length;
  const devices = graph.nodes.length - hosts;
  return {
    nodes: graph.nodes,
    drawing: { type: 'graph', elements },
    edgeEntities: graph.links,
    description: `${formatCount(devices)} network devices${showHosts ? `, ${formatCount(hosts)} hosts` : ''} and ${formatCount(graph.edges.length)} connections`,
  };
}

/** A change set that adds, removes or renames an entity, or changes a `connects` relation. */
export const networkLayerAffectedBy = changesLayer(['connects']);
