import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpikeRate } from './spike-rate.js';

/** A deterministic uniform source in [0, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('SpikeRate', () => {
  it('stays below the alarm level while spikes keep their usual rate', () => {
    const next = uniform(1);
    const rate = new SpikeRate(50, 2000);
    let highest = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < 10_000; index++) {
      const z = rate.update(next() < 0.03);
      if (index > 500) highest = Math.max(highest, z);
    }
    expect(highest).toBeLessThan(3.8);
  });

  it('rises past the alarm level when spikes come eight times as often', () => {
    const next = uniform(2);
    const rate = new SpikeRate(50, 2000);
    for (let index = 0; index < 5000; index++) rate.update(next() < 0.03);
    let highest = 0;
    for (let index = 0; index < 100; index++) highest = Math.max(highest, rate.update(next() < 0.25));
    expect(highest).toBeGreaterThan(3.8);
  });

  it('does not alarm on a single spike in a series that never spiked', () => {
    const rate = new SpikeRate(50, 2000);
    for (let index = 0; index < 3000; index++) rate.update(false);
    expect(rate.update(true)).toBeLessThan(1.5);
  });

  it('counts a partial spike in part, between no spike and a whole one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (history, degree) => {
          const feed = (last: boolean | number) => {
            const rate = new SpikeRate(50, 2000);
            for (const spike of history) rate.update(spike);
            return rate.update(last);
          };
          const partial = feed(degree);
          expect(partial).toBeGreaterThanOrEqual(feed(false) - 1e-9);
          expect(partial).toBeLessThanOrEqual(feed(true) + 1e-9);
        },
      ),
    );
  });

  it('returns a finite z for any sequence of spikes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.boolean(), fc.double({ noNaN: false })), { maxLength: 500 }),
        fc.integer({ min: 1, max: 200 }),
        (spikes, fast) => {
          const rate = new SpikeRate(fast, 10 * fast);
          for (const spike of spikes) expect(Number.isFinite(rate.update(spike))).toBe(true);
        },
      ),
    );
  });
});
