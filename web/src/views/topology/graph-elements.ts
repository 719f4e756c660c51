import type { ElementDefinition } from 'cytoscape';
import { layoutNestedGrid } from './nested-grid-layout';
import type { PlacedNode } from './physical-tree';
import { unplacedId } from './physical-tree';
import { shortLabel } from './short-label';

/**
 * Cytoscape elements for nested boxes: each node with its parent, and each leaf at the centre of
 * its place in the nested grid (Cytoscape sizes the boxes around their children), labelled with
 * its name short of its box's.
 */
export function nestedElements(roots: readonly PlacedNode[]): ElementDefinition[] {
  const boxes = layoutNestedGrid(roots);
  const elements: ElementDefinition[] = [];
  const add = (node: PlacedNode, parent: PlacedNode | undefined) => {
    const box = boxes.get(node.id);
    const leaf = node.children.length === 0;
    elements.push({
      group: 'nodes',
      data: {
        id: node.id,
        label: leaf ? shortLabel(node.name, node.kind, parent?.name) : node.name,
        kind: node.kind,
        health: node.health,
        ...(parent !== undefined ? { parent: parent.id } : {}),
        ...(node.id === unplacedId ? { synthetic: true } : {}),
      },
      ...(leaf && box ? { position: { x: box.x + box.width / 2, y: box.y + box.height / 2 } } : {}),
    });
    for (const child of node.children) add(child, node);
  };
  for (const root of roots) add(root, undefined);
  return elements;
}
