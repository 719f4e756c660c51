/** A node to place: a leaf, or a box around its children. */
export interface LayoutTree {
  id: string;
  children: readonly LayoutTree[];
}

/** Top-left corner and size, in graph units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface NestedGridOptions {
  leafSize: number;
  /** Space between siblings, and below a leaf for its label. */
  gap: number;
  /** Space inside a box around its children. */
  padding: number;
  /**
   * Space above a box's children for its own label, by depth (the top level first, the last
   * entry for every level below): big boxes carry big labels, readable when all is in view.
   */
  labelBands: readonly number[];
  /** Width over height that the whole picture aims for (a screen's). */
  aspect: number;
  /** Width over height that each box aims for. */
  boxAspect: number;
}

export const defaultNestedGridOptions: NestedGridOptions = {
  leafSize: 20,
  gap: 14,
  padding: 8,
  labelBands: [68, 46, 16],
  aspect: 16 / 10,
  boxAspect: 5 / 4,
};

interface Size {
  width: number;
  height: number;
}

interface Measured extends Size {
  tree: LayoutTree;
  depth: number;
  children: Measured[];
  /** Each child's top-left within this box. */
  offsets: Array<{ x: number; y: number }>;
}

/**
 * Places a forest as nested boxes: each box lays its children out in rows (shelves), a little
 * wider than tall, and the roots in rows that match the screen. One pass up to
 * measure, one down to place — linear in the node count, so a few thousand nodes take
 * milliseconds where a force-directed layout takes seconds — and the same input always gives the
 * same picture. Answers the box of every node; a leaf's box is its square.
 */
export function layoutNestedGrid(
  roots: readonly LayoutTree[],
  options: NestedGridOptions = defaultNestedGridOptions,
): Map<string, Box> {
  const boxes = new Map<string, Box>();
  const measuredRoots = roots.map((root) => measure(root, 0, options));
  const offsets = shelve(measuredRoots, options.gap, options.aspect);
  measuredRoots.forEach((root, index) => {
    const offset = offsets.positions[index] ?? { x: 0, y: 0 };
    place(root, offset.x, offset.y, options, boxes);
  });
  return boxes;
}

function labelBand(options: NestedGridOptions, depth: number): number {
  return options.labelBands[Math.min(depth, options.labelBands.length - 1)] ?? 0;
}

function measure(tree: LayoutTree, depth: number, options: NestedGridOptions): Measured {
  if (tree.children.length === 0) {
    return { tree, depth, children: [], offsets: [], width: options.leafSize, height: options.leafSize };
  }
  const children = tree.children.map((child) => measure(child, depth + 1, options));
  const { positions, width, height } = shelve(children, options.gap, options.boxAspect);
  return {
    tree,
    depth,
    children,
    offsets: positions,
    width: width + 2 * options.padding,
    height: height + 2 * options.padding + labelBand(options, depth),
  };
}

interface Shelved {
  positions: Array<{ x: number; y: number }>;
  width: number;
  height: number;
}

/**
 * Rows of boxes in their order, each row filled left to right up to a width; of the widths that
 * putting the first k boxes in a row gives, the one whose result is closest to `aspect` wins.
 */
function shelve(items: readonly Size[], gap: number, aspect: number): Shelved {
  let best: Shelved | undefined;
  let bestMiss = Number.POSITIVE_INFINITY;
  for (const rowLimit of candidateRowWidths(items, gap)) {
    const packed = packRows(items, gap, rowLimit);
    const miss = Math.abs(Math.log(packed.width / Math.max(packed.height, 1) / aspect));
    if (miss < bestMiss) {
      best = packed;
      bestMiss = miss;
    }
  }
  return best ?? { positions: [], width: 0, height: 0 };
}

/** Sampled when there are many boxes, so that a box of thousands still packs in linear time. */
const maxCandidates = 48;

function candidateRowWidths(items: readonly Size[], gap: number): number[] {
  const step = Math.max(1, Math.floor(items.length / maxCandidates));
  const widths: number[] = [];
  let width = 0;
  items.forEach((item, index) => {
    width += (index > 0 ? gap : 0) + item.width;
    if (index % step === 0 || index === items.length - 1) widths.push(width);
  });
  return widths;
}

function packRows(items: readonly Size[], gap: number, rowLimit: number): Shelved {
  const positions: Array<{ x: number; y: number }> = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const item of items) {
    if (x > 0 && x + item.width > rowLimit) {
      y += rowHeight + gap;
      x = 0;
      rowHeight = 0;
    }
    positions.push({ x, y });
    width = Math.max(width, x + item.width);
    rowHeight = Math.max(rowHeight, item.height);
    x += item.width + gap;
  }
  return { positions, width, height: y + rowHeight };
}

function place(
  node: Measured,
  x: number,
  y: number,
  options: NestedGridOptions,
  boxes: Map<string, Box>,
): void {
  boxes.set(node.tree.id, { x, y, width: node.width, height: node.height });
  const innerX = x + options.padding;
  const innerY = y + labelBand(options, node.depth) + options.padding;
  node.children.forEach((child, index) => {
    const offset = node.offsets[index] ?? { x: 0, y: 0 };
    place(child, innerX + offset.x, innerY + offset.y, options, boxes);
  });
}
