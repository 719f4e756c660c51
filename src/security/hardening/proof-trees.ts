import { type AttackGraph, type Consumers, consumersOf, NodeType } from '../graph/attack-graph.js';

// Proof trees: the derivations a defender has to break. A fixpoint run from the leaves with a FIFO
// queue derives nodes level by level; recording, for each OR node, the premise that first made it
// hold gives each derived node a derivation of least depth among those the run found ("shortest
// derivation by levels"). A goal's proof tree follows those records down: an OR node to that
// premise, an AND node to all its premises. Its fixes are the fixes of the leaves it reaches, and
// any set of fixes that cuts the goal applies at least one of them (otherwise the tree still
// derives the goal).

/** Proof trees as sets of fixes, with the trees each fix is in. */
export class TreeStore {
  private readonly starts: number[] = [0];
  private readonly flat: number[] = [];
  private readonly byFix: (number[] | undefined)[];
  private readonly known = new Set<string>();

  constructor(fixCount: number) {
    this.byFix = new Array(fixCount);
  }

  get count(): number {
    return this.starts.length - 1;
  }

  /** Adds a tree unless the same set of fixes is already kept. */
  add(fixes: number[]): boolean {
    fixes.sort((a, b) => a - b);
    const key = fixes.join(',');
    if (this.known.has(key)) return false;
    this.known.add(key);
    const tree = this.count;
    for (const fix of fixes) {
      this.flat.push(fix);
      let list = this.byFix[fix];
      if (!list) {
        list = [];
        this.byFix[fix] = list;
      }
      list.push(tree);
    }
    this.starts.push(this.flat.length);
    return true;
  }

  fixesOf(tree: number): number[] {
    return this.flat.slice(this.starts[tree] as number, this.starts[tree + 1] as number);
  }

  size(tree: number): number {
    return (this.starts[tree + 1] as number) - (this.starts[tree] as number);
  }

  treesOf(fix: number): readonly number[] {
    return this.byFix[fix] ?? [];
  }

  /** How many fixes of the tree are in the set. */
  hits(tree: number, inSet: Uint8Array): number {
    let hits = 0;
    for (let i = this.starts[tree] as number; i < (this.starts[tree + 1] as number); i++)
      if (inSet[this.flat[i] as number] === 1) hits++;
    return hits;
  }
}

/**
 * The least fixpoint (as `deriveAll`) that also records, for each OR node, the premise that first
 * made it hold, and extracts proof trees from those records. Buffers are reused between runs.
 */
export class TriggerDeriver {
  readonly holds: Uint8Array;
  /** OR node: the premise that first made it hold (−1 when it does not hold). */
  readonly trigger: Int32Array;
  /** The nodes that hold, in the order the last run derived them (the first `derivedCount`). */
  readonly order: Uint32Array;
  derivedCount = 0;
  /** Nodes visited by the last `proofTree`. */
  lastVisits = 0;
  private readonly consumers: Consumers;
  private readonly missing: Uint32Array;
  private readonly stamp: Uint32Array;
  private readonly fixStamp: Uint32Array;
  private readonly stack: Uint32Array;
  private currentStamp = 0;
  /** Leaves of each fix (CSR). */
  private readonly fixLeafStart: Uint32Array;
  private readonly fixLeaves: Uint32Array;
  /** Nodes `unfix` made hold, then AND nodes whose count of missing premises it lowered. */
  private readonly added: Uint32Array;
  private addedCount = 0;
  private readonly lowered: number[] = [];

  constructor(readonly graph: AttackGraph) {
    const n = graph.nodeCount;
    this.consumers = consumersOf(graph);
    this.holds = new Uint8Array(n);
    this.trigger = new Int32Array(n);
    this.missing = new Uint32Array(n);
    this.order = new Uint32Array(n);
    this.stamp = new Uint32Array(n);
    this.fixStamp = new Uint32Array(graph.fixes.length);
    this.stack = new Uint32Array(Math.max(1, graph.premises.length + graph.goals.length + 1));
    this.added = new Uint32Array(n);
    const fixCount = graph.fixes.length;
    this.fixLeafStart = new Uint32Array(fixCount + 1);
    for (let node = 0; node < n; node++) {
      const fix = graph.leafFix[node] as number;
      if (graph.type[node] === NodeType.Leaf && fix >= 0)
        this.fixLeafStart[fix + 1] = (this.fixLeafStart[fix + 1] as number) + 1;
    }
    for (let fix = 0; fix < fixCount; fix++)
      this.fixLeafStart[fix + 1] =
        (this.fixLeafStart[fix + 1] as number) + (this.fixLeafStart[fix] as number);
    this.fixLeaves = new Uint32Array(this.fixLeafStart[fixCount] as number);
    const fill = this.fixLeafStart.slice(0, fixCount);
    for (let node = 0; node < n; node++) {
      const fix = graph.leafFix[node] as number;
      if (graph.type[node] !== NodeType.Leaf || fix < 0) continue;
      this.fixLeaves[fill[fix] as number] = node;
      fill[fix] = (fill[fix] as number) + 1;
    }
  }

