export interface LayoutEdge {
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

export const columnGap = 230;
export const rowGap = 86;

/**
 * Columns from left to right in the order an attacker moves: each node one column right of the
 * furthest node that leads to it (self-loops ignored; a cycle stops growing after as many rounds
 * as there are nodes), rows in the order the nodes were first met (the most likely path first),
 * each column centred on the middle row. Deterministic, and linear enough for a few dozen nodes.
 */
export function layeredPositions(
  nodeIds: readonly string[],
  edges: readonly LayoutEdge[],
): Map<string, Point> {
  const column = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const forward = edges.filter(
    (edge) => edge.source !== edge.target && column.has(edge.source) && column.has(edge.target),
  );
  for (let round = 0; round < nodeIds.length; round++) {
    let changed = false;
    for (const edge of forward) {
      const wanted = (column.get(edge.source) as number) + 1;
      if (wanted > (column.get(edge.target) as number) && wanted < nodeIds.length) {
        column.set(edge.target, wanted);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const columns = new Map<number, string[]>();
  for (const id of nodeIds) {
    const index = column.get(id) as number;
    const members = columns.get(index) ?? [];
    members.push(id);
    columns.set(index, members);
  }
  const tallest = Math.max(0, ...[...columns.values()].map((members) => members.length));
  const positions = new Map<string, Point>();
  for (const [index, members] of columns) {
    const offset = ((tallest - members.length) * rowGap) / 2;
    members.forEach((id, row) => {
      positions.set(id, { x: index * columnGap, y: offset + row * rowGap });
    });
  }
  return positions;
}
