import type { ElementDefinition } from 'cytoscape';
import { layoutNestedGrid } from './nested-grid-layout';
import type { PlacedNode } from './physical-tree';
import { unplacedId } from './physical-tree';
import { shortLabel } from './short-label';

/**
 * Cytoscape elements for nested boxes. Every node is placed where the nested grid puts it: a leaf
 * at the centre of its square, a box as a node of its own size drawn beneath what it holds.
 * Boxes are not Cytoscape compound nodes: keeping compound bounds up to date was most of the first
 * render of a 5,000-node estate (bench/ui.ts), and the layout already knows every box.
 */
export function nestedElements(roots: readonly PlacedNode[]): ElementDefinition[] {
  const boxes = layoutNestedGrid(roots);
  const elements: ElementDefinition[] = [];
  const add = (node: PlacedNode, parent: PlacedNode | undefined, depth: number) => {
    const box = boxes.get(node.id);
    const leaf = node.children.length === 0;
    elements.push({
      group: 'nodes',
      data: {
        id: node.id,
        label: leaf ? shortLabel(node.name, node.kind, parent?.name) : node.name,
        kind: node.kind,
        health: node.health,
        ...(parent !== undefined ? { within: parent.id } : {}),
        ...(leaf ? {} : { box: true, depth, width: box?.width ?? 0, height: box?.height ?? 0 }),
        ...(node.id === unplacedId ? { synthetic: true } : {}),
      },
      ...(box ? { position: { x: box.x + box.width / 2, y: box.y + box.height / 2 } } : {}),
    });
    for (const child of node.children) add(child, node, depth + 1);
  };
  for (const root of roots) add(root, undefined, 0);
  return elements;
}
