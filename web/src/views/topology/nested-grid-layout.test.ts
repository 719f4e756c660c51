import { describe, expect, it } from 'vitest';
import { type Box, defaultNestedGridOptions, type LayoutTree, layoutNestedGrid } from './nested-grid-layout';

/** A demo-like estate: sites of rooms of racks of hosts with a few guests each. */
function estate(sites: number, rooms: number, racks: number, hosts: number, guests: number): LayoutTree[] {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return range(sites).map((s) => ({
    id: `site:${s}`,
    children: range(rooms).map((r) => ({
      id: `room:${s}/${r}`,
      children: range(racks).map((k) => ({
        id: `rack:${s}/${r}/${k}`,
        children: range(hosts).map((h) => ({
          id: `host:${s}/${r}/${k}/${h}`,
          children: range((h % guests) + 1).map((g) => ({ id: `vm:${s}/${r}/${k}/${h}/${g}`, children: [] })),
        })),
      })),
    })),
  }));
}

function count(tree: LayoutTree): number {
  return 1 + tree.children.reduce((sum, child) => sum + count(child), 0);
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function check(tree: LayoutTree, boxes: Map<string, Box>): void {
  const box = boxes.get(tree.id)!;
  const children = tree.children.map((child) => boxes.get(child.id)!);
  for (const [i, child] of children.entries()) {
    expect(inside(child, box), `${tree.children[i]?.id} inside ${tree.id}`).toBe(true);
    for (const other of children.slice(i + 1)) expect(overlap(child, other)).toBe(false);
  }
  for (const child of tree.children) check(child, boxes);
}

describe('layoutNestedGrid', () => {
  it('puts every child inside its parent, below its label, and no two siblings on each other', () => {
    const roots = estate(2, 2, 5, 10, 4);
    const boxes = layoutNestedGrid(roots);
    expect(boxes.size).toBe(roots.reduce((sum, root) => sum + count(root), 0));
    for (const root of roots) check(root, boxes);
    const [first, second] = roots.map((root) => boxes.get(root.id)!);
    expect(overlap(first!, second!)).toBe(false);
    const rack = boxes.get('rack:0/0/0')!;
    const host = boxes.get('host:0/0/0/0')!;
    const [, , rackBand = 0] = defaultNestedGridOptions.labelBands;
    expect(host.y - rack.y).toBe(rackBand + defaultNestedGridOptions.padding);
  });

  it('keeps boxes about square, and the same input gives the same picture', () => {
    const roots = estate(1, 1, 1, 36, 1);
    const rack = layoutNestedGrid(roots).get('rack:0/0/0')!;
    expect(rack.width / rack.height).toBeGreaterThan(0.6);
    expect(rack.width / rack.height).toBeLessThan(1.8);
    expect([...layoutNestedGrid(roots)]).toEqual([...layoutNestedGrid(roots)]);
  });

  // Its speed is measured by bench/ui.ts (the first render of the topology), not timed here.
  it('places every node of a 7,000-node estate', () => {
    const roots = estate(2, 4, 10, 25, 4);
    const boxes = layoutNestedGrid(roots);
    expect(boxes.size).toBeGreaterThan(6_900);
  });
});
