import type { Health } from '../../contract';
import { type Box, layoutNestedGrid } from './nested-grid-layout';
import type { PlacedNode } from './physical-tree';
import { unplacedId } from './physical-tree';
import { shortLabel } from './short-label';

/** One entity of a plan: a box around what it holds, or a leaf drawn as a shape. */
export interface PlanItem extends Box {
  id: string;
  kind: string;
  /** Drawn in or under it: a leaf's name without its box's (`vm3`), a box's whole name. */
  label: string;
  health: Health;
  box: boolean;
  /** 0 for the top-level boxes. */
  depth: number;
  /** Not an entity (the group of machines without a place): drawn, never opened. */
  synthetic: boolean;
}

/** A plan ready to draw: its items, every box before what it holds, and the extent of all. */
export interface PlanScene {
  items: PlanItem[];
  bounds: Box;
}

/**
 * The physical layer as a plan: nested boxes placed by the nested grid, listed parent first, so
 * that drawing in order puts each box beneath its contents and searching backwards finds the
 * innermost item under a point.
 */
export function planScene(roots: readonly PlacedNode[]): PlanScene {
  const boxes = layoutNestedGrid(roots);
  const items: PlanItem[] = [];
  const add = (node: PlacedNode, parent: PlacedNode | undefined, depth: number) => {
    const box = boxes.get(node.id) ?? { x: 0, y: 0, width: 0, height: 0 };
    const leaf = node.children.length === 0;
    items.push({
      ...box,
      id: node.id,
      kind: node.kind,
      label: leaf ? shortLabel(node.name, node.kind, parent?.name) : node.name,
      health: node.health,
      box: !leaf,
      depth,
      synthetic: node.id === unplacedId,
    });
    for (const child of node.children) add(child, node, depth + 1);
  };
  for (const root of roots) add(root, undefined, 0);
  return { items, bounds: extentOf(items) };
}

/** The smallest box around all the items. */
export function extentOf(items: readonly Box[]): Box {
  if (items.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    left = Math.min(left, item.x);
    top = Math.min(top, item.y);
    right = Math.max(right, item.x + item.width);
    bottom = Math.max(bottom, item.y + item.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The innermost item under a point (graph units), if any. */
export function itemAt(items: readonly PlanItem[], x: number, y: number): PlanItem | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as PlanItem;
    if (x >= item.x && x <= item.x + item.width && y >= item.y && y <= item.y + item.height) return item;
  }
  return undefined;
}
