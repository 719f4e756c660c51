import { LevelHeap } from './level-heap.js';
import type { CompiledNetwork } from './network-graph.js';

/** `hops`: every link costs 1 (all minimum-hop paths are used). `latency`: the propagation latency. */
export type RoutingMetric = 'hops' | 'latency';

/**
 * Every node's distance to one destination. `cost` is the metric; `hops` is the hop count of the
 * best path, the tie-break that keeps zero-latency links from forming equal-cost loops.
 */
export interface Distances {
  cost: Float64Array;
  hops: Int32Array;
}

/** Relative tolerance under which two path costs count as equal (float sums of latencies). */
export const equalCostTolerance = 1e-9;

export function sameCost(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= equalCostTolerance * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;
}

/** Distances to `destination` over live arcs; links are symmetric, so a search from it suffices. */
export function distancesTo(network: CompiledNetwork, destination: number, metric: RoutingMetric): Distances {
  const cost = new Float64Array(network.nodeCount).fill(Number.POSITIVE_INFINITY);
  const hops = new Int32Array(network.nodeCount).fill(-1);
  if (network.nodeFailed[destination]) return { cost, hops };
  cost[destination] = 0;
  hops[destination] = 0;
  if (metric === 'hops') breadthFirst(network, destination, cost, hops);
  else dijkstra(network, destination, cost, hops);
  return { cost, hops };
}

function breadthFirst(network: CompiledNetwork, start: number, cost: Float64Array, hops: Int32Array): void {
  const queue = new Int32Array(network.nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  while (head < tail) {
    const node = queue[head++]!;
    for (let k = network.outStart[node]!; k < network.outStart[node + 1]!; k++) {
      const next = network.arcHead[network.outArcs[k]!]!;
      if (hops[next] !== -1) continue;
      hops[next] = hops[node]! + 1;
      cost[next] = hops[next]!;
      queue[tail++] = next;
    }
  }
}

/** Lexicographic (latency, hops) Dijkstra with a binary heap and lazy deletion. */
function dijkstra(network: CompiledNetwork, start: number, cost: Float64Array, hops: Int32Array): void {
  const heap = new LevelHeap(network.outArcs.length + 1);
  heap.push(0, start, 0);
  const done = new Uint8Array(network.nodeCount);
  while (heap.size > 0) {
    const node = heap.topItem();
    heap.pop();
    if (done[node]) continue;
    done[node] = 1;
    for (let k = network.outStart[node]!; k < network.outStart[node + 1]!; k++) {
      const arc = network.outArcs[k]!;
      const next = network.arcHead[arc]!;
      if (done[next]) continue;
      const candidate = cost[node]! + network.arcLatency[arc]!;
      const candidateHops = hops[node]! + 1;
      // sameCost inlined: this is the hot loop. An unreached node has cost Infinity, so diff = −Infinity.
      const diff = candidate - cost[next]!;
      const tolerance = equalCostTolerance * candidate + 1e-15;
      if (diff > tolerance || (diff >= -tolerance && candidateHops >= hops[next]!)) continue;
      cost[next] = candidate;
      hops[next] = candidateHops;
      heap.push(candidate, next, candidateHops);
    }
  }
}
