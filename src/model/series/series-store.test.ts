import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../errors.js';
import { increase, type Sample } from './series-reference.fixture.js';
import { SeriesStore } from './series-store.js';

const t0 = 1_700_000_000_000;

const inOrder = (maxLength: number): fc.Arbitrary<Sample[]> =>
  fc
    .array(
      fc.record({
        dt: fc.oneof(fc.integer({ min: 1, max: 90_000 }), fc.constant(1)),
        value: fc.integer({ min: 0, max: 1e6 }),
      }),
      {
        minLength: 1,
        maxLength,
      },
    )
    .map((steps) => {
      let ts = t0;
      return steps.map(({ dt, value }) => {
        ts += dt;
        return { ts, value: value / 100 };
      });
    });

describe('series store', () => {
  it('hands out dense numbers and reuses dropped ones', () => {
    const store = new SeriesStore({});
    expect([store.create(true), store.create(false), store.create(false)]).toEqual([0, 1, 2]);
    expect(store.isCounter(0)).toBe(true);
    expect(store.isCounter(1)).toBe(false);
    store.append(1, t0, 5);
    store.drop(1);
    expect(store.seriesCount).toBe(2);
    expect(() => store.latest(1)).toThrow(NotFoundError);
    expect(store.create(true)).toBe(1);
    expect(store.latest(1)).toBeUndefined();
    expect(store.isCounter(1)).toBe(true);
    expect(store.query(1, { start: 0, end: 2 * t0 }).ts.length).toBe(0);
  });

  it('refuses out-of-order samples and ignores duplicates, storing neither', () => {
    const store = new SeriesStore({});
    const id = store.create(false);
    expect(store.append(id, t0, 1)).toBe('ok');
    expect(store.append(id, t0 + 10, 2)).toBe('ok');
    expect(store.append(id, t0 + 5, 3)).toBe('out-of-order');
    expect(store.append(id, t0 + 10, 4)).toBe('duplicate');
    const all = store.query(id, { start: t0, end: t0 + 10 });
    expect(Array.from(all.values)).toEqual([1, 2]);
    expect(store.latest(id)).toEqual({ ts: t0 + 10, value: 2 });
  });

  it('rejects what it cannot store, and numbers that are no series', () => {
    const store = new SeriesStore({});
    const gauge = store.create(false);
    const counter = store.create(true);
    expect(() => store.append(gauge, t0, Number.NaN)).toThrow(InputError);
    expect(() => store.append(gauge, t0 + 0.5, 1)).toThrow(InputError);
    expect(() => store.append(gauge, 2 ** 53, 1)).toThrow(InputError);
    expect(() => store.append(counter, t0, Number.POSITIVE_INFINITY)).toThrow(InputError);
    expect(store.append(gauge, t0, Number.NEGATIVE_INFINITY)).toBe('ok');
    for (const bad of [2, -1, 0.5, Number.NaN, 2 ** 40]) {
      expect(() => store.append(bad, t0, 1)).toThrow(NotFoundError);
      expect(() => store.query(bad, { start: 0, end: 1 })).toThrow(NotFoundError);
    }
    expect(() => new SeriesStore({ retentionMs: 0 })).toThrow(InputError);
    expect(() => new SeriesStore({ pageBytes: 30 })).toThrow(RangeError);
  });

  it('gives the latest rate of a counter from its last two samples, reset-aware (property)', () => {
    fc.assert(
      fc.property(inOrder(60), (data) => {
        const store = new SeriesStore({});
        const counter = store.create(true);
        const gauge = store.create(false);
        for (const s of data) {
          store.append(counter, s.ts, s.value);
          store.append(gauge, s.ts, s.value);
        }
        const [a, b] = data.slice(-2);
        const expected = b && a ? (increase(a.value, b.value) * 1000) / (b.ts - a.ts) : undefined;
        expect(store.latestRate(counter)).toBe(expected);
        expect(store.latestRate(gauge)).toBeUndefined();
      }),
    );
  });

  /**
   * The retention guarantee after trim(now), cutoff = now − retention: every sample at or after
   * the cutoff is kept; what is kept is a suffix of what was appended; only the oldest page may
   * hold expired samples, so every newer page starts after the cutoff, and a lone page is kept
   * only if the latest sample is not expired (pages are dropped whole: the oldest one may keep
   * expired samples, at most a page of them).
   */
  it('drops exactly the pages whose samples all expired (property)', () => {
    fc.assert(
      fc.property(
        inOrder(300),
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.oneof(
          fc.integer({ min: 0, max: 10_000_000 }),
          // A cutoff on a sample's or a page's first timestamp, or 1 ms either side: where a page
          // is kept or dropped.
          fc.record({ index: fc.nat(), page: fc.boolean(), shift: fc.constantFrom(-1, 0, 1) }),
        ),
        fc.constantFrom(32, 96),
        (data, retentionMs, after, pageBytes) => {
          const store = new SeriesStore({ retentionMs, pageBytes, maxBytesPerSeries: 2 ** 30 });
          const id = store.create(false);
          for (const s of data) store.append(id, s.ts, s.value);
          const last = data.at(-1)!.ts;
          const anchors =
            typeof after !== 'number' && after.page
              ? store.seriesStats(id).pageFirstTs
              : data.map((s) => s.ts);
          const now =
            typeof after === 'number'
              ? last + after
              : Math.max(last, anchors[after.index % anchors.length]! + after.shift + retentionMs);
          const cutoff = now - retentionMs;
          store.trim(now);
          const kept = store.query(id, { start: -(2 ** 53) + 1, end: 2 ** 53 - 1 });
          const suffix = data.slice(data.length - kept.ts.length);
          expect(Array.from(kept.ts)).toEqual(suffix.map((s) => s.ts));
          expect(Array.from(kept.values)).toEqual(suffix.map((s) => s.value));
          expect(kept.ts.length).toBeGreaterThanOrEqual(data.filter((s) => s.ts >= cutoff).length);
          const { pageFirstTs, samples } = store.seriesStats(id);
          expect(samples).toBe(kept.ts.length);
          for (const first of pageFirstTs.slice(1)) expect(first).toBeGreaterThan(cutoff);
          if (pageFirstTs.length === 1) expect(data.at(-1)!.ts).toBeGreaterThanOrEqual(cutoff);
          if (pageFirstTs.length === 0) expect(data.at(-1)!.ts).toBeLessThan(cutoff);
          expect(store.memoryStats().samples).toBe(kept.ts.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('trims lazily on its own clock as pages fill, and keeps accepting after dropping everything', () => {
    const store = new SeriesStore({ retentionMs: 3_600_000 });
    const id = store.create(false);
    for (let i = 0; i < 2_000; i++) store.append(id, t0 + i * 15_000, i % 97);
    // 1 h is 240 samples; pages are dropped whole as new ones open, so a little more is held.
    const held = store.seriesStats(id).samples;
    expect(held).toBeGreaterThanOrEqual(240);
    expect(held).toBeLessThan(400);
    store.trim(t0 + 1_000 * 3_600_000);
    expect(store.seriesStats(id).pages).toBe(0);
    expect(store.latest(id)).toEqual({ ts: t0 + 1_999 * 15_000, value: 1_999 % 97 });
    expect(store.append(id, t0 + 2_000 * 15_000, 7)).toBe('ok');
    expect(Array.from(store.query(id, { start: 0, end: 2 * t0 }).values)).toEqual([7]);
  });

  it('caps the bytes of one series by dropping its oldest pages', () => {
    const store = new SeriesStore({ retentionMs: 2 ** 50, pageBytes: 64, maxBytesPerSeries: 256 });
    const id = store.create(false);
    for (let i = 0; i < 5_000; i++) store.append(id, t0 + i, Math.sin(i));
    const stats = store.seriesStats(id);
    expect(stats.pages).toBeLessThanOrEqual(4);
    const kept = store.query(id, { start: 0, end: 2 * t0 });
    expect(kept.ts.at(-1)).toBe(t0 + 4_999);
    expect(kept.ts.length).toBe(stats.samples);
  });

  it('accounts for its memory', () => {
    const store = new SeriesStore({ pageBytes: 96 });
    expect(store.memoryStats()).toMatchObject({
      series: 0,
      samples: 0,
      arenaBytesUsed: 0,
      bytesPerSeries: 0,
    });
    const ids = [store.create(false), store.create(true)];
    for (const id of ids) for (let i = 0; i < 240; i++) store.append(id, t0 + i * 15_000, i);
    const stats = store.memoryStats();
    const pages = ids.reduce((sum, id) => sum + store.seriesStats(id).pages, 0);
    expect(stats).toMatchObject({ series: 2, samples: 480, arenaBytesUsed: pages * 96, pagesInUse: pages });
    expect(stats.bytesPerSeries).toBe((stats.arenaBytesUsed + stats.columnBytes) / 2);
    expect(stats.bytesPerSample).toBe((stats.arenaBytesUsed + stats.columnBytes) / 480);
    store.drop(ids[0]!);
    expect(store.memoryStats()).toMatchObject({ series: 1, samples: 240 });
  });

  it('keeps series apart when many grow at once (property)', () => {
    fc.assert(
      fc.property(fc.array(inOrder(80), { minLength: 2, maxLength: 6 }), fc.integer(), (all, seed) => {
        const store = new SeriesStore({ pageBytes: 32, retentionMs: 2 ** 50 });
        const ids = all.map((_, i) => store.create(i % 2 === 0));
        const cursors = all.map(() => 0);
        // Interleave the series in a seeded order, as receivers deliver them.
        let state = seed >>> 0;
        for (let left = all.reduce((sum, s) => sum + s.length, 0); left > 0; left--) {
          state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
          let i = state % all.length;
          while (cursors[i]! >= all[i]!.length) i = (i + 1) % all.length;
          const sample = all[i]![cursors[i]!++]!;
          store.append(ids[i]!, sample.ts, sample.value);
        }
        all.forEach((data, i) => {
          const kept = store.query(ids[i]!, { start: 0, end: 2 * t0 });
          expect(Array.from(kept.values)).toEqual(data.map((s) => s.value));
        });
        store.drop(ids[0]!);
        expect(store.memoryStats().samples).toBe(all.slice(1).reduce((sum, s) => sum + s.length, 0));
      }),
    );
  });
});
