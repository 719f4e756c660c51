import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeriesStore } from './series-store.js';

/** In-order timestamps: irregular, regular with jitter, and gaps past the 2^31 ms delta limit. */
const timestampSteps = fc.oneof(
  { weight: 4, arbitrary: fc.constant(15_000) },
  { weight: 3, arbitrary: fc.integer({ min: 14_990, max: 15_010 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 100 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 33 }) },
);

/** Values the decimal path takes, values it must refuse (−0, noise bits), and anything else. */
const sampleValue = fc.oneof(
  fc.double({ noNaN: true }),
  fc.integer({ min: -1e9, max: 1e9 }).chain((k) => fc.integer({ min: 0, max: 6 }).map((d) => k / 10 ** d)),
  fc.constantFrom(
    0,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MIN_VALUE,
    2 ** 52,
    0.1 + 0.2,
  ),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
);

const series = fc.record({
  start: fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
  steps: fc.array(timestampSteps, { minLength: 1, maxLength: 400 }),
  values: fc.array(sampleValue, { minLength: 400, maxLength: 400 }),
  pageBytes: fc.constantFrom(32, 64, 128, 1024),
});

describe('sample codec', () => {
  it('round-trips any in-order (ts, float64) sequence bit for bit (property)', () => {
    fc.assert(
      fc.property(series, ({ start, steps, values, pageBytes }) => {
        const store = new SeriesStore({ retentionMs: 2 ** 60, pageBytes, maxBytesPerSeries: 2 ** 30 });
        const id = store.create(false);
        let ts = start;
        const expected: Array<[number, number]> = [];
        steps.forEach((step, i) => {
          ts += step;
          const value = values[i]!;
          expect(store.append(id, ts, value)).toBe('ok');
          expected.push([ts, value]);
        });
        const result = store.query(id, { start: -(2 ** 53) + 1, end: 2 ** 53 - 1 });
        expect(result.ts.length).toBe(expected.length);
        expected.forEach(([t, v], i) => {
          expect(result.ts[i]).toBe(t);
          expect(Object.is(result.values[i], v)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});
