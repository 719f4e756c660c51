import type { EntityBrief, Relation } from '../../contract';
import type { GraphNode } from './graph-node';

/** An entity in the physical layer with what it holds: a site its rooms, a host its guests. */
export interface PlacedNode extends GraphNode {
  children: PlacedNode[];
}

export interface PhysicalTree {
  /** Sites (and any other top of a containment tree), then the unplaced group if there is one. */
  roots: PlacedNode[];
  /** Every entity the tree holds, in no particular order. */
  nodes: GraphNode[];
}

/** Guests drawn inside the host they run on; services and databases belong to the service layer. */
export const guestKinds: ReadonlySet<string> = new Set(['vm', 'container']);

/** Machines without a place (discovered from telemetry, say) are gathered here rather than hidden. */
export const unplacedId = 'unplaced';
const unplacedKinds: ReadonlySet<string> = new Set(['host', ...guestKinds]);

/** Where each kind sits among its siblings: rooms before racks before what fills them. */
const kindOrder = ['room', 'rack', 'host', 'vm', 'container'];
const names = new Intl.Collator('en', { numeric: true });

function bySiblingOrder(a: PlacedNode, b: PlacedNode): number {
  const rank = (kind: string) => (kindOrder.includes(kind) ? kindOrder.indexOf(kind) : kindOrder.length);
  return rank(a.kind) - rank(b.kind) || names.compare(a.kind, b.kind) || names.compare(a.name, b.name);
}

/**
 * The physical layer: site → room → rack → host → VM/container, from `contains` relations and
 * the `runs-on` relations of guests. An entity with two parents keeps the first; a cycle (which
 * the model refuses anyway) is cut where it closes.
 */
export function buildPhysicalTree(
  entities: readonly EntityBrief[],
  relations: readonly Pick<Relation, 'type' | 'from' | 'to'>[],
): PhysicalTree {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const parentOf = new Map<string, string>();
  for (const relation of relations) {
    if (!byId.has(relation.from) || !byId.has(relation.to)) continue;
    if (relation.type === 'contains' && !parentOf.has(relation.to)) parentOf.set(relation.to, relation.from);
  }
  for (const relation of relations) {
    const guest = byId.get(relation.from);
    if (relation.type !== 'runs-on' || guest === undefined || !guestKinds.has(guest.kind)) continue;
    if (byId.has(relation.to) && !parentOf.has(guest.id)) parentOf.set(guest.id, relation.to);
  }
  const childrenOf = new Map<string, string[]>();
  for (const [child, parent] of parentOf) {
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(child);
    else childrenOf.set(parent, [child]);
  }

  const nodes: GraphNode[] = [];
  const visited = new Set<string>();
  const place = (entity: EntityBrief): PlacedNode => {
    visited.add(entity.id);
    const graphNode: GraphNode = {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      health: entity.health,
    };
    nodes.push(graphNode);
    const node: PlacedNode = { ...graphNode, children: [] };
    for (const childId of childrenOf.get(entity.id) ?? []) {
      const child = byId.get(childId);
      if (child !== undefined && !visited.has(childId)) node.children.push(place(child));
    }
    node.children.sort(bySiblingOrder);
    return node;
  };

  const isTop = (entity: EntityBrief) =>
    !parentOf.has(entity.id) && (entity.kind === 'site' || childrenOf.has(entity.id));
  const roots = entities.filter(isTop).map(place).sort(bySiblingOrder);
  const unplaced = entities
    .filter((entity) => !visited.has(entity.id) && !parentOf.has(entity.id) && unplacedKinds.has(entity.kind))
    .map(place)
    .sort(bySiblingOrder);
  if (unplaced.length > 0) {
    roots.push({
      id: unplacedId,
      name: 'without a place',
      kind: 'group',
      health: 'unknown',
      children: unplaced,
    });
  }
  return { roots, nodes };
}
