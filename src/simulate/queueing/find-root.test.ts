import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRoot } from './find-root.js';

describe('findRoot', () => {
  it('finds √2 to machine precision', () => {
    expect(findRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 15);
  });

  it('converges on a function with a kink, where Newton would bounce', () => {
    const root = findRoot((x) => (x < 1 ? 10 * (x - 1) : 0.001 * (x - 1)), -5, 50);
    expect(root).toBeCloseTo(1, 12);
  });

  it('refuses ends that do not bracket a root', () => {
    expect(() => findRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });

  it('finds the root of any increasing cubic in its bracket (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        (r, s) => {
          const f = (x: number) => (x - r) ** 3 + s * (x - r);
          const root = findRoot(f, -200, 200);
          expect(Math.abs(root - r)).toBeLessThan(1e-9 * Math.max(1, Math.abs(r)));
        },
      ),
    );
  });
});
