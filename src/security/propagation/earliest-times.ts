// Earliest times in one trial of the attack (docs/attack.md, Monte Carlo propagation).
//
// Given which AND nodes succeed in this trial, the time of a node is the earliest attacker step at
// which it holds:
//   LEAF  0 (unless a fix removes it: never);
//   AND   max(times of its premises) + steps, if it succeeds in this trial; never otherwise;
//   OR    min over its AND nodes.
// Nodes that never hold get NEVER. This is the least fixpoint of deriveAll with times attached: a
// node has a finite time exactly when deriveAll (with the same successes) says it holds, and the
// time is the cheapest finite derivation tree. Cycles are harmless, as in deriveAll.
//
// max(…) + steps and min are monotone and never decrease below their arguments, so Dijkstra's
// order is exact (Knuth's generalisation to "superior functions"): nodes are settled in
// nondecreasing time, an AND node is settled when its last premise is (its counter of missing
// premises reaches 0, as in deriveAll), and that last premise carries the max. Times are small
// integers and an AND adds at most 255 (`steps` is a Uint8Array), so the priority queue is Dial's
// circular bucket queue of 256 buckets: every node is pushed at most once, into the bucket of its
// final time; a zero-step AND lands in the bucket being emptied and is settled in the same pass
// (or, concluding a single OR node, settles that directly). A whole pass is
// O(nodes + edges + largest time), with no allocation.

import { type AttackGraph, type Consumers, consumersOf, NodeType } from '../graph/attack-graph.js';

/** The time of a node that does not hold (within the horizon). */
export const NEVER = 0xffff_ffff;

/** More than the largest `steps` an AND node can have, so pending times never share a bucket. */
const BUCKETS = 256;
const SLOT = BUCKETS - 1;

/** Which AND nodes succeed in a trial: successes[and] = 1, or a predicate. */
export type Successes = Uint8Array | ((andNode: number) => boolean);

export interface EarliestTimeOptions {
  /** removed[f] = 1: fix f is applied, so its leaves never hold. */
  readonly removedFixes?: Uint8Array;
  /** Reuse across solvers on one graph. */
  readonly consumers?: Consumers;
}

/** How a settled node's consumer reacts (see `EarliestTimeSolver`). */
const Edge = {
  /** An AND node with several premises left: count this one off. */
  Counter: 0,
  /** An AND node whose only premise (besides leaves) this is: it fires now. */
  Single: 1,
  /** Flag: the AND node takes no steps and concludes one OR node, which it settles at once. */
  Inline: 2,
  /** An OR node: settled now if not yet. */
  Or: 4,
} as const;

/**
 * Computes earliest times trial after trial on one graph, with no allocation per trial: the work
 * arrays are made once. `solve` returns the solver's own time array, valid until the next call.
 *
 * The constructor compiles the graph for speed, without changing the answer. Leaves hold at time 0
 * in every trial, so they are never queued: an AND node counts only its other premises, and one
 * with a removed leaf never holds. Each node gets a list of edges to its consumers that says what
 * to do when it settles: settle an OR node; count a premise off an AND node; fire an AND node
 * whose only premise it is, without a counter; and for an AND node of zero steps that concludes a
 * single OR node (MulVAL's network-access and inference rules), settle that OR node directly
 * instead of queuing the AND node. The steps of the AND node are kept in the edge.
 */
export class EarliestTimeSolver {
  readonly graph: AttackGraph;
  /** Edges of node q: edgeStart[q] … edgeStart[q + 1], each with its target, kind and datum. */
  private readonly edgeStart: Uint32Array;
  private readonly edgeTarget: Uint32Array;
  private readonly edgeKind: Uint8Array;
  /** Inline edges: the OR node the AND node concludes; others: the AND node's steps. */
  private readonly edgeDatum: Uint32Array;
  /** Per AND node, its premises other than holding leaves. */
  private readonly initialMissing: Uint32Array;
  /** 0 for holding leaves, NEVER elsewhere. */
  private readonly initialTime: Uint32Array;
  /** AND nodes whose premises are all holding leaves (or that have none). */
  private readonly sources: Uint32Array;
  /** OR nodes with a holding leaf as premise: not in the model's graphs, but they hold at 0. */
  private readonly orSources: Uint32Array;
  private readonly time: Uint32Array;
  private readonly missing: Uint32Array;
  /** The bucket queue: singly linked lists through `next`, one head per bucket; −1 ends a list. */
  private readonly next: Int32Array;
  private readonly head: Int32Array;
  /** For a predicate or no successes: the successes as an array. */
  private readonly scratch: Uint8Array;

