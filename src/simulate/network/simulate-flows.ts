import { InputError, type InputIssue } from '../../model/index.js';
import { createRouteScratch, type EcmpRoute, ecmpRoute } from './ecmp-route.js';
import { defaultLinkQueueModel, type LinkQueueModel, linkDelaySeconds } from './link-delay.js';
import { type FairShareFlow, maxMinFairShare } from './max-min-fair.js';
import {
  type CompiledNetwork,
  compileNetwork,
  type LinkDirection,
  type NetworkGraph,
} from './network-graph.js';
import { distancesTo, type RoutingMetric } from './shortest-distances.js';

export interface NetworkFlow {
  id: string;
  source: string;
  destination: string;
  /** Offered rate in bit/s; Infinity for an elastic flow that takes whatever it can get. */
  demandBps: number;
}

export interface NetworkSimulationOptions {
  /** Default `hops`. */
  metric?: RoutingMetric;
  failedLinks?: readonly string[];
  failedNodes?: readonly string[];
  queue?: Partial<LinkQueueModel>;
}

export interface LinkDirectionResult {
  loadBps: number;
  utilisation: number;
  saturated: boolean;
  /** Queueing + transmission delay of a packet on this direction (propagation excluded). */
  delaySeconds: number;
}

export interface LinkResult {
  id: string;
  failed: boolean;
  /** a → b */
  forward: LinkDirectionResult;
  /** b → a */
  reverse: LinkDirectionResult;
}

export interface FlowResult {
  id: string;
  reachable: boolean;
  demandBps: number;
  allocatedBps: number;
  /** Got its whole demand. */
  satisfied: boolean;
  /** Mean over the flow's packets of Σ (propagation + link delay); Infinity when unreachable. */
  meanLatencySeconds: number;
  /** The slowest of its equal-cost paths. */
  worstLatencySeconds: number;
  /** For a flow short of its demand: the saturated links on its route that hold it back. */
  bottlenecks: string[];
}

export interface NetworkSimulationResult {
  links: LinkResult[];
  flows: FlowResult[];
  saturatedLinks: { id: string; direction: LinkDirection }[];
  unreachable: string[];
}

/**
 * Routes every flow over equal-cost shortest paths (ECMP), shares the links max-min fairly with
 * demand caps, and reports link loads, flow rates and latencies. A failure is a removed link or
 * node: flows re-route over what is left, or are reported unreachable.
 */
export function simulateFlows(
  graph: NetworkGraph,
  flows: readonly NetworkFlow[],
  options: NetworkSimulationOptions = {},
): NetworkSimulationResult {
  const network = compileNetwork(graph, options);
  const metric = options.metric ?? 'hops';
  const queue = { ...defaultLinkQueueModel, ...options.queue };
  const routes = routeFlows(network, flows, metric);
  const shareFlows = flows.map(
    (flow, f): FairShareFlow => ({
      demand: routes[f] ? flow.demandBps : 0,
      resources: routes[f]?.arcs ?? [],
      fractions: routes[f]?.fractions ?? [],
    }),
  );
  const share = maxMinFairShare(network.arcCapacity, shareFlows);
  const arcDelay = Float64Array.from(network.arcCapacity, (capacity, arc) =>
    linkDelaySeconds(capacity > 0 ? share.loads[arc]! / capacity : 1, capacity, queue),
  );
  const latency = routeLatencies(network, arcDelay);
  return {
    links: graph.links.map((link, k) => ({
      id: link.id,
      failed: !isLive(network, 2 * k),
      forward: directionResult(network, share, arcDelay, 2 * k),
      reverse: directionResult(network, share, arcDelay, 2 * k + 1),
    })),
    flows: flows.map((flow, f) =>
      flowResult(graph, flow, routes[f], share.rates[f]!, share.saturated, latency),
    ),
    saturatedLinks: [...share.saturated.keys()]
      .filter((arc) => share.saturated[arc] === 1)
      .map((arc) => ({ id: graph.links[arc >> 1]!.id, direction: arc % 2 === 0 ? 'forward' : 'reverse' })),
    unreachable: flows.filter((_, f) => routes[f] === undefined).map((flow) => flow.id),
  };
}

/** One shortest-path search per destination, one route per distinct (source, destination). */
function routeFlows(
  network: CompiledNetwork,
  flows: readonly NetworkFlow[],
  metric: RoutingMetric,
): (EcmpRoute | undefined)[] {
  const ends = flowEnds(network, flows);
  const byDestination = new Map<number, number[]>();
  ends.forEach(([, destination], f) => {
    const list = byDestination.get(destination);
    if (list) list.push(f);
    else byDestination.set(destination, [f]);
  });
  const routes: (EcmpRoute | undefined)[] = new Array(flows.length);
  const scratch = createRouteScratch(network.nodeCount);
  for (const [destination, members] of byDestination) {
    const distances = distancesTo(network, destination, metric);
    const bySource = new Map<number, EcmpRoute | undefined>();
    for (const f of members) {
      const source = ends[f]![0];
      if (!bySource.has(source)) bySource.set(source, ecmpRoute(network, distances, metric, source, scratch));
      routes[f] = bySource.get(source);
    }
  }
  return routes;
}

