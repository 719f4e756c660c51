// Exact analytic queueing solvers: single stations (M/M/c, M/M/m/K), open Jackson networks and
// closed product-form networks (exact MVA, convolution, Bard–Schweitzer, multiclass MVA).
// Formulas, units and limits: docs/queueing.md.

export type {
  ClosedNetworkInput,
  ClosedNetworkResult,
  ClosedStation,
  ClosedStationResult,
} from './closed-network-input.js';
export { erlangB } from './erlang-b.js';
export { erlangC } from './erlang-c.js';
export type { FindRootOptions } from './find-root.js';
export { findRoot } from './find-root.js';
export type { MmcInput } from './mmc-input.js';
export { mmcResponseQuantile, mmcResponseSurvival, mmcWaitQuantile } from './mmc-response-quantile.js';
export { solveClosedNetwork } from './solve-closed-network.js';
export type { ConvolutionResult } from './solve-closed-network-convolution.js';
export { solveClosedNetworkConvolution } from './solve-closed-network-convolution.js';
export type { SchweitzerOptions, SchweitzerResult } from './solve-closed-network-schweitzer.js';
export { solveClosedNetworkSchweitzer } from './solve-closed-network-schweitzer.js';
export type { MmcResult } from './solve-mmc.js';
export { solveMmc } from './solve-mmc.js';
export type { MmmkInput, MmmkResult } from './solve-mmmk.js';
export { solveMmmk } from './solve-mmmk.js';
export type { MulticlassClosedInput, MulticlassClosedResult } from './solve-multiclass-closed-network.js';
export { solveMulticlassClosedNetwork } from './solve-multiclass-closed-network.js';
export type { OpenNetworkInput, OpenNetworkResult, OpenStationResult } from './solve-open-network.js';
export { solveOpenNetwork } from './solve-open-network.js';
export type {
  ClosedCaseResult,
  MmcCaseResult,
  OpenCaseResult,
  QueueingCaseResult,
} from './solve-queueing-case.js';
export { solveQueueingCase, solveQueueingCases } from './solve-queueing-case.js';
export type { ReplicaPoolInput } from './solve-replica-pool.js';
export { solveReplicaPool } from './solve-replica-pool.js';
