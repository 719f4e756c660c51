import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from './solve-linear-system.js';

describe('solveLinearSystem', () => {
  it('needs pivoting: a zero in the top-left corner', () => {
    expect(
      solveLinearSystem(
        [
          [0, 1],
          [1, 1],
        ],
        [2, 3],
      ),
    ).toEqual([1, 2]);
  });

  it('reports a singular matrix as undefined rather than a huge answer', () => {
    expect(
      solveLinearSystem(
        [
          [1, -1],
          [-1, 1],
        ],
        [1, 0],
      ),
    ).toBeUndefined();
    expect(
      solveLinearSystem(
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        [1, 1, 1],
      ),
    ).toBeUndefined();
  });

  it('recovers x from A·x for diagonally dominant random A (property)', () => {
    const size = fc.integer({ min: 1, max: 8 });
    fc.assert(
      fc.property(
        size.chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
          ),
        ),
        ([raw, x]) => {
          const n = x.length;
          const a = raw.map((row, i) => row.map((value, j) => (i === j ? value + n + 1 : value)));
          const b = a.map((row) => row.reduce((sum, value, j) => sum + value * (x[j] as number), 0));
          const solved = solveLinearSystem(a, b);
          expect(solved).toBeDefined();
          solved?.forEach((value, i) => {
            expect(Math.abs(value - (x[i] as number))).toBeLessThan(1e-9);
          });
        },
      ),
    );
  });
});
