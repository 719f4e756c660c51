import type { Entity, Relation } from '../../contract';
import type { GraphNode } from './graph-node';

/** The kinds drawn as devices of the network layer; hosts join them when asked. */
export const networkDeviceKinds: ReadonlySet<string> = new Set([
  'switch',
  'router',
  'firewall',
  'load-balancer',
]);

/** An edge of the network layer: a direct `connects`, or a `link` entity between two devices. */
export interface NetworkEdge {
  /** The link entity's id (so live health recolours it), or the relation's id. */
  id: string;
  /** The device whose uplink this is (the lower side). */
  from: string;
  /** The uplink (the upper side). */
  to: string;
  /** A same-tier link (`peer: true`), drawn but not used to tier. */
  peer: boolean;
  /** The link entity it stands for, if any. */
  link?: GraphNode & { utilization?: number };
}

export interface NetworkGraph {
  nodes: GraphNode[];
  edges: NetworkEdge[];
  /** The link entities drawn as edges, for live health. */
  links: GraphNode[];
}

const toNode = (entity: Entity): GraphNode => ({
  id: entity.id,
  name: entity.name,
  kind: entity.kind,
  health: entity.state.health,
});

/**
 * The network layer: devices (and hosts, when `showHosts`) as nodes, `connects` relations as
 * edges. A `link` entity is collapsed into one edge per pair of drawn devices it joins, from a
 * device that connects to it to one it connects to (or, if both sides are on one end, between
 * them as peers), carrying the link's health and utilisation. A `connects` between two drawn
 * devices is an edge of its own; one to anything not drawn is left out.
 */
export function buildNetworkGraph(
  entities: readonly Entity[],
  connects: readonly Relation[],
  showHosts: boolean,
): NetworkGraph {
  const drawn = new Map<string, Entity>();
  const links = new Map<string, Entity>();
  for (const entity of entities) {
    if (networkDeviceKinds.has(entity.kind) || (showHosts && entity.kind === 'host'))
      drawn.set(entity.id, entity);
    else if (entity.kind === 'link') links.set(entity.id, entity);
  }
  const edges: NetworkEdge[] = [];
  const below = new Map<string, Array<{ id: string; peer: boolean }>>();
  const above = new Map<string, Array<{ id: string; peer: boolean }>>();
  for (const relation of connects) {
    if (relation.type !== 'connects') continue;
    const peer = relation.props.peer === true;
    if (drawn.has(relation.from) && drawn.has(relation.to)) {
      edges.push({ id: relation.id, from: relation.from, to: relation.to, peer });
    } else if (drawn.has(relation.from) && links.has(relation.to)) {
      below.set(relation.to, [...(below.get(relation.to) ?? []), { id: relation.from, peer }]);
    } else if (links.has(relation.from) && drawn.has(relation.to)) {
      above.set(relation.from, [...(above.get(relation.from) ?? []), { id: relation.to, peer }]);
    }
  }
  const drawnLinks: GraphNode[] = [];
  for (const [linkId, entity] of links) {
    const lower = below.get(linkId) ?? [];
    const upper = above.get(linkId) ?? [];
    const pairs: Array<[{ id: string; peer: boolean }, { id: string; peer: boolean }]> = [];
    if (lower.length > 0 && upper.length > 0) {
      for (const a of lower) for (const b of upper) pairs.push([a, b]);
    } else {
      const ends = lower.length > 0 ? lower : upper;
      for (let i = 0; i < ends.length; i++)
        for (let j = i + 1; j < ends.length; j++)
          pairs.push([ends[i] as (typeof ends)[number], ends[j] as (typeof ends)[number]]);
    }
    const link = { ...toNode(entity), utilization: entity.state.metrics.utilization_ratio?.value };
    pairs.forEach(([a, b], k) => {
      if (a.id === b.id) return;
      const peer = a.peer || b.peer || lower.length === 0 || upper.length === 0;
      edges.push({ id: k === 0 ? linkId : `${linkId}#${k}`, from: a.id, to: b.id, peer, link });
    });
    if (pairs.length > 0) drawnLinks.push(toNode(entity));
  }
  return { nodes: [...drawn.values()].map(toNode), edges, links: drawnLinks };
}
