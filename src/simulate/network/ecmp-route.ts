import type { CompiledNetwork } from './network-graph.js';
import { type Distances, type RoutingMetric, sameCost } from './shortest-distances.js';

/**
 * How one unit of a flow spreads over the arcs: `arcs[k]` carries `fractions[k]` of it. Arcs are
 * listed in hop order from the source (each arc after every arc into its tail), so one pass over
 * them is a topological walk of the flow's equal-cost DAG.
 */
export interface EcmpRoute {
  arcs: Int32Array;
  fractions: Float64Array;
}

/** Scratch arrays reused across routes to one destination, so a route costs only its own size. */
export interface RouteScratch {
  share: Float64Array;
  seen: Int32Array;
  stamp: number;
}

export function createRouteScratch(nodeCount: number): RouteScratch {
  return { share: new Float64Array(nodeCount), seen: new Int32Array(nodeCount).fill(-1), stamp: 0 };
}

/**
 * The equal-cost multipath route of a flow from `source` to the destination of `distances`, or
 * undefined when unreachable. At each node the flow is split equally over its equal-cost next-hop
 * arcs, as a router hashing many flows spreads them (per hop, not per path: an unbalanced DAG gives
 * paths unequal shares). Parallel links are separate next hops.
 */
export function ecmpRoute(
  network: CompiledNetwork,
  distances: Distances,
  metric: RoutingMetric,
  source: number,
  scratch: RouteScratch,
): EcmpRoute | undefined {
  const { hops } = distances;
  if (hops[source] === -1 || network.nodeFailed[source]) return undefined;
  const stamp = ++scratch.stamp;
  const arcs: number[] = [];
  const fractions: number[] = [];
  let level = [source];
  scratch.share[source] = 1;
  scratch.seen[source] = stamp;
  while (level.length > 0 && hops[level[0]!]! > 0) {
    const next: number[] = [];
    for (const node of level) {
      const nextHops = nextHopArcs(network, distances, metric, node);
      if (nextHops.length === 0) continue;
      const share = scratch.share[node]! / nextHops.length;
      for (const arc of nextHops) {
        const head = network.arcHead[arc]!;
        arcs.push(arc);
        fractions.push(share);
        if (scratch.seen[head] !== stamp) {
          scratch.seen[head] = stamp;
          scratch.share[head] = 0;
          next.push(head);
        }
        scratch.share[head]! += share;
      }
    }
    level = next;
  }
  return { arcs: Int32Array.from(arcs), fractions: Float64Array.from(fractions) };
}

/** Live out-arcs of `node` that lie on a best path: one hop closer and, by latency, cost-consistent. */
export function nextHopArcs(
  network: CompiledNetwork,
  distances: Distances,
  metric: RoutingMetric,
  node: number,
): number[] {
  const { cost, hops } = distances;
  const result: number[] = [];
  for (let k = network.outStart[node]!; k < network.outStart[node + 1]!; k++) {
    const arc = network.outArcs[k]!;
    const head = network.arcHead[arc]!;
    if (hops[head] !== hops[node]! - 1) continue;
    if (metric === 'latency' && !sameCost(cost[head]! + network.arcLatency[arc]!, cost[node]!)) continue;
    result.push(arc);
  }
  return result;
}