  constructor(graph: AttackGraph, options: EarliestTimeOptions = {}) {
    this.graph = graph;
    const n = graph.nodeCount;
    const { type, steps, premiseStart, premises, leafFix } = graph;
    const consumers = options.consumers ?? consumersOf(graph);
    const removed = options.removedFixes;
    const holdingLeaf = (node: number) => {
      if (type[node] !== NodeType.Leaf) return false;
      const fix = leafFix[node] as number;
      return fix < 0 || removed === undefined || removed[fix] !== 1;
    };
    // Premises left per AND node once holding leaves are counted off; −1: a removed leaf, never.
    const rest = new Int32Array(n);
    this.initialTime = new Uint32Array(n).fill(NEVER);
    const sources: number[] = [];
    const orSources: number[] = [];
    for (let node = 0; node < n; node++) {
      if (holdingLeaf(node)) this.initialTime[node] = 0;
      if (type[node] === NodeType.Or) {
        const from = premiseStart[node] as number;
        if (premises.subarray(from, premiseStart[node + 1]).some(holdingLeaf)) orSources.push(node);
      }
      if (type[node] !== NodeType.And) continue;
      if ((steps[node] as number) >= BUCKETS)
        throw new RangeError(`AND node ${node} takes over ${SLOT} steps`);
      let left = 0;
      for (let p = premiseStart[node] as number; p < (premiseStart[node + 1] as number); p++) {
        const premise = premises[p] as number;
        if (holdingLeaf(premise)) continue;
        if (type[premise] === NodeType.Leaf) {
          left = -1;
          break;
        }
        left++;
      }
      rest[node] = left;
      if (left === 0) sources.push(node);
    }
    this.sources = Uint32Array.from(sources);
    this.orSources = Uint32Array.from(orSources);
    this.initialMissing = Uint32Array.from(rest, (left) => Math.max(left, 0));

    const edgeStart = new Uint32Array(n + 1);
    const targets: number[] = [];
    const kinds: number[] = [];
    const data: number[] = [];
    for (let node = 0; node < n; node++) {
      if (type[node] !== NodeType.Leaf) {
        for (let c = consumers.start[node] as number; c < (consumers.start[node + 1] as number); c++) {
          const consumer = consumers.nodes[c] as number;
          if (type[consumer] === NodeType.Or) {
            targets.push(consumer);
            kinds.push(Edge.Or);
            data.push(0);
          } else if (type[consumer] === NodeType.And && (rest[consumer] as number) > 0) {
            const conclusion = soleOrConsumer(graph, consumers, consumer);
            const inline = steps[consumer] === 0 && conclusion >= 0;
            targets.push(consumer);
            kinds.push((rest[consumer] === 1 ? Edge.Single : Edge.Counter) | (inline ? Edge.Inline : 0));
            data.push(inline ? conclusion : (steps[consumer] as number));
          }
        }
      }
      edgeStart[node + 1] = targets.length;
    }
    this.edgeStart = edgeStart;
    this.edgeTarget = Uint32Array.from(targets);
    this.edgeKind = Uint8Array.from(kinds);
    this.edgeDatum = Uint32Array.from(data);
    this.time = new Uint32Array(n);
    this.missing = new Uint32Array(n);
    this.next = new Int32Array(n);
    this.head = new Int32Array(BUCKETS).fill(-1);
    this.scratch = new Uint8Array(n);
  }

