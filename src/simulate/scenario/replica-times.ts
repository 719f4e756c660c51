import { mmcShape, responseQuantile, waitQuantile } from '../queueing/mmc-response-quantile.js';
import { gammaQuantile } from './gamma-quantile.js';

/** Response time of one replica: a queue whose servers are its cores. */
export interface ReplicaTimes {
  readonly stable: boolean;
  readonly mean: number;
  readonly variance: number;
  readonly p95: number;
  readonly p99: number;
}

const unstable: ReplicaTimes = {
  stable: false,
  mean: Number.POSITIVE_INFINITY,
  variance: Number.POSITIVE_INFINITY,
  p95: Number.POSITIVE_INFINITY,
  p99: Number.POSITIVE_INFINITY,
};

/**
 * Mean, variance and p99 of the sojourn time W_q + S of a replica with `servers` cores.
 *
 * With exponential service (scv = 1) it is M/M/c, exactly: S ~ Exp(μ), W_q is 0 with
 * probability C (Erlang C), else Exp(θ) with θ = cμ − λ; mean 1/μ + C/θ, variance
 * 1/μ² + (2C − C²)/θ², and the exact p99.
 *
 * Otherwise M/G/c by Allen–Cunneen: the wait of M/M/c scaled by k = (1 + scv)/2 (the waiting
 * time stays 0 with probability 1 − C and is exponential with mean k/θ beyond), the service time
 * has variance scv/μ²; the p99 is that of the wait plus the mean service time, or of a gamma with
 * the same mean and variance, whichever is larger.
 */
export function replicaTimes(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  scv = 1,
  withP99 = true,
  withP95 = true,
): ReplicaTimes {
  if (!(serviceRate > 0)) return unstable;
  const shape = mmcShape({ arrivalRate, serviceRate, servers });
  if (!shape) return unstable;
  const k = (1 + scv) / 2;
  const { pWait } = shape;
  const drainRate = shape.drainRate / k;
  const service = 1 / serviceRate;
  const mean = service + pWait / drainRate;
  const variance = scv * service * service + (2 * pWait - pWait * pWait) / (drainRate * drainRate);
  // The percentiles need a root search: callers that only compare replicas skip it.
  if (!withP99) return { stable: true, mean, variance, p95: Number.NaN, p99: Number.NaN };
  if (scv === 1) {
    return {
      stable: true,
      mean,
      variance,
      p95: withP95 ? responseQuantile(shape, 0.95) : Number.NaN,
      p99: responseQuantile(shape, 0.99),
    };
  }
  const quantile = (q: number) =>
    Math.max(service + waitQuantile({ ...shape, drainRate }, q), gammaQuantile(mean, variance, q));
  return { stable: true, mean, variance, p95: withP95 ? quantile(0.95) : Number.NaN, p99: quantile(0.99) };
}
