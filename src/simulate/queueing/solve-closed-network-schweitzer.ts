import {
  type ClosedNetworkInput,
  type ClosedNetworkResult,
  closedNetworkModel,
  closedNetworkResult,
} from './closed-network-input.js';
import { IssueList } from './issue-list.js';

export interface SchweitzerOptions {
  /** Stop when no queue length moves by more than this between iterations. Default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
}

export interface SchweitzerResult extends ClosedNetworkResult {
  iterations: number;
  converged: boolean;
}

/**
 * Bard–Schweitzer approximate MVA: assumes an arriving job sees (N−1)/N of the time-average
 * queue, R_k = D_k·(1 + (N−1)/N·Q_k), and iterates to the fixed point. O(K) per iteration
 * whatever N, where exact MVA is O(K·N): the choice for thousands of users. Typically within a
 * few percent of exact; single-server and delay stations only.
 */
export function solveClosedNetworkSchweitzer(
  input: ClosedNetworkInput,
  options: SchweitzerOptions = {},
): SchweitzerResult {
  const model = closedNetworkModel(input);
  const issues = new IssueList();
  model.servers.forEach((m, k) => {
    if (Number.isFinite(m) && m !== 1)
      issues.add(`stations[${k}].servers`, 'Bard–Schweitzer supports single-server and delay stations only');
  });
  issues.throwIfAny('invalid closed network for Bard–Schweitzer MVA');
  const { demands, servers, population: n, thinkTime } = model;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1_000_000;
  const share = n === 0 ? 0 : (n - 1) / n;
  let queueLengths = demands.map(() => n / Math.max(1, demands.length));
  let residenceTimes = [...demands];
  let throughput = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    residenceTimes = demands.map((d, k) =>
      Number.isFinite(servers[k]) ? d * (1 + share * (queueLengths[k] as number)) : d,
    );
    const cycle = thinkTime + residenceTimes.reduce((sum, time) => sum + time, 0);
    throughput = cycle > 0 ? n / cycle : 0;
    const next = residenceTimes.map((time) => throughput * time);
    const change = Math.max(0, ...next.map((q, k) => Math.abs(q - (queueLengths[k] as number))));
    queueLengths = next;
    if (change <= tolerance)
      return {
        ...closedNetworkResult(model, throughput, residenceTimes, queueLengths),
        iterations: iteration,
        converged: true,
      };
  }
  return {
    ...closedNetworkResult(model, throughput, residenceTimes, queueLengths),
    iterations: maxIterations,
    converged: false,
  };
}
