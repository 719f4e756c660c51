import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitFirstOrder, fitRamp, responseAt, selectResponse } from './step-response.js';
import { seededNormal } from './test-series.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('step responses', () => {
  it('recovers the level, amplitude and time constant of a noiseless first-order response', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.boolean(),
        fc.double({ min: 1, max: 30, noNaN: true }),
        (level, size, down, tau) => {
          const amplitude = down ? -size : size;
          const xs = range(40);
          const ys = xs.map((x) => level + amplitude * (1 - Math.exp(-x / tau)));
          const fit = fitFirstOrder(xs, ys, level, 1e4);
          expect(Math.abs(fit.tau - tau) / tau).toBeLessThan(0.01);
          expect(Math.abs(fit.amplitude - amplitude) / size).toBeLessThan(0.01);
          expect(
            Math.abs(responseAt(fit, 100) - (level + amplitude * (1 - Math.exp(-100 / tau)))),
          ).toBeLessThan(0.02 * size);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('fits the level too when the response jumps at the change', () => {
    const xs = range(20);
    const ys = xs.map((x) => 25 + 3 * (1 - Math.exp(-x / 5)));
    const fit = fitFirstOrder(xs, ys, 20, 1e4, true);
    expect(fit.jump).toBe(true);
    expect(fit.level).toBeCloseTo(25, 4);
    expect(fit.tau).toBeCloseTo(5, 3);
  });

  it('keeps a ramp for a noisy line and a first-order response for a noisy saturation', () => {
    const noise = seededNormal(7);
    const xs = range(30);
    const line = xs.map((x) => 10 + 0.5 * x + 0.2 * noise());
    const saturating = xs.map((x) => 10 + 20 * (1 - Math.exp(-x / 6)) + 0.2 * noise());
    expect(selectResponse(xs, line, 10, 0.2, 1e4).kind).toBe('ramp');
    const curve = selectResponse(xs, saturating, 10, 0.2, 1e4);
    expect(curve.kind).toBe('first-order');
    expect(curve.level + curve.amplitude).toBeGreaterThan(29);
    expect(curve.level + curve.amplitude).toBeLessThan(31);
    expect(curve.tau).toBeGreaterThan(5);
    expect(curve.tau).toBeLessThan(7);
  });

  it('fits a ramp through the anchor by least squares', () => {
    const fit = fitRamp([1, 2, 3], [2, 4, 6], 0);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.sse).toBeCloseTo(0, 12);
  });
});