  /**
   * The earliest time of every node (NEVER when it does not hold). `successes` says which AND
   * nodes succeed; omitted, all do (as deriveAll without `succeeds`). A predicate is asked once
   * for every AND node, in node order. With a finite `horizon`, nodes whose time would exceed it
   * get NEVER and the pass stops there: "holds within `horizon` steps".
   */
  solve(successes?: Successes, horizon = Number.POSITIVE_INFINITY): Uint32Array {
    if (!(horizon >= 0)) throw new RangeError(`horizon must be at least 0, got ${horizon}`);
    const succ = this.successArray(successes);
    const { edgeStart, edgeTarget, edgeKind, edgeDatum, time, missing, next, head, sources, orSources } =
      this;
    const steps = this.graph.steps;
    time.set(this.initialTime);
    missing.set(this.initialMissing);
    let pending = 0;
    for (let i = 0; i < orSources.length; i++) {
      const or = orSources[i] as number;
      time[or] = 0;
      next[or] = head[0] as number;
      head[0] = or;
      pending++;
    }
    for (let i = 0; i < sources.length; i++) {
      const and = sources[i] as number;
      const at = steps[and] as number;
      if (succ[and] !== 1 || at > horizon) continue;
      time[and] = at;
      next[and] = head[at & SLOT] as number;
      head[at & SLOT] = and;
      pending++;
    }
    for (let t = 0; pending > 0; t++) {
      const slot = t & SLOT;
      let node = head[slot] as number;
      while (node !== -1) {
        head[slot] = next[node] as number;
        pending--;
        const end = edgeStart[node + 1] as number;
        for (let e = edgeStart[node] as number; e < end; e++) {
          let target = edgeTarget[e] as number;
          const kind = edgeKind[e] as number;
          if (kind !== Edge.Or) {
            if ((kind & Edge.Single) === 0) {
              const left = (missing[target] as number) - 1;
              missing[target] = left;
              if (left !== 0) continue;
            }
            // The AND node's last premise settles now, at the max of their times.
            if (succ[target] !== 1) continue;
            if ((kind & Edge.Inline) === 0) {
              const at = t + (edgeDatum[e] as number);
              if (at > horizon) continue;
              time[target] = at;
              next[target] = head[at & SLOT] as number;
              head[at & SLOT] = target;
              pending++;
              continue;
            }
            time[target] = t;
            target = edgeDatum[e] as number;
          }
          // An OR node: the first of its AND nodes to settle gives the minimum, so it settles now.
          if (time[target] !== NEVER) continue;
          time[target] = t;
          next[target] = head[slot] as number;
          head[slot] = target;
          pending++;
        }
        node = head[slot] as number;
      }
    }
    return time;
  }

  private successArray(successes: Successes | undefined): Uint8Array {
    if (successes instanceof Uint8Array) {
      if (successes.length < this.graph.nodeCount)
        throw new RangeError(`successes has ${successes.length} entries for ${this.graph.nodeCount} nodes`);
      return successes;
    }
    const { type, nodeCount } = this.graph;
    const scratch = this.scratch;
    for (let node = 0; node < nodeCount; node++) {
      scratch[node] = type[node] === NodeType.And && (successes === undefined || successes(node)) ? 1 : 0;
    }
    return scratch;
  }
}

/** The one consumer of an AND node when that is an OR node; −1 otherwise. */
function soleOrConsumer(graph: AttackGraph, consumers: Consumers, and: number): number {
  const first = consumers.start[and] as number;
  if ((consumers.start[and + 1] as number) - first !== 1) return -1;
  const consumer = consumers.nodes[first] as number;
  return graph.type[consumer] === NodeType.Or ? consumer : -1;
}

export interface EarliestTimesOptions extends EarliestTimeOptions {
  /** Only times up to this count; later ones are Infinity. */
  readonly horizon?: number;
}

/** One trial's earliest times as a fresh array, Infinity for nodes that never hold. */
export function earliestTimes(
  graph: AttackGraph,
  successes?: Successes,
  options: EarliestTimesOptions = {},
): Float64Array {
  const time = new EarliestTimeSolver(graph, options).solve(successes, options.horizon);
  const result = new Float64Array(graph.nodeCount);
  for (let node = 0; node < graph.nodeCount; node++) {
    const t = time[node] as number;
    result[node] = t === NEVER ? Number.POSITIVE_INFINITY : t;
  }
  return result;
}
