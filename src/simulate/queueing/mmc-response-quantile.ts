import { erlangC } from './erlang-c.js';
import { findRoot } from './find-root.js';
import { checkMmcInput, checkQuantileLevel, type MmcInput } from './mmc-input.js';

/**
 * The q-quantile of the response (sojourn) time of an M/M/c FCFS station, in seconds.
 * Infinity when the station is unstable (λ ≥ cμ).
 */
export function mmcResponseQuantile(input: MmcInput, q: number): number {
  checkMmcInput(input);
  checkQuantileLevel(q);
  const shape = mmcShape(input);
  return shape ? responseQuantile(shape, q) : Number.POSITIVE_INFINITY;
}

/**
 * The q-quantile of the waiting time in queue: P(W_q > t) = C·e^{−(cμ−λ)t}, so it is exactly 0
 * while the probability of waiting C is at most 1 − q.
 */
export function mmcWaitQuantile(input: MmcInput, q: number): number {
  checkMmcInput(input);
  checkQuantileLevel(q);
  const shape = mmcShape(input);
  return shape ? waitQuantile(shape, q) : Number.POSITIVE_INFINITY;
}

/** P(response time > t) of a stable M/M/c station; 1 for an unstable one. */
export function mmcResponseSurvival(input: MmcInput, t: number): number {
  checkMmcInput(input);
  const shape = mmcShape(input);
  if (!shape) return 1;
  return t <= 0 ? 1 : Math.exp(logResponseSurvival(shape, t));
}

/** What the time distributions depend on: C = P(wait), the queue drain rate cμ − λ, and μ. */
export interface MmcShape {
  pWait: number;
  drainRate: number;
  serviceRate: number;
}

/** The shape of a stable station, or undefined when λ ≥ cμ. */
export function mmcShape(input: MmcInput): MmcShape | undefined {
  const { arrivalRate, serviceRate, servers } = input;
  const drainRate = servers * serviceRate - arrivalRate;
  if (!(drainRate > 0)) return undefined;
  return { pWait: erlangC(servers, arrivalRate / serviceRate), drainRate, serviceRate };
}

export function waitQuantile(shape: MmcShape, q: number): number {
  if (shape.pWait <= 1 - q) return 0;
  return (Math.log(shape.pWait) - Math.log1p(-q)) / shape.drainRate;
}

/**
 * Inverts the exact survival function by a bracketing root finder on its logarithm: the log is
 * nearly linear in t, so Brent converges in a few steps even for q = 0.9999.
 */
export function responseQuantile(shape: MmcShape, q: number): number {
  if (q === 0) return 0;
  const target = Math.log1p(-q);
  const excess = (t: number) => logResponseSurvival(shape, t) - target;
  let upper = 1 / shape.serviceRate + shape.pWait / shape.drainRate;
  for (let doubling = 0; excess(upper) > 0 && doubling < 2000; doubling++) upper *= 2;
  return findRoot(excess, 0, upper);
}

/**
 * ln P(W_q + S > t), where W_q is 0 with probability 1 − C and Exp(δ = cμ − λ) otherwise, and
 * S ~ Exp(μ). With a = min(δ, μ), b = max(δ, μ):
 *   P(Exp(δ) + Exp(μ) > t) = (b·e^{−at} − a·e^{−bt})/(b − a) = e^{−at}·(1 + a·t·(1 − e^{−y})/y), y = (b − a)t,
 * which is continuous at δ = μ (the Erlang-2 case, where it becomes e^{−μt}(1 + μt)) and has
 * neither cancellation nor overflow: every term is positive and no exponent is positive.
 */
export function logResponseSurvival(shape: MmcShape, t: number): number {
  const { pWait, drainRate, serviceRate } = shape;
  const a = Math.min(drainRate, serviceRate);
  const y = Math.abs(drainRate - serviceRate) * t;
  const spread = y === 0 ? 1 : -Math.expm1(-y) / y;
  const queued = pWait * (1 + a * t * spread);
  const served = (1 - pWait) * Math.exp(-(serviceRate - a) * t);
  return -a * t + Math.log(queued + served);
}
