export type { EcmpRoute, RouteScratch } from './ecmp-route.js';
export { createRouteScratch, ecmpRoute, nextHopArcs } from './ecmp-route.js';
export type { LinkQueueModel } from './link-delay.js';
export { defaultLinkQueueModel, linkDelaySeconds } from './link-delay.js';
export type { FairShareFlow, FairShareResult } from './max-min-fair.js';
export { maxMinFairShare } from './max-min-fair.js';
export type {
  CompiledNetwork,
  LinkDirection,
  NetworkFailures,
  NetworkGraph,
  NetworkLink,
  NetworkNode,
} from './network-graph.js';
export { compileNetwork } from './network-graph.js';
export type { Distances, RoutingMetric } from './shortest-distances.js';
export { distancesTo } from './shortest-distances.js';
export type {
  FlowResult,
  LinkDirectionResult,
  LinkResult,
  NetworkFlow,
  NetworkSimulationOptions,
  NetworkSimulationResult,
} from './simulate-flows.js';
export { simulateFlows } from './simulate-flows.js';
