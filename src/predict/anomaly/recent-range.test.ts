import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentRange } from './recent-range.js';

describe('RecentRange', () => {
  it('keeps the all-time range when memory is 0', () => {
    const range = new RecentRange(0);
    for (const value of [5, -3, 100, 2, 7]) range.add(value);
    for (let index = 0; index < 10_000; index++) range.add(1);
    expect(range.minimum).toBe(-3);
    expect(range.maximum).toBe(100);
  });

  it('forgets an old outlier once its block leaves the ring', () => {
    const range = new RecentRange(800);
    range.add(1000);
    for (let index = 0; index < 799; index++) range.add(index % 10);
    expect(range.maximum).toBe(1000);
    for (let index = 0; index < 200; index++) range.add(index % 10);
    expect(range.maximum).toBe(9);
    expect(range.minimum).toBe(0);
  });

  it('covers at least the last (blocks - 1)·block + 1 points and at most the last memory (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 600 }),
        (memory, values) => {
          const range = new RecentRange(memory);
          const blocks = Math.min(8, memory);
          const block = Math.floor(memory / blocks);
          values.forEach((value, index) => {
            range.add(value);
            const seen = values.slice(0, index + 1);
            const widest = seen.slice(-blocks * block);
            const narrowest = seen.slice(-((blocks - 1) * block + 1));
            expect(blocks * block).toBeLessThanOrEqual(memory);
            expect(range.maximum).toBeLessThanOrEqual(Math.max(...widest));
            expect(range.maximum).toBeGreaterThanOrEqual(Math.max(...narrowest));
            expect(range.minimum).toBeGreaterThanOrEqual(Math.min(...widest));
            expect(range.minimum).toBeLessThanOrEqual(Math.min(...narrowest));
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
