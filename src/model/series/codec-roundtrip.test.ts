import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeriesStore } from './series-store.js';

/**
 * Sequences built from segments of telemetry-like behaviour, so that every adaptive choice of the
 * codec (predictor, short codes, joint code, window reuse and sign modes, scale-ups, the XOR
 * fallback, window carry-over between pages) is reached and switched back and forth.
 */
type Behaviour = (previous: number, random: () => number) => number;
type Step = { dt: number; value: Behaviour };

/** A seeded generator, so that fast-check can replay and shrink a failure. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const timestampStep = fc.oneof(
  { weight: 6, arbitrary: fc.constant(15_000) },
  { weight: 3, arbitrary: fc.integer({ min: 14_990, max: 15_010 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 100 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 33 }) },
);

const decimals = fc.integer({ min: 0, max: 7 });
const behaviour = fc.oneof<fc.Arbitrary<Behaviour>[]>(
  fc.constant((previous: number) => previous),
  decimals.chain((d) =>
    fc.integer({ min: 0, max: 10 ** 7 }).map((step) => (previous: number, random: () => number) => {
      const scale = 10 ** d;
      return (Math.round(previous * scale) + Math.floor(random() * step)) / scale;
    }),
  ),
  decimals.chain((d) =>
    fc.integer({ min: 1, max: 2 ** 20 }).map((step) => (previous: number, random: () => number) => {
      const scale = 10 ** d;
      return (Math.round(previous * scale) + Math.round((random() - 0.5) * step)) / scale;
    }),
  ),
  fc.constant((_: number, random: () => number) => random() * 1e6),
  fc.double({ noNaN: true }).map((x) => () => x),
  fc.constantFrom(0, -0, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 5e-324, 0.1 + 0.2).map((x) => () => x),
  fc
    .integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 })
    .map((x) => (previous: number) => (Number.isFinite(previous) && Math.abs(previous) < 2 ** 40 ? x : 0)),
);

const segment = fc
  .record({ dt: timestampStep, value: behaviour, length: fc.integer({ min: 1, max: 120 }), regular: fc.boolean() })
  .chain(({ dt, value, length, regular }) =>
    regular
      ? fc.constant(Array.from({ length }, (): Step => ({ dt, value })))
      : fc.array(
          timestampStep.map((step): Step => ({ dt: step, value })),
          { minLength: length, maxLength: length },
        ),
  );

const sequence = fc.record({
  start: fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
  first: fc.double({ noNaN: true, min: -1e12, max: 1e12 }),
  segments: fc.array(segment, { minLength: 1, maxLength: 6 }),
  pageBytes: fc.constantFrom(32, 64, 128, 1024),
  seed: fc.integer(),
});

function sameBits(a: number, b: number): boolean {
  return Object.is(a, b);
}

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
        for (const step of segments.flat()) {
          ts += step.dt;
          value = step.value(value, random);
          if (Number.isNaN(value)) value = 0;
          expect(store.append(id, ts, value)).toBe('ok');
          expected.push([ts, value]);
        }
        const result = store.query(id, { start: -(2 ** 53) + 1, end: 2 ** 53 - 1 });
        expect(result.ts.length).toBe(expected.length);
        for (let i = 0; i < expected.length; i++) {
          const [t, v] = expected[i]!;
          if (result.ts[i] !== t || !sameBits(result.values[i]!, v)) {
            expect([i, result.ts[i], result.values[i]]).toEqual([i, t, v]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
