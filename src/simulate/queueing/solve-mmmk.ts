import { IssueList } from './issue-list.js';

/** An M/M/m/K station: m servers and room for K jobs in total (K − m waiting); arrivals finding it full are lost. */
export interface MmmkInput {
  arrivalRate: number;
  serviceRate: number;
  servers: number;
  /** K ≥ m: the most jobs the station holds, in service and waiting. */
  capacity: number;
}

export interface MmmkResult {
  /** Probability the station is empty. */
  p0: number;
  /** p_K: probability it is full, which is the probability an arrival is lost (PASTA). */
  blocking: number;
  /** Accepted jobs per second, λ(1 − p_K). */
  throughput: number;
  /** Per-server utilisation of the accepted load, X/(mμ). */
  utilization: number;
  meanInSystem: number;
  meanInQueue: number;
  /** Mean response time of accepted jobs, N/X (1/μ when nothing arrives). */
  meanResponse: number;
  /** Mean wait of accepted jobs, L_q/X. */
  meanWait: number;
}

/** Exact steady state of M/M/m/K; always stable, whatever λ. */
export function solveMmmk(input: MmmkInput): MmmkResult {
  checkMmmkInput(input);
  const { arrivalRate, serviceRate, servers, capacity } = input;
  const probabilities = occupancyDistribution(arrivalRate / serviceRate, servers, capacity);
  let meanInSystem = 0;
  let meanInQueue = 0;
  probabilities.forEach((p, n) => {
    meanInSystem += n * p;
    meanInQueue += Math.max(0, n - servers) * p;
  });
  const blocking = probabilities[capacity] as number;
  const throughput = arrivalRate * (1 - blocking);
  const idle = throughput === 0;
  return {
    p0: probabilities[0] as number,
    blocking,
    throughput,
    utilization: throughput / (servers * serviceRate),
    meanInSystem,
    meanInQueue,
    meanResponse: idle ? 1 / serviceRate : meanInSystem / throughput,
    meanWait: idle ? 0 : meanInQueue / throughput,
  };
}

/**
 * p_n ∝ A^n / (n! for n ≤ m, m!·m^{n−m} beyond), built as logarithms and normalised from the
 * largest term, so neither a large load nor a large K overflows.
 */
function occupancyDistribution(load: number, servers: number, capacity: number): number[] {
  if (load === 0) return Array.from({ length: capacity + 1 }, (_, n) => (n === 0 ? 1 : 0));
  const logWeights = [0];
  for (let n = 1; n <= capacity; n++)
    logWeights.push((logWeights[n - 1] as number) + Math.log(load) - Math.log(Math.min(n, servers)));
  const largest = logWeights.reduce((max, logWeight) => Math.max(max, logWeight), Number.NEGATIVE_INFINITY);
  const weights = logWeights.map((logWeight) => Math.exp(logWeight - largest));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

function checkMmmkInput(input: MmmkInput): void {
  const issues = new IssueList();
  issues.number(input?.arrivalRate, 'arrivalRate', 0);
  issues.number(input?.serviceRate, 'serviceRate', 0, true);
  const servers = issues.positiveInteger(input?.servers, 'servers');
  if (issues.positiveInteger(input?.capacity, 'capacity') && servers && input.capacity < input.servers)
    issues.add('capacity', `must be at least the number of servers (${input.servers})`);
  issues.throwIfAny('invalid M/M/m/K station');
}
