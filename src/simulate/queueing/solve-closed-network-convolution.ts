import {
  type ClosedNetworkInput,
  type ClosedNetworkResult,
  closedNetworkModel,
  closedNetworkResult,
} from './closed-network-input.js';
import { logNormalizationConstants } from './log-normalization-constants.js';

export interface ConvolutionResult extends ClosedNetworkResult {
  /** G(0 … N), think time included as a delay station; Infinity once a value overflows a double. */
  normalizationConstants: number[];
  /** ln G(0 … N): always finite. */
  logNormalizationConstants: number[];
}

/**
 * Buzen's convolution algorithm with load-dependent (multi-server and delay) stations, the
 * independent cross-check of solveClosedNetwork: X0 = G(N−1)/G(N), and the marginal
 * p_k(j | N) = f_k(j)·G_{−k}(N−j)/G(N) gives Q_k = Σ j·p_k(j | N).
 */
export function solveClosedNetworkConvolution(input: ClosedNetworkInput): ConvolutionResult {
  const model = closedNetworkModel(input);
  const { demands, servers, population: n, thinkTime } = model;
  const withThinking = thinkTime > 0;
  const constants = logNormalizationConstants(
    withThinking ? [...demands, thinkTime] : demands,
    withThinking ? [...servers, Number.POSITIVE_INFINITY] : servers,
    n,
    demands.map(() => true),
  );
  const { logG, logFactors, logComplements } = constants;
  const logGN = logG[n] as number;
  const throughput = n === 0 ? 0 : Math.exp((logG[n - 1] as number) - logGN);
  const queueLengths = demands.map((_, k) => {
    const factor = logFactors[k] as number[];
    const others = logComplements[k] as number[];
    let mean = 0;
    for (let j = 1; j <= n; j++)
      mean += j * Math.exp((factor[j] as number) + (others[n - j] as number) - logGN);
    return mean;
  });
  const residenceTimes = queueLengths.map((q, k) =>
    throughput > 0 ? q / throughput : (demands[k] as number),
  );
  return {
    ...closedNetworkResult(model, throughput, residenceTimes, queueLengths),
    normalizationConstants: logG.map(Math.exp),
    logNormalizationConstants: logG,
  };
}
