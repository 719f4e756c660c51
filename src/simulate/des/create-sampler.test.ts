import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../model/index.js';
import { createSampler } from './create-sampler.js';
import { distributionMoments } from './distribution-moments.js';
import type { DistributionSpec } from './distribution-spec.js';

function sampleMoments(
  spec: DistributionSpec,
  n: number,
  seed: number,
): { mean: number; cv: number; min: number } {
  const sample = createSampler(spec);
  const random = RandomStream.fromSeed(seed);
  let sum = 0;
  let squares = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = sample(random);
    sum += x;
    squares += x * x;
    min = Math.min(min, x);
  }
  const mean = sum / n;
  return { mean, cv: Math.sqrt(squares / n - mean * mean) / mean, min };
}

const mean = fc.double({ min: 0.01, max: 100, noNaN: true });
// Bounded cvs: the sample cv of a heavier tail converges too slowly for a 100 000-draw check.
const specs: fc.Arbitrary<DistributionSpec> = fc.oneof(
  mean.map((m) => ({ type: 'exponential' as const, mean: m })),
  fc.tuple(mean, fc.double({ min: 0.05, max: 1, noNaN: true })).map(([max, share]) => ({
    type: 'uniform' as const,
    min: max * share * 0.99,
    max,
  })),
  fc.tuple(mean, fc.integer({ min: 1, max: 40 })).map(([m, k]) => ({ type: 'erlang' as const, mean: m, k })),
  fc
    .tuple(mean, fc.double({ min: 0.1, max: 3, noNaN: true }))
    .map(([m, cv]) => ({ type: 'gamma' as const, mean: m, cv })),
  fc.tuple(mean, fc.double({ min: 0.1, max: 1.5, noNaN: true })).map(([m, cv]) => ({
    type: 'lognormal' as const,
    mean: m,
    cv,
  })),
  fc.tuple(mean, fc.double({ min: 1.05, max: 3, noNaN: true })).map(([m, cv]) => ({
    type: 'hyperexponential' as const,
    mean: m,
    cv,
  })),
);

describe('createSampler', () => {
  it('draws with the mean and cv its spec states (100 000 draws, fixed seeds)', () => {
    fc.assert(
      fc.property(specs, fc.integer({ min: 0, max: 1000 }), (spec, seed) => {
        const exact = distributionMoments(spec);
        const measured = sampleMoments(spec, 100_000, seed);
        expect(measured.min).toBeGreaterThanOrEqual(0);
        // About 6 standard errors of the mean; the cv's error depends on the kurtosis, 8 % covers these.
        expect(Math.abs(measured.mean / exact.mean - 1)).toBeLessThan(
          6 * (exact.cv / Math.sqrt(100_000)) + 1e-9,
        );
        expect(Math.abs(measured.cv - exact.cv)).toBeLessThan(0.08 * exact.cv + 1e-3);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('is exact where it should be', () => {
    const random = RandomStream.fromSeed(1);
    expect(createSampler({ type: 'deterministic', value: 2.5 })(random)).toBe(2.5);
    const empirical = createSampler({ type: 'empirical', samples: [1, 2, 4] });
    const seen = new Set(Array.from({ length: 200 }, () => empirical(random)));
    expect([...seen].sort()).toEqual([1, 2, 4]);
    expect(sampleMoments({ type: 'empirical', samples: [1, 2, 4] }, 300_000, 2).mean).toBeCloseTo(7 / 3, 2);
  });

  it('keeps an Erlang of many phases finite (its product of uniforms would underflow)', () => {
    const measured = sampleMoments({ type: 'erlang', mean: 5, k: 2000 }, 5_000, 4);
    expect(measured.mean).toBeCloseTo(5, 1);
    expect(measured.cv).toBeCloseTo(1 / Math.sqrt(2000), 2);
  });

  it('reproduces draws for a seed', () => {
    const draw = (seed: number) => {
      const sample = createSampler({ type: 'gamma', mean: 1, cv: 2 });
      const random = RandomStream.fromSeed(seed);
      return Array.from({ length: 10 }, () => sample(random));
    };
    expect(draw(8)).toEqual(draw(8));
    expect(draw(8)).not.toEqual(draw(9));
  });
});
