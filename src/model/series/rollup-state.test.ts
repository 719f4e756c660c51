import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RollupBucket } from './rollup-state.js';
import { mergeBuckets, referenceRollups, type Sample } from './series-reference.fixture.js';
import { SeriesStore } from './series-store.js';

const t0 = Date.UTC(2025, 0, 1, 10, 58);

const samples: fc.Arbitrary<Sample[]> = fc
  .array(
    fc.record({
      dt: fc.oneof(
        fc.constant(15_000),
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 4_000_000 }),
      ),
      change: fc.integer({ min: -300, max: 3_000 }),
      reset: fc.integer({ min: 0, max: 15 }).map((x) => x === 0),
      closeAfter: fc.option(fc.integer({ min: 0, max: 120_000 }), { freq: 4, nil: undefined }),
    }),
    { minLength: 1, maxLength: 200 },
  )
  .map((steps) => {
    let ts = t0;
    let value = 500;
    return steps.map(({ dt, change, reset, closeAfter }) => {
      ts += dt;
      value = reset ? Math.abs(change) : Math.max(0, value + change);
      return { ts, value: value / 10, closeAfter };
    });
  });

function byKey(buckets: RollupBucket[]): RollupBucket[] {
  return [...buckets].sort((a, b) => a.resolution.localeCompare(b.resolution) || a.start - b.start);
}

function roll(
  data: Array<Sample & { closeAfter?: number | undefined }>,
  counter: boolean,
  closeEarly: boolean,
) {
  const emitted: RollupBucket[] = [];
  const store = new SeriesStore({}, (bucket) => emitted.push(bucket));
  const id = store.create(counter);
  for (const s of data) {
    store.append(id, s.ts, s.value);
    if (closeEarly && s.closeAfter !== undefined) store.closeBuckets(s.ts + s.closeAfter);
  }
  store.closeBuckets(0, true);
  return emitted;
}

describe('rollups', () => {
  it('hold min, max, sum, count and last of each UTC minute and hour; counters their rates (property)', () => {
    fc.assert(
      fc.property(samples, fc.boolean(), (data, counter) => {
        const emitted = roll(data, counter, false);
        expect(byKey(emitted)).toEqual(byKey(referenceRollups(data, counter)));
      }),
      { numRuns: 300 },
    );
  });

  it('split into partial buckets that merge exactly when closed before late samples (property)', () => {
    fc.assert(
      fc.property(samples, fc.boolean(), (data, counter) => {
        const merged = byKey(mergeBuckets(roll(data, counter, true)));
        const expected = byKey(referenceRollups(data, counter));
        expect(merged.length).toBe(expected.length);
        merged.forEach((bucket, i) => {
          const { sum, ...rest } = bucket;
          const { sum: expectedSum, ...expectedRest } = expected[i]!;
          expect(rest).toEqual(expectedRest);
          // Partial sums add up in another order: equal up to rounding.
          expect(sum).toBeCloseTo(expectedSum, 6);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('closes a bucket when its period is over, and not before', () => {
    const emitted: RollupBucket[] = [];
    const store = new SeriesStore({}, (bucket) => emitted.push(bucket));
    const id = store.create(false);
    const minute = Date.UTC(2025, 0, 1, 10, 0);
    store.append(id, minute + 15_000, 2);
    store.append(id, minute + 45_000, 4);
    store.closeBuckets(minute + 59_999);
    expect(emitted).toEqual([]);
    store.closeBuckets(minute + 60_000);
    expect(emitted).toEqual([
      {
        series: id,
        resolution: '1m',
        start: minute,
        min: 2,
        max: 4,
        sum: 6,
        count: 2,
        last: 4,
        lastTs: minute + 45_000,
      },
    ]);
    store.append(id, minute + 75_000, 9); // next minute: the hour stays open
    store.closeBuckets(minute + 3_600_000);
    expect(emitted.map((b) => [b.resolution, b.start, b.count])).toEqual([
      ['1m', minute, 2],
      ['1m', minute + 60_000, 1],
      ['1h', minute, 3],
    ]);
  });

  it('aggregates the per-second rate of a counter, reset-aware', () => {
    const emitted: RollupBucket[] = [];
    const store = new SeriesStore({}, (bucket) => emitted.push(bucket));
    const id = store.create(true);
    const minute = Date.UTC(2025, 0, 1, 10, 0);
    [100, 130, 10, 40].forEach((value, i) => {
      store.append(id, minute + i * 15_000, value);
    });
    expect(store.latestRate(id)).toBe(2);
    store.closeBuckets(0, true);
    expect(emitted[0]).toEqual({
      series: id,
      resolution: '1m',
      start: minute,
      min: 10 / 15,
      max: 2,
      sum: 2 + 10 / 15 + 2,
      count: 3,
      last: 2,
      lastTs: minute + 45_000,
    });
  });

  it('delivers every bucket even when the listener throws, then reports the first error', () => {
    const seen: string[] = [];
    const store = new SeriesStore({}, (bucket) => {
      seen.push(bucket.resolution);
      throw new Error(`refused ${bucket.resolution}`);
    });
    const id = store.create(false);
    store.append(id, 0, 1);
    expect(() => store.append(id, 3_600_000, 2)).toThrow('refused 1m');
    expect(seen).toEqual(['1m', '1h']);
    // The sample was stored all the same.
    expect(store.latest(id)).toEqual({ ts: 3_600_000, value: 2 });
    expect(store.query(id, { start: 0, end: 4_000_000 }).ts.length).toBe(2);
  });
});
