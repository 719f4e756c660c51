import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShiftTest } from './shift-test.js';

describe('ShiftTest', () => {
  it('stays at 0 on a constant series', () => {
    const test = new ShiftTest(40, 2000);
    for (let index = 0; index < 5000; index++) expect(test.update(7, 1e-9)).toBeCloseTo(0, 9);
  });

  it('grows after a level shift that no single point reveals, and remembers the old baseline', () => {
    const test = new ShiftTest(40, 2000);
    let before = 0;
    for (let index = 0; index < 3000; index++) {
      const statistic = test.update(index % 2, 1e-9);
      if (index >= 2000) before = Math.max(before, statistic);
    }
    let after = 0;
    for (let index = 0; index < 100; index++) after = Math.max(after, test.update(3 + (index % 2), 1e-9));
    expect(after).toBeGreaterThan(3 * before);
    expect(test.baseline).toBeLessThan(1);
    expect(test.baselineSpread).toBeGreaterThan(0.3);
  });

  it('sees a change of spread at the same mean', () => {
    const test = new ShiftTest(40, 2000);
    for (let index = 0; index < 3000; index++) test.update(10 + (index % 2 ? 0.1 : -0.1), 1e-9);
    let after = 0;
    for (let index = 0; index < 100; index++) after = test.update(10 + (index % 2 ? 2 : -2), 1e-9);
    expect(after).toBeGreaterThan(2);
  });

  it('returns a finite non-negative statistic for any finite input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { maxLength: 300 }),
        (values) => {
          const test = new ShiftTest(10, 100);
          for (const value of values) {
            const statistic = test.update(value, 1e-12);
            expect(Number.isFinite(statistic)).toBe(true);
            expect(statistic).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
