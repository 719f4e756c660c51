import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { planQuery, type RangeFunction } from './range-query.js';
import { referenceQuery, type Sample } from './series-reference.fixture.js';
import { SeriesStore } from './series-store.js';

const t0 = 1_700_000_000_000;

/** In-order samples of a counter-like series with random resets, or of a gauge. */
const samples: fc.Arbitrary<Sample[]> = fc
  .array(
    fc.record({
      dt: fc.oneof(fc.constant(15_000), fc.integer({ min: 1, max: 40_000 }), fc.constant(1)),
      change: fc.integer({ min: -50, max: 400 }),
      reset: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
    }),
    { maxLength: 250 },
  )
  .map((steps) => {
    let ts = t0;
    let value = 1000;
    return steps.map(({ dt, change, reset }) => {
      ts += dt;
      value = reset ? Math.max(0, change) / 100 : Math.max(0, Math.round(value * 100) + change) / 100;
      return { ts, value };
    });
  });

const query = fc.record({
  start: fc.integer({ min: t0 - 100_000, max: t0 + 5_000_000 }),
  /** Starts on a sample's or a page's first timestamp (± 1 ms or one step), where page skipping is decided. */
  onSample: fc.option(
    fc.record({ index: fc.nat(), page: fc.boolean(), shift: fc.constantFrom(-1, 0, 1, 'step' as const) }),
    { nil: undefined },
  ),
  span: fc.integer({ min: -1_000, max: 3_000_000 }),
  step: fc.oneof(fc.integer({ min: 1_000, max: 400_000 }), fc.integer({ min: 1, max: 100 })),
  fn: fc.constantFrom<RangeFunction | undefined>(undefined, 'raw', 'last', 'avg', 'min', 'max', 'rate'),
  stepless: fc.boolean(),
});

describe('range queries', () => {
  it('equal a naive evaluation over a plain array, for every function (property)', () => {
    fc.assert(
      fc.property(samples, query, fc.constantFrom(32, 96, 512), (data, q, pageBytes) => {
        const store = new SeriesStore({ retentionMs: 2 ** 50, pageBytes });
        const id = store.create(true);
        for (const s of data) store.append(id, s.ts, s.value);
        const step = q.stepless && (q.fn === undefined || q.fn === 'raw') ? undefined : q.step;
        const anchors = q.onSample?.page
          ? store.seriesStats(id).pageFirstTs
          : data.map((sample) => sample.ts);
        const anchor =
          q.onSample && anchors.length > 0 ? anchors[q.onSample.index % anchors.length] : undefined;
        const shift = q.onSample?.shift === 'step' ? (step ?? 0) : (q.onSample?.shift ?? 0);
        const start = anchor === undefined ? q.start : anchor + shift;
        // Tiny steps only over short spans, so the reference stays quick.
        const end = start + (step !== undefined && step < 1_000 ? Math.min(q.span, 20_000) : q.span);
        const rangeQuery = { start, end, step, fn: q.fn };
        const result = store.query(id, rangeQuery);
        const expected = referenceQuery(data, rangeQuery);
        expect(Array.from(result.ts)).toEqual(expected.ts);
        expect(Array.from(result.values)).toEqual(expected.values);
      }),
      { numRuns: 300 },
    );
  });

  it('reads every window that starts at or next to a sample, across many page boundaries', () => {
    const store = new SeriesStore({ retentionMs: 2 ** 50, pageBytes: 32 });
    const id = store.create(true);
    const data: Sample[] = [];
    let ts = t0;
    for (let i = 0; i < 300; i++) {
      ts += [1, 15_000, 1, 7][i % 4]!;
      data.push({ ts, value: i % 50 === 49 ? 1 : i * 3 });
      store.append(id, ts, data.at(-1)!.value);
    }
    expect(store.seriesStats(id).pages).toBeGreaterThan(20);
    for (const { ts: at } of data) {
      for (const start of [at - 1, at, at + 1]) {
        for (const step of [undefined, 1, 8, 15_001]) {
          for (const fn of step === undefined
            ? (['raw'] as const)
            : (['last', 'avg', 'min', 'rate'] as const)) {
            const q = { start, end: start + 3 * (step ?? 5), step, fn };
            const result = store.query(id, q);
            const expected = referenceQuery(data, q);
            expect([Array.from(result.ts), Array.from(result.values)]).toEqual([
              expected.ts,
              expected.values,
            ]);
          }
        }
      }
    }
  });

  it('computes rates across counter resets and from the sample before the window', () => {
    const store = new SeriesStore({});
    const id = store.create(true);
    // 0 s: 100, 15 s: 130, 30 s: 10 (restart), 45 s: 40
    [100, 130, 10, 40].forEach((value, i) => {
      store.append(id, t0 + i * 15_000, value);
    });
    const rates = store.query(id, { start: t0 + 30_000, end: t0 + 45_000, step: 15_000, fn: 'rate' });
    expect(Array.from(rates.ts)).toEqual([t0 + 30_000, t0 + 45_000]);
    expect(Array.from(rates.values)).toEqual([10 / 15, 30 / 15]);
    const wide = store.query(id, { start: t0 + 45_000, end: t0 + 45_000, step: 60_000, fn: 'rate' });
    expect(Array.from(wide.values)).toEqual([(30 + 10 + 30) / 45]);
  });

  it('defaults to raw points without a step and to last with one', () => {
    const store = new SeriesStore({});
    const id = store.create(false);
    [1, 2, 3, 4].forEach((value, i) => {
      store.append(id, t0 + i * 10_000, value);
    });
    expect(Array.from(store.query(id, { start: t0, end: t0 + 20_000 }).values)).toEqual([1, 2, 3]);
    const stepped = store.query(id, { start: t0, end: t0 + 40_000, step: 20_000 });
    expect(Array.from(stepped.ts)).toEqual([t0, t0 + 20_000, t0 + 40_000]);
    expect(Array.from(stepped.values)).toEqual([1, 3, 4]);
    expect(store.query(id, { start: t0, end: t0 - 1, step: 1_000 }).ts.length).toBe(0);
  });

  it('refuses steps it cannot evaluate', () => {
    expect(() => planQuery({ start: 0, end: 10, fn: 'avg' })).toThrow(InputError);
    expect(() => planQuery({ start: 0, end: 10, step: 0 })).toThrow(InputError);
    expect(() => planQuery({ start: 0, end: 10, step: 1.5 })).toThrow(InputError);
    expect(() => planQuery({ start: 0.5, end: 10 })).toThrow(InputError);
    expect(() => planQuery({ start: 0, end: 10_000_000, step: 1 })).toThrow(/more than/);
  });
});
