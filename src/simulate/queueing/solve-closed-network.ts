import {
  type ClosedNetworkInput,
  type ClosedNetworkModel,
  type ClosedNetworkResult,
  closedNetworkModel,
  closedNetworkResult,
} from './closed-network-input.js';
import { logNormalizationConstants } from './log-normalization-constants.js';

/**
 * Exact mean value analysis of a closed single-class network, population 1 … N.
 *
 * Single-server stations: R_k(n) = D_k·(1 + Q_k(n−1)). Delay stations: R_k = D_k.
 * m-server stations (Bolch et al. §8.2, load-dependent MVA):
 *   R_k(n) = D_k/m · (1 + Q_k(n−1) + Σ_{j=0}^{m−2} (m−j−1)·p_k(j | n−1)),
 *   p_k(j | n) = D_k·X(n)/j · p_k(j−1 | n−1) for 1 ≤ j < m,
 *   p_k(0 | n) = 1 − (D_k·X(n) + Σ_{j=1}^{m−1} (m−j)·p_k(j | n)) / m.
 * The marginals at n are built from a copy of those at n − 1: updating them in place reads
 * p(j−1 | n) where p(j−1 | n−1) is meant — invisible with m = 2, wrong with m = 3 (Bolch Ex. 8.1).
 *
 * p_k(0 | n) is NOT taken as the textbook complement above: near saturation it is a tiny
 * difference of numbers near 1, and the recursion multiplies its rounding error by up to
 * m^j/j! per step (m = 3, N = 200 lost five digits; m = 16, N = 80 was 40 % off). It is
 * p_k(0 | n) = G_{−k}(n)/G(n), a ratio of sums of positive terms, exact to rounding.
 */
export function solveClosedNetwork(input: ClosedNetworkInput): ClosedNetworkResult {
  const model = closedNetworkModel(input);
  const { demands, population, thinkTime } = model;
  // A station with at least N servers never queues: it is a delay station for this population.
  const servers = model.servers.map((m) => (m >= population ? Number.POSITIVE_INFINITY : m));
  const multiServer = servers.map((m) => Number.isFinite(m) && m > 1);
  const emptyProbability = emptyProbabilities(model, servers, multiServer);
  let marginals = servers.map((m, k) => (multiServer[k] ? initialMarginals(m) : []));
  let queueLengths = demands.map(() => 0);
  let residenceTimes = [...demands];
  let throughput = 0;
  for (let n = 1; n <= population; n++) {
    residenceTimes = demands.map((demand, k) =>
      residenceTime(demand, servers[k] as number, queueLengths[k] as number, marginals[k] as number[]),
    );
    throughput = n / (thinkTime + residenceTimes.reduce((sum, time) => sum + time, 0));
    queueLengths = residenceTimes.map((time) => throughput * time);
    marginals = marginals.map((previous, k) =>
      nextMarginals(previous, (demands[k] as number) * throughput, emptyProbability[k]?.(n) ?? 0),
    );
  }
  return closedNetworkResult(model, throughput, residenceTimes, queueLengths);
}

function initialMarginals(servers: number): number[] {
  return Array.from({ length: servers }, (_, j) => (j === 0 ? 1 : 0));
}

function residenceTime(demand: number, servers: number, queueLength: number, marginals: number[]): number {
  if (!Number.isFinite(servers)) return demand;
  if (servers === 1) return demand * (1 + queueLength);
  let idleCorrection = 0;
  for (let j = 0; j <= servers - 2; j++) idleCorrection += (servers - j - 1) * (marginals[j] as number);
  return (demand / servers) * (1 + queueLength + idleCorrection);
}

/** p(· | n) from p(· | n−1) (a fresh array: see the note on in-place updates above). */
function nextMarginals(previous: number[], busyServers: number, empty: number): number[] {
  const servers = previous.length;
  if (servers === 0) return previous;
  const next = new Array<number>(servers).fill(0);
  next[0] = empty;
  for (let j = 1; j < servers; j++) next[j] = (busyServers / j) * (previous[j - 1] as number);
  return next;
}

/** n ↦ p_k(0 | n) = G_{−k}(n)/G(n) for the multi-server stations (think time is a delay station). */
function emptyProbabilities(
  model: ClosedNetworkModel,
  servers: number[],
  multiServer: boolean[],
): Array<((n: number) => number) | undefined> {
  if (!multiServer.some(Boolean)) return [];
  const { demands, population, thinkTime } = model;
  const { logG, logComplements } = logNormalizationConstants(
    [...demands, thinkTime],
    [...servers, Number.POSITIVE_INFINITY],
    population,
    multiServer,
  );
  return multiServer.map((isMulti, k) => {
    const complement = logComplements[k];
    return isMulti && complement
      ? (n: number) => Math.exp((complement[n] as number) - (logG[n] as number))
      : undefined;
  });
}
