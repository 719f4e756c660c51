import type { RandomStream } from '../../model/index.js';
import type { DistributionSpec } from './distribution-spec.js';

/** Draws one value from `random`; allocates nothing per call. */
export type Sampler = (random: RandomStream) => number;

/** A sampler for a valid spec (validate first with `assertDistribution`). */
export function createSampler(spec: DistributionSpec): Sampler {
  switch (spec.type) {
    case 'exponential':
      return exponentialSampler(spec.mean);
    case 'deterministic': {
      const value = spec.value;
      return () => value;
    }
    case 'uniform': {
      const { min } = spec;
      const width = spec.max - spec.min;
      return (random) => min + width * random.nextDouble();
    }
    case 'erlang':
      return erlangSampler(spec.mean, spec.k);
    case 'gamma':
      return gammaSampler(spec.mean, spec.cv);
    case 'lognormal':
      return lognormalSampler(spec.mean, spec.cv);
    case 'hyperexponential':
      return hyperexponentialSampler(spec.mean, spec.cv);
    case 'empirical':
      return empiricalSampler(spec.samples);
  }
}

/** Inversion: 1 − U lies in (0, 1], so the logarithm is finite. */
export function exponentialSampler(mean: number): Sampler {
  return (random) => -mean * Math.log(1 - random.nextDouble());
}

/** A sum of k exponentials as one logarithm of a product of uniforms, rescaled before it underflows. */
function erlangSampler(mean: number, k: number): Sampler {
  const phaseMean = mean / k;
  return (random) => {
    let logSum = 0;
    let product = 1;
    for (let i = 0; i < k; i++) {
      product *= 1 - random.nextDouble();
      if (product < 1e-280) {
        logSum += Math.log(product);
        product = 1;
      }
    }
    return -phaseMean * (logSum + Math.log(product));
  };
}

/**
 * Marsaglia & Tsang (2000) for shape ≥ 1; below 1, a draw at shape + 1 times U^(1/shape)
 * (their boosting step), since the squeeze needs shape ≥ 1.
 */
function gammaSampler(mean: number, cv: number): Sampler {
  const shape = 1 / (cv * cv);
  const scale = mean / shape;
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const inverseShape = 1 / shape;
  return (random) => {
    let value: number;
    for (;;) {
      const x = random.nextNormal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = 1 - random.nextDouble();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        value = d * v;
        break;
      }
    }
    if (boosted) value *= (1 - random.nextDouble()) ** inverseShape;
    return value * scale;
  };
}

/** exp(N(μ, σ²)) with σ² = ln(1 + cv²) and μ = ln(mean) − σ²/2, so the mean is exactly `mean`. */
function lognormalSampler(mean: number, cv: number): Sampler {
  const variance = Math.log(1 + cv * cv);
  const mu = Math.log(mean) - variance / 2;
  const sigma = Math.sqrt(variance);
  return (random) => Math.exp(mu + sigma * random.nextNormal());
}

/**
 * Balanced means (p₁/μ₁ = p₂/μ₂): p₁ = (1 + √((cv² − 1)/(cv² + 1)))/2, phase means mean/(2pᵢ);
 * the one H2 fixed by its first two moments without a third.
 */
function hyperexponentialSampler(mean: number, cv: number): Sampler {
  const c2 = cv * cv;
  const p1 = (1 + Math.sqrt((c2 - 1) / (c2 + 1))) / 2;
  const mean1 = mean / (2 * p1);
  const mean2 = mean / (2 * (1 - p1));
  return (random) => {
    const phaseMean = random.nextDouble() < p1 ? mean1 : mean2;
    return -phaseMean * Math.log(1 - random.nextDouble());
  };
}

function empiricalSampler(samples: readonly number[]): Sampler {
  const values = Float64Array.from(samples);
  const count = values.length;
  return (random) => values[Math.floor(random.nextDouble() * count)]!;
}