  /**
   * After `derive`: what if `fix` were not applied? Brings its leaves back and propagates from
   * them only (adding facts never un-derives anything, so the old fixpoint is a valid start).
   * Stops at the first node with stop[node] = 1 that comes to hold and returns it, else returns
   * −1 with the fixpoint without `fix` reached. Either way, follow with `commit` (keep the new
   * state) or `rollback` (back to the state before). `order` is not updated.
   */
  unfix(fix: number, stop: Uint8Array): number {
    const { type } = this.graph;
    const { holds, trigger, missing, added, lowered } = this;
    const consumerStart = this.consumers.start;
    const consumerNodes = this.consumers.nodes;
    this.rollback();
    let tail = 0;
    let reached = -1;
    for (let i = this.fixLeafStart[fix] as number; i < (this.fixLeafStart[fix + 1] as number); i++) {
      const leaf = this.fixLeaves[i] as number;
      if (holds[leaf] === 1) continue;
      holds[leaf] = 1;
      added[tail++] = leaf;
      if (stop[leaf] === 1 && reached < 0) reached = leaf;
    }
    for (let head = 0; head < tail && reached < 0; head++) {
      const node = added[head] as number;
      const end = consumerStart[node + 1] as number;
      for (let c = consumerStart[node] as number; c < end; c++) {
        const consumer = consumerNodes[c] as number;
        if (holds[consumer] === 1) continue;
        if (type[consumer] === NodeType.Or) trigger[consumer] = node;
        else {
          const left = (missing[consumer] as number) - 1;
          missing[consumer] = left;
          lowered.push(consumer);
          if (left > 0) continue;
        }
        holds[consumer] = 1;
        added[tail++] = consumer;
        if (stop[consumer] === 1) {
          reached = consumer;
          break;
        }
      }
    }
    this.addedCount = tail;
    return reached;
  }

  /** Keeps the state `unfix` left. */
  commit(): void {
    this.addedCount = 0;
    this.lowered.length = 0;
  }

  /** Undoes the last `unfix` (nothing if committed). */
  rollback(): void {
    const { holds, trigger, missing, added, lowered } = this;
    for (let i = 0; i < this.addedCount; i++) {
      const node = added[i] as number;
      holds[node] = 0;
      trigger[node] = -1;
    }
    for (const node of lowered) missing[node] = (missing[node] as number) + 1;
    this.commit();
  }

  derive(removed: Uint8Array): void {
    this.commit();
    const { type, premiseStart, leafFix, nodeCount } = this.graph;
    const { holds, trigger, missing } = this;
    const queue = this.order;
    const consumerStart = this.consumers.start;
    const consumerNodes = this.consumers.nodes;
    holds.fill(0);
    trigger.fill(-1);
    let tail = 0;
    for (let node = 0; node < nodeCount; node++) {
      const t = type[node];
      if (t === NodeType.Leaf) {
        const fix = leafFix[node] as number;
        if (fix < 0 || removed[fix] !== 1) {
          holds[node] = 1;
          queue[tail++] = node;
        }
      } else if (t === NodeType.And) {
        const need = (premiseStart[node + 1] as number) - (premiseStart[node] as number);
        missing[node] = need;
        if (need === 0) {
          holds[node] = 1;
          queue[tail++] = node;
        }
      }
    }
    for (let head = 0; head < tail; head++) {
      const node = queue[head] as number;
      const end = consumerStart[node + 1] as number;
      for (let c = consumerStart[node] as number; c < end; c++) {
        const consumer = consumerNodes[c] as number;
        if (holds[consumer] === 1) continue;
        if (type[consumer] === NodeType.Or) {
          holds[consumer] = 1;
          trigger[consumer] = node;
          queue[tail++] = consumer;
        } else {
          const left = (missing[consumer] as number) - 1;
          missing[consumer] = left;
          if (left > 0) continue;
          holds[consumer] = 1;
          queue[tail++] = consumer;
        }
      }
    }
    this.derivedCount = tail;
  }

  /** The distinct fixes of a held node's proof tree (after `derive`). */
  proofTree(goal: number): number[] {
    const { type, premiseStart, premises, leafFix } = this.graph;
    const { stamp, fixStamp, stack, trigger } = this;
    this.currentStamp++;
    if (this.currentStamp === 0xffffffff) {
      stamp.fill(0);
      fixStamp.fill(0);
      this.currentStamp = 1;
    }
    const mark = this.currentStamp;
    const fixes: number[] = [];
    let visits = 0;
    let top = 0;
    stack[top++] = goal;
    while (top > 0) {
      const node = stack[--top] as number;
      if (stamp[node] === mark) continue;
      stamp[node] = mark;
      visits++;
      const t = type[node];
      if (t === NodeType.Leaf) {
        const fix = leafFix[node] as number;
        if (fix >= 0 && fixStamp[fix] !== mark) {
          fixStamp[fix] = mark;
          fixes.push(fix);
        }
      } else if (t === NodeType.Or) {
        const via = trigger[node] as number;
        if (via >= 0 && stamp[via] !== mark) stack[top++] = via;
      } else {
        for (let p = premiseStart[node] as number; p < (premiseStart[node + 1] as number); p++) {
          const premise = premises[p] as number;
          if (stamp[premise] !== mark) stack[top++] = premise;
        }
      }
    }
    this.lastVisits = visits;
    return fixes;
  }
}
