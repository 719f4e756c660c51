// The minimal hardening set: the cheapest set of fixes that cuts every attack path to the goals.
export type {
  BruteForceHardeningOptions,
  BruteForceHardeningResult,
} from './brute-force-hardening.js';
export { bruteForceHardening } from './brute-force-hardening.js';
export type { ExactHardeningOptions, ExactHardeningResult } from './exact-hardening.js';
export {
  defaultMaxSolutions,
  defaultTimeLimitSeconds,
  exactHardening,
  hardeningLp,
} from './exact-hardening.js';
export type { GreedyHardeningOptions, GreedyHardeningResult } from './greedy-hardening.js';
export { greedyHardening, greedyNodeThreshold } from './greedy-hardening.js';
export type { HardeningResult, MinimalHardeningOptions } from './minimal-hardening.js';
export { minimalHardeningSet } from './minimal-hardening.js';
export type { RelevantSubgraph, RelevantSubgraphOptions } from './relevant-subgraph.js';
export { relevantSubgraph } from './relevant-subgraph.js';
