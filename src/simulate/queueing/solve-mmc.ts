import { checkMmcInput, type MmcInput } from './mmc-input.js';
import { mmcShape, responseQuantile } from './mmc-response-quantile.js';

export interface MmcResult {
  /** λ < cμ: the queue has a steady state. */
  stable: boolean;
  /** ρ = λ/(cμ), per server; reported even when ≥ 1. */
  utilization: number;
  /** Erlang C: probability an arrival waits (1 when unstable). */
  pWait: number;
  /** Mean time in queue W_q, seconds. */
  meanWait: number;
  /** Mean response (sojourn) time W_q + 1/μ, seconds. */
  meanResponse: number;
  /** L_q = λ·W_q. */
  meanInQueue: number;
  /** L = λ·R. */
  meanInSystem: number;
  p50Response: number;
  p95Response: number;
  p99Response: number;
}

/** Exact steady state of an M/M/c FCFS station; times are Infinity when λ ≥ cμ. */
export function solveMmc(input: MmcInput): MmcResult {
  checkMmcInput(input);
  const { arrivalRate, serviceRate, servers } = input;
  const utilization = arrivalRate / (servers * serviceRate);
  const shape = mmcShape(input);
  if (!shape) return unstableResult(utilization);
  const meanWait = shape.pWait / shape.drainRate;
  const meanResponse = meanWait + 1 / serviceRate;
  return {
    stable: true,
    utilization,
    pWait: shape.pWait,
    meanWait,
    meanResponse,
    meanInQueue: arrivalRate * meanWait,
    meanInSystem: arrivalRate * meanResponse,
    p50Response: responseQuantile(shape, 0.5),
    p95Response: responseQuantile(shape, 0.95),
    p99Response: responseQuantile(shape, 0.99),
  };
}

function unstableResult(utilization: number): MmcResult {
  const infinity = Number.POSITIVE_INFINITY;
  return {
    stable: false,
    utilization,
    pWait: 1,
    meanWait: infinity,
    meanResponse: infinity,
    meanInQueue: infinity,
    meanInSystem: infinity,
    p50Response: infinity,
    p95Response: infinity,
    p99Response: infinity,
  };
}
