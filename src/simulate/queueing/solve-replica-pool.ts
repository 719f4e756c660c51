import { IssueList } from './issue-list.js';
import { type MmcResult, solveMmc } from './solve-mmc.js';

export interface ReplicaPoolInput {
  /** Requests per second reaching the pool. */
  arrivalRate: number;
  /** Seconds of one core that one request needs (the twin's `demandSeconds`). */
  demandSeconds: number;
  /** Cores serving the pool (replicas × cores each). */
  servers: number;
}

/** A pool of replicas seen as one M/M/c station with μ = 1/demand: the twin's usual question. */
export function solveReplicaPool(input: ReplicaPoolInput): MmcResult {
  const issues = new IssueList();
  issues.number(input?.demandSeconds, 'demandSeconds', 0, true);
  issues.throwIfAny('invalid replica pool');
  return solveMmc({
    arrivalRate: input.arrivalRate,
    serviceRate: 1 / input.demandSeconds,
    servers: input.servers,
  });
}
