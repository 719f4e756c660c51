/**
 * The floor plan of a room: each rack at its `row` and `column` props. A rack without them, or
 * on a place another rack already holds, is listed apart rather than drawn over another.
 */

export interface FloorRack {
  id: string;
  row: unknown;
  column: unknown;
}

export interface FloorCell {
  id: string;
  row: number;
  column: number;
}

export interface OffFloorRack {
  id: string;
  reason: string;
}

export interface FloorLayout {
  rows: number;
  columns: number;
  cells: FloorCell[];
  offFloor: OffFloorRack[];
}

/** Larger grids are not floor plans but typos: such racks are listed apart. */
export const largestFloorSide = 200;

/** A positive whole number up to the largest side, or undefined. */
export function floorIndex(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= largestFloorSide
    ? value
    : undefined;
}

const natural = new Intl.Collator('en', { numeric: true });

/**
 * Places racks on a grid of at least the room's `rows` × `columns` (grown to hold every rack),
 * in natural order of their ids, so the same room always gives the same plan.
 */
export function placeRacks(
  racks: readonly FloorRack[],
  room: { rows?: unknown; columns?: unknown },
): FloorLayout {
  const taken = new Map<string, string>();
  const cells: FloorCell[] = [];
  const offFloor: OffFloorRack[] = [];
  let rows = floorIndex(room.rows) ?? 0;
  let columns = floorIndex(room.columns) ?? 0;
  for (const rack of [...racks].sort((a, b) => natural.compare(a.id, b.id))) {
    const row = floorIndex(rack.row);
    const column = floorIndex(rack.column);
    if (row === undefined || column === undefined) {
      offFloor.push({ id: rack.id, reason: 'no row and column on the floor plan' });
      continue;
    }
    const key = `${row}/${column}`;
    const holder = taken.get(key);
    if (holder !== undefined) {
      offFloor.push({ id: rack.id, reason: `row ${row}, column ${column} is taken by ${holder}` });
      continue;
    }
    taken.set(key, rack.id);
    cells.push({ id: rack.id, row, column });
    rows = Math.max(rows, row);
    columns = Math.max(columns, column);
  }
  return { rows, columns, cells, offFloor };
}
