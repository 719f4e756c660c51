import { type AttackGraph, type Consumers, consumersOf, NodeType } from './attack-graph.js';

export interface DeriveOptions {
  /** removed[f] = 1: fix f is applied, so its leaves do not hold. */
  readonly removedFixes?: Uint8Array;
  /** An AND node that holds when its premises do only if this says so (a sampled success). */
  readonly succeeds?: (andNode: number) => boolean;
  /** Reuse across calls on one graph. */
  readonly consumers?: Consumers;
}

/**
 * The least fixpoint: which nodes hold. Leaves hold unless fixed; an AND node when all its
 * premises hold (and it succeeds); an OR node when any of its AND nodes holds. A worklist from the
 * leaves, so each premise edge is looked at once: O(nodes + edges).
 */
export function deriveAll(graph: AttackGraph, options: DeriveOptions = {}): Uint8Array {
  const { type, premiseStart, leafFix } = graph;
  const consumers = options.consumers ?? consumersOf(graph);
  const holds = new Uint8Array(graph.nodeCount);
  const missing = new Uint32Array(graph.nodeCount);
  const queue = new Uint32Array(graph.nodeCount);
  let tail = 0;
  for (let node = 0; node < graph.nodeCount; node++) {
    const t = type[node];
    if (t === NodeType.Leaf) {
      const fix = leafFix[node] as number;
      if (fix < 0 || !options.removedFixes || options.removedFixes[fix] !== 1) {
        holds[node] = 1;
        queue[tail++] = node;
      }
    } else if (t === NodeType.And) {
      missing[node] = (premiseStart[node + 1] as number) - (premiseStart[node] as number);
      if (missing[node] === 0 && (!options.succeeds || options.succeeds(node))) {
        holds[node] = 1;
        queue[tail++] = node;
      }
    }
  }
  for (let head = 0; head < tail; head++) {
    const node = queue[head] as number;
    for (let c = consumers.start[node] as number; c < (consumers.start[node + 1] as number); c++) {
      const consumer = consumers.nodes[c] as number;
      if (holds[consumer] === 1) continue;
      if (type[consumer] === NodeType.Or) {
        holds[consumer] = 1;
        queue[tail++] = consumer;
      } else {
        const left = (missing[consumer] as number) - 1;
        missing[consumer] = left;
        if (left > 0 || (options.succeeds && !options.succeeds(consumer))) continue;
        holds[consumer] = 1;
        queue[tail++] = consumer;
      }
    }
  }
  return holds;
}
