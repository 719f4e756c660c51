import { mmcShape, responseQuantile } from '../queueing/mmc-response-quantile.js';

/** Response time of one replica: an M/M/c station whose servers are its cores. */
export interface ReplicaTimes {
  readonly stable: boolean;
  readonly mean: number;
  readonly variance: number;
  readonly p99: number;
}

const unstable: ReplicaTimes = {
  stable: false,
  mean: Number.POSITIVE_INFINITY,
  variance: Number.POSITIVE_INFINITY,
  p99: Number.POSITIVE_INFINITY,
};

/**
 * Mean, variance and exact p99 of the sojourn time W_q + S of an M/M/c station: S ~ Exp(μ) and
 * W_q is 0 with probability 1 − C, else Exp(cμ − λ), independent of S. So the mean is
 * 1/μ + C/θ and the variance 1/μ² + (2C − C²)/θ², with θ = cμ − λ.
 */
export function replicaTimes(arrivalRate: number, serviceRate: number, servers: number): ReplicaTimes {
  if (!(serviceRate > 0)) return unstable;
  const shape = mmcShape({ arrivalRate, serviceRate, servers });
  if (!shape) return unstable;
  const { pWait, drainRate } = shape;
  const mean = 1 / serviceRate + pWait / drainRate;
  const variance = 1 / (serviceRate * serviceRate) + (2 * pWait - pWait * pWait) / (drainRate * drainRate);
  return { stable: true, mean, variance, p99: responseQuantile(shape, 0.99) };
}
