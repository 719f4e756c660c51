import { IssueList } from './issue-list.js';

/**
 * Erlang B: the probability that an arrival finds all `servers` busy in an M/M/c/c loss system
 * with offered load `offeredLoad` = λ/μ erlangs.
 *
 * The recursion B_k = A·B_{k−1} / (k + A·B_{k−1}) keeps every term in [0, 1]; the textbook
 * formula A^c/c! / Σ A^k/k! overflows long before c = 200.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  checkErlangArguments(servers, offeredLoad);
  let blocking = 1;
  for (let k = 1; k <= servers; k++) {
    blocking = (offeredLoad * blocking) / (k + offeredLoad * blocking);
    // Once it underflows it stays 0: stop early so a huge pool with a small load is O(load).
    if (blocking === 0) break;
  }
  return blocking;
}

export function checkErlangArguments(servers: number, offeredLoad: number): void {
  const issues = new IssueList();
  issues.positiveInteger(servers, 'servers');
  issues.number(offeredLoad, 'offeredLoad', 0);
  issues.throwIfAny('invalid Erlang arguments');
}
