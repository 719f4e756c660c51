import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { between, fitViewport, toGraph, visibleBox, zoomAround } from './viewport';

const screen = { width: 800, height: 600 };
const limits = { min: 0.01, max: 8 };

describe('the viewport of a plan', () => {
  it('fits a box whole and centred, the tighter side at the padding', () => {
    const view = fitViewport({ x: 100, y: 50, width: 1000, height: 200 }, screen, 20, limits);
    expect(view.zoom).toBeCloseTo(760 / 1000);
    const visible = visibleBox(view, screen);
    expect(visible.x + visible.width / 2).toBeCloseTo(600);
    expect(visible.y + visible.height / 2).toBeCloseTo(150);
    // The box's left edge sits the padding from the screen's.
    expect(100 * view.zoom + view.panX).toBeCloseTo(20);
  });

  it('keeps the zoom within its limits when fitting a point or an immense box', () => {
    expect(fitViewport({ x: 0, y: 0, width: 0, height: 0 }, screen, 20, limits).zoom).toBe(limits.max);
    expect(fitViewport({ x: 0, y: 0, width: 1e9, height: 1e9 }, screen, 20, limits).zoom).toBe(limits.min);
  });

  it('zooms around a point that stays under the pointer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 600 }),
        (zoom, panX, panY, factor, x, y) => {
          const before = { zoom, panX, panY };
          const after = zoomAround(before, factor, { x, y }, limits);
          const a = toGraph(before, { x, y });
          const b = toGraph(after, { x, y });
          expect(b.x).toBeCloseTo(a.x, 6);
          expect(b.y).toBeCloseTo(a.y, 6);
          expect(after.zoom).toBeCloseTo(Math.min(Math.max(zoom * factor, limits.min), limits.max));
        },
      ),
    );
  });

  it('glides from one viewport to another: the ends are the two, the zoom changes by equal factors', () => {
    const from = fitViewport({ x: 0, y: 0, width: 4000, height: 3000 }, screen, 0, limits);
    const to = fitViewport({ x: 1000, y: 1000, width: 40, height: 30 }, screen, 0, limits);
    const start = between(from, to, 0, screen);
    const end = between(from, to, 1, screen);
    for (const key of ['zoom', 'panX', 'panY'] as const) {
      expect(start[key]).toBeCloseTo(from[key]);
      expect(end[key]).toBeCloseTo(to[key]);
    }
    const middle = between(from, to, 0.5, screen);
    expect(middle.zoom).toBeCloseTo(Math.sqrt(from.zoom * to.zoom));
  });
});
