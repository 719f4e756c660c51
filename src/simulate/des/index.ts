export { createStreams, RandomStream } from '../../model/index.js';
export type { ArrivalProcess } from './arrival-process.js';
export { compileArrivalProcess, nextArrivalTime } from './arrival-process.js';
export { batchEstimate, lag1Correlation } from './batch-estimate.js';
export type { Sampler } from './create-sampler.js';
export { createSampler, exponentialSampler } from './create-sampler.js';
export { distributionMoments } from './distribution-moments.js';
export type { DistributionSpec, DistributionType } from './distribution-spec.js';
export { assertDistribution, distributionIssues, distributionTypes } from './distribution-spec.js';
export { EventHeap } from './event-heap.js';
export { FifoQueue } from './fifo-queue.js';
export { mserTruncation } from './mser.js';
export type {
  ArrivalProcessSpec,
  ArrivalSpec,
  NetworkSpec,
  SimulationOptions,
  StationSpec,
} from './network-spec.js';
export { networkIssues, optionsIssues } from './network-spec.js';
export type { RateScheduleSpec } from './rate-schedule.js';
export { RateSchedule, rateScheduleIssues } from './rate-schedule.js';
export { selectQuantiles } from './select-quantiles.js';
export { simulateNetwork } from './simulate-network.js';
export type { StationModel } from './simulate-station.js';
export { simulateStation } from './simulate-station.js';
export type {
  Estimate,
  ResponseSummary,
  SimulationResult,
  StationResult,
  WarmupSummary,
} from './simulation-result.js';
export { normalQuantile, studentTQuantile } from './student-t.js';
export { trafficRates } from './traffic-equations.js';
