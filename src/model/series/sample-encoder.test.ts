import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './series-reference.fixture.js';
import { SeriesStore } from './series-store.js';

/**
 * Sequences built from segments of telemetry-like behaviour, so that every adaptive choice of the
 * codec (predictor, short codes, joint code, window reuse and sign modes, scale-ups, the XOR
 * fallback, window carry-over between pages) is reached and switched back and forth.
 */
type Behaviour =
  | { kind: 'repeat' }
  | { kind: 'increase' | 'walk'; decimals: number; step: number }
  | { kind: 'noise' }
  | { kind: 'fixed'; value: number };

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  fc.record({ kind: fc.constant('repeat' as const) }),
  fc.record({
    kind: fc.constantFrom('increase' as const, 'walk' as const),
    decimals: fc.integer({ min: 0, max: 7 }),
    step: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2 ** 24 })),
  }),
  fc.record({ kind: fc.constant('noise' as const) }),
  fc.record({
    kind: fc.constant('fixed' as const),
    value: fc.oneof(
      fc.double({ noNaN: true }),
      fc.constantFrom(0, -0, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 5e-324, 0.1 + 0.2, 2 ** 53 - 1),
    ),
  }),
);

function nextValue(b: Behaviour, previous: number, random: () => number): number {
  switch (b.kind) {
    case 'repeat':
      return previous;
    case 'noise':
      return random() * 1e6;
    case 'fixed':
      return b.value;
    default: {
      const scale = 10 ** b.decimals;
      const base =
        Number.isFinite(previous) && Math.abs(previous) < 2 ** 40 ? Math.round(previous * scale) : 0;
      const change =
        b.kind === 'increase' ? Math.floor(random() * b.step) : Math.round((random() - 0.5) * b.step);
      return (base + change) / scale;
    }
  }
}

const timestampStep = fc.oneof(
  { weight: 6, arbitrary: fc.constant(15_000) },
  { weight: 3, arbitrary: fc.integer({ min: 14_990, max: 15_010 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 100 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 33 }) },
);

const segment = fc.record({
  behaviour,
  length: fc.integer({ min: 1, max: 150 }),
  /** A fixed step for the whole segment, or irregular steps. */
  step: fc.option(timestampStep, { nil: undefined }),
});

const sequence = fc.record({
  start: fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
  first: fc.double({ noNaN: true, min: -1e12, max: 1e12 }),
  segments: fc.array(segment, { minLength: 1, maxLength: 6 }),
  pageBytes: fc.constantFrom(32, 64, 128, 1024),
  seed: fc.integer(),
});

describe('sample codec', () => {
  it('round-trips any in-order (ts, float64) sequence bit for bit (property)', () => {
    fc.assert(
      fc.property(sequence, ({ start, first, segments, pageBytes, seed }) => {
        const random = seededRandom(seed);
        const store = new SeriesStore({ retentionMs: 2 ** 60, pageBytes, maxBytesPerSeries: 2 ** 30 });
        const id = store.create(false);
        const expected: Array<[number, number]> = [];
        let ts = start;
        let value = first;
        for (const { behaviour, length, step } of segments) {
          for (let i = 0; i < length; i++) {
            ts += step ?? [15_000, 15_003, 14_998, 1, 60_000][Math.floor(random() * 5)]!;
            value = nextValue(behaviour, value, random);
            expect(store.append(id, ts, value)).toBe('ok');
            expected.push([ts, value]);
          }
        }
        const result = store.query(id, { start: -(2 ** 53) + 1, end: 2 ** 53 - 1 });
        expect(result.ts.length).toBe(expected.length);
        for (let i = 0; i < expected.length; i++) {
          const [t, v] = expected[i]!;
          // Object.is tells −0 from 0; a mismatch is reported with its index.
          if (result.ts[i] !== t || !Object.is(result.values[i], v)) {
            expect([i, result.ts[i], result.values[i]]).toEqual([i, t, v]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('sample codec edges', () => {
  it.each([
    ['a previous k too large to rescale', [2 ** 50 - 1, 0.5, 0.25, 3]],
    ['a previous Δk too large to rescale', [2 ** 50 - 1, 1, 0.5, 0.75]],
    ['the decimal limit', [2 ** 50, -(2 ** 50), 2 ** 50 + 1, 0.1, -0, 0]],
    ['signed zeros and infinities', [-0, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5]],
  ])('round-trips %s', (_, values) => {
    for (const pageBytes of [32, 96]) {
      const store = new SeriesStore({ pageBytes });
      const id = store.create(false);
      values.forEach((value, i) => {
        store.append(id, 1_000 + i * 15_000, value);
      });
      const back = Array.from(store.query(id, { start: 0, end: 1e9 }).values);
      expect(back.map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
        values.map((v) => (Object.is(v, -0) ? '-0' : v)),
      );
    }
  });
});

describe('compression (regression guards, 240 samples at 15 s, 96-byte pages)', () => {
  const t0 = Date.UTC(2025, 0, 1);
  /** Page bytes held for 240 samples of a walk from `start` by seeded steps, divided by `scale`. */
  const bytesFor = (
    counter: boolean,
    start: number,
    change: (random: () => number) => number,
    scale: number,
  ) => {
    const random = seededRandom(7);
    const store = new SeriesStore({});
    const id = store.create(counter);
    let level = start;
    for (let i = 0; i < 240; i++) {
      level += change(random);
      store.append(id, t0 + i * 15_000, level / scale);
    }
    return store.seriesStats(id).arenaBytes;
  };

  it('keeps a constant series in one page', () => {
    expect(bytesFor(false, 8_123_456_789, () => 0, 1)).toBe(96);
  });

  it('keeps a 2-decimal cpu-seconds counter within ~13 bits a sample', () => {
    expect(bytesFor(true, 1_234_567, (random) => Math.round(random() * 300), 100)).toBeLessThanOrEqual(
      4 * 96,
    );
  });

  it('keeps a 1-decimal temperature within ~6 bits a sample', () => {
    expect(bytesFor(false, 450, (random) => Math.round((random() - 0.5) * 6), 10)).toBeLessThanOrEqual(
      2 * 96,
    );
  });

  it('keeps full-precision noise within Gorilla XOR cost (~6.5 bytes a sample)', () => {
    expect(bytesFor(false, 0, (random) => random(), 1)).toBeLessThanOrEqual(16 * 96);
  });
});
