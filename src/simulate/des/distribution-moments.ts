import type { DistributionSpec } from './distribution-spec.js';

/** The exact mean and coefficient of variation of a (valid) distribution. */
export function distributionMoments(spec: DistributionSpec): { mean: number; cv: number } {
  switch (spec.type) {
    case 'exponential':
      return { mean: spec.mean, cv: 1 };
    case 'deterministic':
      return { mean: spec.value, cv: 0 };
    case 'uniform': {
      const mean = (spec.min + spec.max) / 2;
      return { mean, cv: (spec.max - spec.min) / Math.sqrt(12) / mean };
    }
    case 'erlang':
      return { mean: spec.mean, cv: 1 / Math.sqrt(spec.k) };
    case 'gamma':
    case 'lognormal':
    case 'hyperexponential':
      return { mean: spec.mean, cv: spec.cv };
    case 'empirical':
      return sampleMoments(spec.samples);
  }
}

function sampleMoments(samples: readonly number[]): { mean: number; cv: number } {
  let sum = 0;
  for (const x of samples) sum += x;
  const mean = sum / samples.length;
  let squares = 0;
  for (const x of samples) squares += (x - mean) ** 2;
  // The resampling distribution itself: population variance, not the unbiased sample one.
  return { mean, cv: Math.sqrt(squares / samples.length) / mean };
}
