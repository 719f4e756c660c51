import type { ElementDefinition } from 'cytoscape';
import type { GraphNode } from './graph-node';
import type { Position } from './tiered-layout';

/** An edge to draw: `health` when it stands for an entity (a link), `directed` for an arrow. */
export interface DrawnEdge {
  id: string;
  from: string;
  to: string;
  directed: boolean;
  health?: string;
  dashed?: boolean;
  /** What the edge's hover text says (utilisation of a link). */
  label?: string;
}

/** Cytoscape elements for a layer placed by tiers: nodes at their positions, then the edges. */
export function tieredElements(
  nodes: readonly GraphNode[],
  edges: readonly DrawnEdge[],
  positions: ReadonlyMap<string, Position>,
): ElementDefinition[] {
  const elements: ElementDefinition[] = nodes.map((node) => ({
    group: 'nodes',
    data: { id: node.id, label: node.name, kind: node.kind, health: node.health, tiered: true },
    position: positions.get(node.id) ?? { x: 0, y: 0 },
  }));
  for (const edge of edges) {
    elements.push({
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.from,
        target: edge.to,
        ...(edge.directed ? { directed: true } : {}),
        ...(edge.health !== undefined ? { health: edge.health } : {}),
        ...(edge.dashed ? { dashed: true } : {}),
        ...(edge.label !== undefined ? { label: edge.label } : {}),
      },
    });
  }
  return elements;
}
