import { IssueList } from './issue-list.js';

/** One M/M/c station: Poisson arrivals, exponential service, `servers` identical servers, FCFS. */
export interface MmcInput {
  /** λ, arrivals per second. */
  arrivalRate: number;
  /** μ, completions per second of one server. */
  serviceRate: number;
  servers: number;
}

export function checkMmcInput(input: MmcInput): void {
  const issues = new IssueList();
  issues.number(input?.arrivalRate, 'arrivalRate', 0);
  issues.number(input?.serviceRate, 'serviceRate', 0, true);
  issues.positiveInteger(input?.servers, 'servers');
  issues.throwIfAny('invalid M/M/c station');
}

/** Checks a probability level for a quantile: 0 ≤ q < 1 (q = 1 would be an infinite time). */
export function checkQuantileLevel(q: number): void {
  const issues = new IssueList();
  if (!(typeof q === 'number' && q >= 0 && q < 1)) issues.add('q', 'must be a number in [0, 1)');
  issues.throwIfAny('invalid quantile level');
}
