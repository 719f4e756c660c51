import { type RefObject, useEffect, useMemo, useState } from 'react';
import type { Health, LiveStateMessage } from '../../contract';
import { useThrottled } from '../../hooks/use-throttled';
import { countByHealth } from './health-legend';
import type { TopologyGraph } from './topology-drawing';
import type { LayerData } from './topology-layers';

/** The legend is counted again at most this often, however fast health changes arrive. */
const recountMs = 250;

/**
 * The health of every node of a layer as the live stream reports it: a changed health recolours
 * the node in the graph and, soon after, the legend's counts.
 */
export function useLayerHealth(data: LayerData, graph: RefObject<TopologyGraph | undefined>) {
  const health = useMemo(
    () => new Map<string, Health>(data.nodes.map((node) => [node.id, node.health])),
    [data],
  );
  // Entities drawn as edges (network links) are recoloured too, but not counted in the legend.
  const edgeHealth = useMemo(
    () => new Map<string, Health>((data.edgeEntities ?? []).map((node) => [node.id, node.health])),
    [data],
  );
  const [counts, setCounts] = useState(() => countByHealth(health.values()));
  useEffect(() => setCounts(countByHealth(health.values())), [health]);
  const recount = useThrottled(() => setCounts(countByHealth(health.values())), recountMs);

  const observe = (message: LiveStateMessage) => {
    const previousEdge = edgeHealth.get(message.entityId);
    if (previousEdge !== undefined && previousEdge !== message.health) {
      edgeHealth.set(message.entityId, message.health);
      graph.current?.setHealth(message.entityId, message.health);
    }
    const previous = health.get(message.entityId);
    if (previous === undefined || previous === message.health) return;
    health.set(message.entityId, message.health);
    graph.current?.setHealth(message.entityId, message.health);
    recount();
  };
  return { health, counts, observe };
}