function flowEnds(network: CompiledNetwork, flows: readonly NetworkFlow[]): [number, number][] {
  const issues: InputIssue[] = [];
  const ends = flows.map((flow, f): [number, number] => {
    const source = network.nodeIndex.get(flow.source);
    const destination = network.nodeIndex.get(flow.destination);
    if (source === undefined) issues.push({ field: `flows[${f}].source`, message: `no node ${flow.source}` });
    if (destination === undefined) {
      issues.push({ field: `flows[${f}].destination`, message: `no node ${flow.destination}` });
    }
    if (!(flow.demandBps >= 0)) issues.push({ field: `flows[${f}].demandBps`, message: 'must be ≥ 0' });
    return [source ?? 0, destination ?? 0];
  });
  if (issues.length > 0) throw new InputError('invalid flows', issues);
  return ends;
}

function isLive(network: CompiledNetwork, arc: number): boolean {
  return (
    !network.linkFailed[arc >> 1] &&
    !network.nodeFailed[network.arcTail[arc]!] &&
    !network.nodeFailed[network.arcHead[arc]!]
  );
}

function directionResult(
  network: CompiledNetwork,
  share: { loads: Float64Array; saturated: Uint8Array },
  arcDelay: Float64Array,
  arc: number,
): LinkDirectionResult {
  const capacity = network.arcCapacity[arc]!;
  const loadBps = share.loads[arc]!;
  return {
    loadBps,
    utilisation: capacity > 0 ? loadBps / capacity : 0,
    saturated: share.saturated[arc] === 1,
    delaySeconds: arcDelay[arc]!,
  };
}

function flowResult(
  graph: NetworkGraph,
  flow: NetworkFlow,
  route: EcmpRoute | undefined,
  allocatedBps: number,
  saturated: Uint8Array,
  latency: (route: EcmpRoute) => { mean: number; worst: number },
): FlowResult {
  const base = { id: flow.id, demandBps: flow.demandBps };
  if (!route) {
    const never = Number.POSITIVE_INFINITY;
    return {
      ...base,
      reachable: false,
      allocatedBps: 0,
      satisfied: flow.demandBps === 0,
      meanLatencySeconds: never,
      worstLatencySeconds: never,
      bottlenecks: [],
    };
  }
  const { mean, worst } = latency(route);
  const satisfied = allocatedBps >= flow.demandBps * (1 - 1e-9);
  const bottlenecks = new Set<string>();
  if (!satisfied)
    for (const arc of route.arcs) if (saturated[arc]) bottlenecks.add(graph.links[arc >> 1]!.id);
  return {
    ...base,
    reachable: true,
    allocatedBps,
    satisfied,
    meanLatencySeconds: mean,
    worstLatencySeconds: worst,
    bottlenecks: [...bottlenecks],
  };
}

/**
 * Mean latency = Σ fraction × arc latency (a packet's expected sum, by linearity); worst = the
 * longest path of the DAG, one pass because the route lists arcs in topological order.
 */
function routeLatencies(network: CompiledNetwork, arcDelay: Float64Array) {
  const worstAt = new Float64Array(network.nodeCount);
  // Flows between the same two nodes share one route object: compute its latency once.
  const known = new Map<EcmpRoute, { mean: number; worst: number }>();
  return (route: EcmpRoute) => {
    let result = known.get(route);
    if (!result) {
      result = routeLatency(network, route, arcDelay, worstAt);
      known.set(route, result);
    }
    return result;
  };
}

function routeLatency(
  network: CompiledNetwork,
  route: EcmpRoute,
  arcDelay: Float64Array,
  worstAt: Float64Array,
) {
  // Reset only the nodes this route touches; the array is shared across flows.
  for (const arc of route.arcs) worstAt[network.arcTail[arc]!] = worstAt[network.arcHead[arc]!] = 0;
  let mean = 0;
  let worst = 0;
  for (let k = 0; k < route.arcs.length; k++) {
    const arc = route.arcs[k]!;
    const delay = network.arcLatency[arc]! + arcDelay[arc]!;
    mean += route.fractions[k]! * delay;
    const reach = worstAt[network.arcTail[arc]!]! + delay;
    const head = network.arcHead[arc]!;
    if (reach > worstAt[head]!) worstAt[head] = reach;
    if (reach > worst) worst = reach;
  }
  return { mean, worst };
}
