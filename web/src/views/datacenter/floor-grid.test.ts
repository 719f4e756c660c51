import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FloorRack, largestFloorSide, placeRacks } from './floor-grid';

describe('placeRacks', () => {
  it('puts racks at their row and column, in a grid at least as large as the room', () => {
    const layout = placeRacks(
      [
        { id: 'rack:r2', row: 1, column: 2 },
        { id: 'rack:r1', row: 1, column: 1 },
        { id: 'rack:r3', row: 2, column: 1 },
      ],
      { rows: 2, columns: 5 },
    );
    expect(layout.rows).toBe(2);
    expect(layout.columns).toBe(5);
    expect(layout.cells).toEqual([
      { id: 'rack:r1', row: 1, column: 1 },
      { id: 'rack:r2', row: 1, column: 2 },
      { id: 'rack:r3', row: 2, column: 1 },
    ]);
    expect(layout.offFloor).toEqual([]);
  });

  it('lists apart racks without a place, or on a place already taken, first in natural order keeping it', () => {
    const layout = placeRacks(
      [
        { id: 'rack:r10', row: 1, column: 1 },
        { id: 'rack:r9', row: 1, column: 1 },
        { id: 'rack:x', row: '1', column: 1 },
        { id: 'rack:y', row: 0, column: 1 },
      ],
      {},
    );
    expect(layout.cells).toEqual([{ id: 'rack:r9', row: 1, column: 1 }]);
    expect(layout.offFloor.map((rack) => rack.id)).toEqual(['rack:r10', 'rack:x', 'rack:y']);
    expect(layout.offFloor[0]?.reason).toBe('row 1, column 1 is taken by rack:r9');
  });

  it('grows the grid to hold racks beyond the room’s declared size', () => {
    const layout = placeRacks([{ id: 'rack:a', row: 3, column: 7 }], { rows: 2, columns: 5 });
    expect([layout.rows, layout.columns]).toEqual([3, 7]);
  });

  it('places every rack once, on distinct places inside the grid, or lists it apart', () => {
    const place = fc.oneof(
      fc.integer({ min: -2, max: 12 }),
      fc.constant(undefined),
      fc.constant(largestFloorSide + 1),
    );
    const racks = fc.uniqueArray(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), row: place, column: place }),
      { selector: (rack) => rack.id, maxLength: 60 },
    );
    fc.assert(
      fc.property(racks, fc.nat(10), fc.nat(10), (list: FloorRack[], rows, columns) => {
        const layout = placeRacks(list, { rows, columns });
        const ids = [...layout.cells.map((cell) => cell.id), ...layout.offFloor.map((rack) => rack.id)];
        expect(ids.sort()).toEqual(list.map((rack) => rack.id).sort());
        const places = new Set(layout.cells.map((cell) => `${cell.row}/${cell.column}`));
        expect(places.size).toBe(layout.cells.length);
        for (const cell of layout.cells) {
          expect(cell.row).toBeGreaterThanOrEqual(1);
          expect(cell.column).toBeGreaterThanOrEqual(1);
          expect(cell.row).toBeLessThanOrEqual(layout.rows);
          expect(cell.column).toBeLessThanOrEqual(layout.columns);
        }
        expect(layout.rows).toBeGreaterThanOrEqual(rows);
        expect(layout.columns).toBeGreaterThanOrEqual(columns);
      }),
    );
  });
});
