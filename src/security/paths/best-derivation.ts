import { type AttackGraph, type Consumers, consumersOf, NodeType } from '../graph/attack-graph.js';
import { NodeHeap } from './node-heap.js';

/** What a derivation costs: −log of its probability, or the attacker actions it takes. */
export type DerivationCost = 'likelihood' | 'steps';

export interface BestDerivations {
  /** Per node, the cost of its cheapest derivation tree; Infinity where it cannot be derived. */
  readonly cost: Float64Array;
  /** Per OR node, the AND node of its cheapest derivation; −1 where none. */
  readonly choice: Int32Array;
}

/**
 * The cheapest derivation of every node at once: Knuth's generalisation of Dijkstra's algorithm to
 * AND/OR graphs (Knuth 1977, "A generalization of Dijkstra's algorithm"). An AND node costs its own
 * step plus the sum of its premises' costs, an OR node its cheapest AND node; both are monotone, so
 * nodes settle in cost order and cycles need no special care. A subtree used twice counts twice:
 * the tree cost, as published attack-graph rankings use.
 */
export function bestDerivations(
  graph: AttackGraph,
  costKind: DerivationCost,
  options: { readonly consumers?: Consumers; readonly removedFixes?: Uint8Array } = {},
): BestDerivations {
  const n = graph.nodeCount;
  const consumers = options.consumers ?? consumersOf(graph);
  const cost = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const choice = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  const missing = new Uint32Array(n);
  const heap = new NodeHeap(Math.max(16, n >> 2));
  const own = (node: number) =>
    costKind === 'steps' ? (graph.steps[node] as number) : -Math.log(graph.probability[node] as number);
  for (let node = 0; node < n; node++) {
    const type = graph.type[node];
    if (type === NodeType.Leaf) {
      const fix = graph.leafFix[node] as number;
      if (fix >= 0 && options.removedFixes?.[fix] === 1) continue;
      cost[node] = 0;
      heap.push(0, node);
    } else if (type === NodeType.And) {
      missing[node] = (graph.premiseStart[node + 1] as number) - (graph.premiseStart[node] as number);
      if (missing[node] === 0) {
        cost[node] = own(node);
        heap.push(cost[node] as number, node);
      }
    }
  }
  while (heap.size > 0) {
    const node = heap.pop();
    if (settled[node] === 1 || heap.lastKey > (cost[node] as number)) continue;
    settled[node] = 1;
    for (let c = consumers.start[node] as number; c < (consumers.start[node + 1] as number); c++) {
      const consumer = consumers.nodes[c] as number;
      if (settled[consumer] === 1) continue;
      if (graph.type[consumer] === NodeType.Or) {
        if ((cost[node] as number) < (cost[consumer] as number)) {
          cost[consumer] = cost[node] as number;
          choice[consumer] = node;
          heap.push(cost[node] as number, consumer);
        }
        continue;
      }
      const left = (missing[consumer] as number) - 1;
      missing[consumer] = left;
      if (left > 0) continue;
      let total = own(consumer);
      for (
        let p = graph.premiseStart[consumer] as number;
        p < (graph.premiseStart[consumer + 1] as number);
        p++
      )
        total += cost[graph.premises[p] as number] as number;
      cost[consumer] = total;
      heap.push(total, consumer);
    }
  }
  return { cost, choice };
}
