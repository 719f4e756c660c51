/** Utilisation is capped here: past it a real queue grows without bound and requests time out. */
const maxUtilization = 0.995;
/** What a caller's timeout lets a request take at most. */
export const timeoutSeconds = 10;
/** ln(100): the 99th percentile of an exponential wait is 4.6 times its mean. */
const p99OfExponential = Math.log(100);
/** Service times have a tail too: their p99 is taken as 2.5 times their mean. */
const serviceTail = 2.5;

/**
 * The 99th-percentile response time of a replica with `cores` servers, each request needing
 * `serviceSeconds` of one core, at `utilization` (0 to 1): M/M/c with the Sakasegawa
 * approximation of the probability of waiting, ρ^(√(2(c+1)) − 1). Near ρ = 1 the wait grows
 * as 1/(1 − ρ): the knee every latency-versus-load curve shows.
 */
export function latencyP99Seconds(serviceSeconds: number, utilization: number, cores: number): number {
  const servers = Math.max(1, cores);
  const rho = Math.min(Math.max(utilization, 0), maxUtilization);
  const waitProbability = rho ** (Math.sqrt(2 * (servers + 1)) - 1);
  const meanWait = (waitProbability * serviceSeconds) / (servers * (1 - rho));
  return Math.min(timeoutSeconds, serviceTail * serviceSeconds + p99OfExponential * meanWait);
}
