import { checkErlangArguments, erlangB } from './erlang-b.js';

/**
 * Erlang C: the probability that an arrival has to wait in an M/M/c queue with offered load
 * A = λ/μ erlangs. It is 1 when A ≥ c (the queue grows without bound, everyone waits).
 *
 * C = B / (1 − ρ(1 − B)) with ρ = A/c: derived from the stable Erlang B, so it holds for
 * thousands of servers and for loads just below c.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  checkErlangArguments(servers, offeredLoad);
  const rho = offeredLoad / servers;
  if (rho >= 1) return 1;
  const blocking = erlangB(servers, offeredLoad);
  return blocking / (1 - rho * (1 - blocking));
}
