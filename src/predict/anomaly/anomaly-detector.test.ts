import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnomalyDetector } from './anomaly-detector.js';

const FIVE_MINUTES = 300_000;

/** A deterministic noise source so the tests do not depend on Math.random. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

function scoresOf(values: number[], step = FIVE_MINUTES): number[] {
  const detector = createAnomalyDetector();
  return values.map((value, index) => detector.update(index * step, value));
}

describe('createAnomalyDetector', () => {
  it('flags a spike after a steady noisy stretch, and says why', () => {
    const next = noise(7);
    const values = Array.from({ length: 1000 }, () => 50 + 2 * next());
    values[800] = 90;
    const detector = createAnomalyDetector();
    const scores = values.map((value, index) => detector.update(index * FIVE_MINUTES, value));
    const before = Math.max(...scores.slice(300, 800));
    expect(scores[800]).toBeGreaterThan(0.5);
    expect(scores[800]).toBeGreaterThan(before);
  });

  it('explains an alarm by what it expected', () => {
    const detector = createAnomalyDetector();
    const next = noise(3);
    for (let index = 0; index < 600; index++) detector.update(index * FIVE_MINUTES, 10 + next());
    const score = detector.update(600 * FIVE_MINUTES, 100);
    const evidence = detector.evidence();
    expect(score).toBeGreaterThan(0.5);
    expect(evidence.reason).toBe('novel-value');
    expect(evidence.value).toBe(100);
    expect(Math.abs(evidence.expected - 10)).toBeLessThan(2);
  });

  it('keeps quiet on a constant series and during warm-up', () => {
    expect(Math.max(...scoresOf(Array.from({ length: 2000 }, () => 42)))).toBe(0);
    expect(Math.max(...scoresOf([1, 1000, -5, 1e9, 3]))).toBe(0);
  });

  it('reports one alarm per episode, not every point of a level shift', () => {
    const next = noise(11);
    const values = Array.from({ length: 1200 }, (_, index) => (index < 700 ? 20 : 60) + next());
    const alarms = scoresOf(values).filter((score) => score >= 0.5).length;
    expect(alarms).toBeGreaterThanOrEqual(1);
    expect(alarms).toBeLessThanOrEqual(3);
  });

  it('scores every input in [0, 1]: NaN, huge values, irregular or repeated timestamps (property)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1e308, 1e308, 0, -0),
      fc.double({ min: -10, max: 10, noNaN: true }),
    );
    const point = fc.tuple(fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.constant(Number.NaN)), value);
    fc.assert(
      fc.property(fc.array(point, { maxLength: 400 }), (points) => {
        const detector = createAnomalyDetector({ warmupPoints: 5 });
        let time = 0;
        for (const [step, observed] of points) {
          time += step;
          const score = detector.update(time, observed);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('depends only on the points seen so far (online, property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const full = scoresOf([...values, 1e6, -1e6]).slice(0, values.length);
          expect(full).toEqual(scoresOf(values));
        },
      ),
    );
  });
});
