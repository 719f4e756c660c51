/**
 * Normalisation constants of a closed product-form network, as logarithms so that large
 * populations neither overflow nor underflow. Station k contributes f_k(j) = D_k^j / Π_{i≤j} min(i, m_k)
 * (m_k = Infinity for a delay station); G is the convolution of all f_k. Every term is positive,
 * so the sums are numerically stable.
 */
export interface LogNormalizationConstants {
  /** ln f_k(j), j = 0 … N, per station. */
  logFactors: number[][];
  /** ln G(n), n = 0 … N. */
  logG: number[];
  /** ln G_{−k}(n): the network without station k, for the stations asked for (others undefined). */
  logComplements: Array<number[] | undefined>;
}

/**
 * G and, for each station with `wantComplement[k]`, G_{−k} as the convolution of the prefix
 * (stations before k) and suffix (after k) products: no deconvolution, which would cancel.
 */
export function logNormalizationConstants(
  demands: readonly number[],
  servers: readonly number[],
  population: number,
  wantComplement: readonly boolean[] = [],
): LogNormalizationConstants {
  const logFactors = demands.map((demand, k) => logStationFactor(demand, servers[k] as number, population));
  const prefix = [logUnit(population)];
  for (const factor of logFactors) prefix.push(logConvolve(prefix.at(-1) as number[], factor));
  const suffix = [logUnit(population)];
  for (const factor of [...logFactors].reverse()) suffix.unshift(logConvolve(factor, suffix[0] as number[]));
  const logComplements = logFactors.map((_, k) =>
    wantComplement[k] ? logConvolve(prefix[k] as number[], suffix[k + 1] as number[]) : undefined,
  );
  return { logFactors, logG: prefix.at(-1) as number[], logComplements };
}

/** ln f(j), j = 0 … n, for a station of `servers` servers (Infinity: delay) and demand D. */
function logStationFactor(demand: number, servers: number, n: number): number[] {
  const factor = [0];
  for (let j = 1; j <= n; j++)
    factor.push((factor[j - 1] as number) + Math.log(demand) - Math.log(Math.min(j, servers)));
  return factor;
}

function logUnit(n: number): number[] {
  return Array.from({ length: n + 1 }, (_, j) => (j === 0 ? 0 : Number.NEGATIVE_INFINITY));
}

/** ln of the convolution of two sequences given by their logarithms (log-sum-exp per term). */
function logConvolve(a: readonly number[], b: readonly number[]): number[] {
  return a.map((_, n) => {
    let largest = Number.NEGATIVE_INFINITY;
    for (let j = 0; j <= n; j++) largest = Math.max(largest, (a[j] as number) + (b[n - j] as number));
    if (largest === Number.NEGATIVE_INFINITY) return largest;
    let sum = 0;
    for (let j = 0; j <= n; j++) sum += Math.exp((a[j] as number) + (b[n - j] as number) - largest);
    return largest + Math.log(sum);
  });
}
