import { NodeType } from '../graph/attack-graph.js';
import { TreeStore, TriggerDeriver } from './proof-trees.js';
import type { RelevantSubgraph } from './relevant-subgraph.js';

// A greedy hardening set with a proved bound, for graphs too large for the MILP. Two greedy
// constructions are run and the cheaper result kept; each ends with a reverse-delete pass.
//
// 1. Relaxation cut. Estimate what cutting each node costs as if the graph were a tree: a leaf its
//    fix's cost, an AND node its cheapest premise, an OR node the sum over its AND nodes
//    (computed in derivation order, twice, so an OR node also sees the AND nodes derived after
//    it). Then walk down from the goals, claiming nodes false: an OR node claims all its AND
//    nodes; an AND node is already cut if a premise is claimed, else claims its cheapest premise;
//    a leaf claims its fix. The claimed set is closed (every claimed AND node has a claimed
//    premise, every claimed OR node has all its AND nodes claimed, every claimed leaf is fixed),
//    and no node of a closed set is derived — the first one derived would need a claimed premise
//    derived before it — so the fixes cut every goal, cycles included; sharing is used when a
//    premise is already claimed. It is run a second time with the fixes of the first costing
//    nothing, to gather choices onto fixes already paid for.
//
// 2. Proof-tree hitting set ("proof trees cut per cost"). Keep every proof tree met (see
//    proof-trees.ts). Each round applies the current choice H, derives, and takes a proof tree for
//    every goal still derivable (disjoint from H, so new); then H is chosen again from scratch as a
//    greedy hitting set of all trees kept: repeatedly the fix in the most not-yet-hit trees per
//    unit of cost. Starting over lets a later round drop an early choice that later trees show to
//    be poor. Every round adds a tree H missed and there are finitely many, so it ends; after
//    `rebuildRounds` rounds H only grows (at least one fix a round). It gives up once H alone
//    costs more than the relaxation cut, or after `maxRounds`, and is skipped when the lower
//    bound already proves the relaxation cut optimal.
//
// Reverse delete drops, most expensive first, each fix without which every goal stays cut, so the
// result is minimal: no single fix can be dropped (fixing less never cuts more, so a fix that was
// needed stays needed as others go). A kept tree hit by that fix alone proves it needed without a
// test; a test propagates only from the leaves of the fix left out, starting from the current
// fixpoint, and stops at the first goal it derives (whose proof tree is then kept).
//
// Lower bound. Proof trees with pairwise disjoint sets of fixes need distinct fixes, so the optimum
// costs at least the sum of each one's cheapest fix. More generally (the dual of the hitting-set
// LP), give each tree T a share y_T ≥ 0 such that the shares of the trees holding a fix add up to
// at most its cost: a cut S pays Σ_{f∈S} cost_f ≥ Σ_{f∈S} Σ_{T∋f} y_T ≥ Σ_T y_T, as S hits every T.
// Disjoint trees with y_T = their cheapest fix are the special case; shares let trees that meet on
// an expensive fix both count. Trees are packed from those kept (smallest first), each taking the
// least cost left on its fixes; then more are found by applying every fix with no cost left and
// deriving again: a goal still derivable has a tree whose fixes all have cost left. The result
// states cost ≤ ratioBound · optimum with ratioBound = cost / lowerBound.

/** Relevant subgraphs with more nodes than this go to the greedy when the method is 'auto'. */
export const greedyNodeThreshold = 5000;

export interface GreedyHardeningOptions {
  /** Hitting-set rounds that rebuild the set from scratch before it only grows. 32 by default. */
  readonly rebuildRounds?: number;
  /** Hitting-set rounds at most (then that construction gives up). 4–256 by default, fewer on larger graphs. */
  readonly maxRounds?: number;
  /** Fixpoint runs spent looking for more trees for the lower bound. 8–64 by default, fewer on larger graphs. */
  readonly lowerBoundRounds?: number;
}

export interface GreedyHardeningResult {
  /** Fix indices, ascending: a minimal set that cuts every goal of the subgraph. */
  readonly fixes: number[];
  readonly cost: number;
  /** The optimum costs at least this much. */
  readonly lowerBound: number;
  /** cost / lowerBound (1 when both are 0): the result is within this factor of the optimum. */
  readonly ratioBound: number;
  /** Which construction gave `fixes`. */
  readonly construction: 'relaxation-cut' | 'hitting-set';
  /** Cost of each construction's minimal set (hitting set: +∞ when it gave up). */
  readonly relaxationCutCost: number;
  readonly hittingSetCost: number;
  /** Fixpoint runs. */
  readonly derivations: number;
  /** Proof trees met. */
  readonly trees: number;
  /** Proof trees with a share in `lowerBound`. */
  readonly packedTrees: number;
  readonly seconds: number;
}

export function greedyHardening(
  relevant: RelevantSubgraph,
  options: GreedyHardeningOptions = {},
): GreedyHardeningResult {
  const started = performance.now();
  const search = new Search(relevant);
  const { cost } = search;
  // Optional work is budgeted in fixpoint runs, fewer on larger graphs.
  const size = relevant.graph.nodeCount + relevant.graph.premises.length;
  const budget = (work: number, least: number, most: number): number =>
    Math.max(least, Math.min(most, Math.floor(work / Math.max(1, size))));

  // 1. Relaxation cuts.
  const firstCut = search.relaxationCut(new Uint8Array(cost.length));
  let best = search.reverseDelete(firstCut);
  const free = new Uint8Array(cost.length);
  for (const fix of best) free[fix] = 1;
  const secondCut = search.relaxationCut(free);
  if (!sameSet(secondCut, firstCut)) {
    const second = search.reverseDelete(secondCut);
    if (search.costOf(second) < search.costOf(best)) best = second;
  }
  const relaxationCutCost = search.costOf(best);
  let construction: GreedyHardeningResult['construction'] = 'relaxation-cut';

  // Lower bound, from the trees met so far and more.
  const packed = search.packTrees(options.lowerBoundRounds ?? budget(2e7, 8, 64));
  const proved = packed.lowerBound >= relaxationCutCost - 1e-9 * Math.max(1, relaxationCutCost);

  // 2. Proof-tree hitting set, unless the first cut is already proved optimal.
  const hitting = proved
    ? null
    : search.hittingSetCut(
        options.rebuildRounds ?? 32,
        options.maxRounds ?? budget(5e6, 4, 256),
        relaxationCutCost,
      );
  const hittingSetCost = hitting ? search.costOf(hitting) : Number.POSITIVE_INFINITY;
  if (hitting && hittingSetCost < relaxationCutCost) {
    best = hitting;
    construction = 'hitting-set';
  }
  const total = search.costOf(best);
  const lowerBound = Math.min(packed.lowerBound, total);
  return {
    fixes: [...best].sort((a, b) => a - b),
    cost: total,
    lowerBound,
    ratioBound: total === 0 ? 1 : lowerBound > 0 ? total / lowerBound : Number.POSITIVE_INFINITY,
    construction,
    relaxationCutCost,
    hittingSetCost,
    derivations: search.derivations,
    trees: search.store.count,
    packedTrees: packed.trees,
    seconds: (performance.now() - started) / 1000,
  };
}

class Search {
  readonly cost: Float64Array;
  readonly store: TreeStore;
  derivations = 0;
  private readonly deriver: TriggerDeriver;
  private readonly goals: number[];
  private readonly removed: Uint8Array;
  private readonly isGoal: Uint8Array;
  private round = 0;
  /** The order in which the unfixed graph derives its nodes. */
  private unfixedOrder: Uint32Array | undefined;

  constructor(private readonly relevant: RelevantSubgraph) {
    const graph = relevant.graph;
    this.goals = Array.from(graph.goals);
    this.cost = new Float64Array(graph.fixes.length);
    for (let fix = 0; fix < this.cost.length; fix++) this.cost[fix] = graph.fixes[fix]?.cost ?? 0;
    this.deriver = new TriggerDeriver(graph);
    this.store = new TreeStore(graph.fixes.length);
    this.removed = new Uint8Array(graph.fixes.length);
    this.isGoal = new Uint8Array(graph.nodeCount);
    for (const goal of this.goals) this.isGoal[goal] = 1;
  }

  costOf(fixes: Iterable<number>): number {
    let total = 0;
    for (const fix of fixes) total += this.cost[fix] as number;
    return total;
  }

  /** Derives with `fixes` applied; the goals that still hold. */
  derive(fixes: Iterable<number> | Uint8Array): number[] {
    if (fixes instanceof Uint8Array) this.deriver.derive(fixes);
    else {
      this.removed.fill(0);
      for (const fix of fixes) this.removed[fix] = 1;
      this.deriver.derive(this.removed);
    }
    this.derivations++;
    return this.goals.filter((goal) => this.deriver.holds[goal] === 1);
  }

  /**
   * Adds a proof tree for each open goal (after `derive`), starting at a different goal each time,
   * until the trees have cost about two passes over the graph. Returns how many were new.
   */
  collectTrees(open: readonly number[]): number {
    const graph = this.relevant.graph;
    const budget = 2 * (graph.nodeCount + graph.premises.length) + 1000;
    let spent = 0;
    let added = 0;
    const first = this.round++ % open.length;
    for (let i = 0; i < open.length && (added === 0 || spent < budget); i++) {
      const tree = this.deriver.proofTree(open[(first + i) % open.length] as number);
      spent += this.deriver.lastVisits;
      if (tree.length === 0) throw new Error('internal: a derivable goal has a proof tree with no fix');
      if (this.store.add(tree)) added++;
    }
    return added;
  }

  /** The relaxation cut; fixes with free[f] = 1 count as costing nothing. */
  relaxationCut(free: Uint8Array): number[] {
    const graph = this.relevant.graph;
    const { type, premiseStart, premises, leafFix } = graph;
    if (!this.unfixedOrder) {
      this.derive([]);
      this.unfixedOrder = this.deriver.order.slice(0, this.deriver.derivedCount);
    }
    const order = this.unfixedOrder;
    const derived = order.length;
    const estimate = new Float64Array(graph.nodeCount);
    for (let sweep = 0; sweep < 2; sweep++) {
      for (let i = 0; i < derived; i++) {
        const node = order[i] as number;
        const from = premiseStart[node] as number;
        const to = premiseStart[node + 1] as number;
        const t = type[node];
        if (t === NodeType.Leaf) {
          const fix = leafFix[node] as number;
          estimate[node] =
            fix < 0 ? Number.POSITIVE_INFINITY : free[fix] === 1 ? 0 : (this.cost[fix] as number);
        } else if (t === NodeType.And) {
          let cheapest = Number.POSITIVE_INFINITY;
          for (let p = from; p < to; p++)
            cheapest = Math.min(cheapest, estimate[premises[p] as number] as number);
          estimate[node] = cheapest;
        } else {
          let sum = 0;
          for (let p = from; p < to; p++) sum += estimate[premises[p] as number] as number;
          estimate[node] = Math.min(sum, 1e300);
        }
      }
    }
    const claimed = new Uint8Array(graph.nodeCount);
    const chosen: number[] = [];
    const stack: number[] = [...this.goals];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      if (claimed[node] === 1) continue;
      claimed[node] = 1;
      const from = premiseStart[node] as number;
      const to = premiseStart[node + 1] as number;
      const t = type[node];
      if (t === NodeType.Leaf) {
        const fix = leafFix[node] as number;
        if (fix < 0) throw new Error('internal: the relaxation cut reached a leaf no fix removes');
        chosen.push(fix);
      } else if (t === NodeType.Or) {
        for (let p = from; p < to; p++)
          if (claimed[premises[p] as number] !== 1) stack.push(premises[p] as number);
      } else {
        let pick = -1;
        for (let p = from; p < to && pick !== -2; p++) {
          const premise = premises[p] as number;
          if (claimed[premise] === 1) pick = -2;
          else if (pick === -1 || (estimate[premise] as number) < (estimate[pick] as number)) pick = premise;
        }
        if (pick >= 0) stack.push(pick);
        else if (pick === -1) throw new Error('internal: an AND node with no premise cannot be cut');
      }
    }
    return [...new Set(chosen)];
  }

  /** The proof-tree hitting-set construction; null when it gives up. */
  hittingSetCut(rebuildRounds: number, maxRounds: number, giveUpAbove: number): number[] | null {
    // Start from the trees the other construction met; a tree found under a set that hits every
    // kept tree is new, so each round adds one.
    let chosen = hittingSet(this.store, this.cost, []);
    for (let round = 1; ; round++) {
      const open = this.derive(chosen);
      if (open.length === 0) break;
      if (round > maxRounds) return null;
      if (this.collectTrees(open) === 0) throw new Error('internal: the hitting set missed no new tree');
      chosen = hittingSet(this.store, this.cost, round <= rebuildRounds ? [] : chosen);
      if (this.costOf(chosen) > giveUpAbove) return null;
    }
    return this.reverseDelete(chosen);
  }

  /** Reverse delete (see above) of a set that cuts every goal. */
  reverseDelete(fixes: readonly number[]): number[] {
    const { store, cost, deriver } = this;
    const inSet = new Uint8Array(cost.length);
    for (const fix of fixes) inSet[fix] = 1;
    const hitCount: number[] = [];
    for (let tree = 0; tree < store.count; tree++) hitCount.push(store.hits(tree, inSet));
    const order = [...new Set(fixes)].sort((a, b) => (cost[b] as number) - (cost[a] as number) || b - a);
    const kept = new Set(order);
    if (this.derive(kept).length > 0)
      throw new Error('internal: reverse delete was given a set that cuts too little');
    // Each test only propagates from the leaves of the fix left out, from the current fixpoint.
    for (const fix of order) {
      if (store.treesOf(fix).some((tree) => hitCount[tree] === 1)) continue;
      const reached = deriver.unfix(fix, this.isGoal);
      if (reached < 0) {
        deriver.commit();
        kept.delete(fix);
        inSet[fix] = 0;
        for (const tree of store.treesOf(fix)) hitCount[tree] = (hitCount[tree] as number) - 1;
        continue;
      }
      const tree = deriver.proofTree(reached);
      deriver.rollback();
      if (store.add(tree)) hitCount.push(store.hits(store.count - 1, inSet));
    }
    return [...kept];
  }

  /**
   * Packs proof trees: each tree gets a share no greater than what is left of the cost of each of
   * its fixes, and its share is taken from all of them. Every cut applies a fix of every tree, so
   * it pays at least the sum of the shares (see above).
   */
  packTrees(rounds: number): { lowerBound: number; trees: number } {
    const { store, cost } = this;
    const left = Float64Array.from(cost);
    const saturated = new Uint8Array(cost.length);
    let scale = 0;
    for (const c of cost) scale = Math.max(scale, c);
    const tolerance = 1e-12 * Math.max(1, scale);
    for (let fix = 0; fix < cost.length; fix++) if ((left[fix] as number) <= tolerance) saturated[fix] = 1;
    let lowerBound = 0;
    let trees = 0;
    const pack = (tree: number): void => {
      const fixes = store.fixesOf(tree);
      let share = Number.POSITIVE_INFINITY;
      for (const fix of fixes) share = Math.min(share, left[fix] as number);
      if (!(share > tolerance)) return;
      for (const fix of fixes) {
        left[fix] = (left[fix] as number) - share;
        if ((left[fix] as number) <= tolerance) saturated[fix] = 1;
      }
      lowerBound += share;
      trees++;
    };
    const bySize = Array.from({ length: store.count }, (_, tree) => tree).sort(
      (a, b) => store.size(a) - store.size(b) || a - b,
    );
    for (const tree of bySize) pack(tree);
    // A goal still derivable once every used-up fix is applied has a tree of fixes with cost left.
    for (let round = 0; round < rounds; round++) {
      const open = this.derive(saturated);
      if (open.length === 0) break;
      const before = store.count;
      this.collectTrees(open);
      if (store.count === before) break;
      for (let tree = before; tree < store.count; tree++) pack(tree);
    }
    return { lowerBound, trees };
  }
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const members = new Set(a);
  return b.every((fix) => members.has(fix));
}

/**
 * Greedy weighted hitting set of every kept tree: after the `forced` fixes, repeatedly the fix in
 * the most trees not yet hit per unit of cost (a fix of cost 0 first; ties: more trees, cheaper,
 * lower index).
 */
function hittingSet(store: TreeStore, cost: Float64Array, forced: readonly number[]): number[] {
  const count = new Map<number, number>();
  for (let tree = 0; tree < store.count; tree++)
    for (const fix of store.fixesOf(tree)) count.set(fix, (count.get(fix) ?? 0) + 1);
  const hit = new Uint8Array(store.count);
  let remaining = store.count;
  const chosen: number[] = [];
  const apply = (fix: number): void => {
    chosen.push(fix);
    for (const tree of store.treesOf(fix)) {
      if (hit[tree] === 1) continue;
      hit[tree] = 1;
      remaining--;
      for (const other of store.fixesOf(tree)) {
        const trees = count.get(other);
        if (trees !== undefined) count.set(other, trees - 1);
      }
    }
    count.delete(fix);
  };
  for (const fix of forced) apply(fix);
  while (remaining > 0) {
    let best = -1;
    let bestCount = 0;
    let bestScore = -1;
    for (const [fix, trees] of count) {
      if (trees <= 0) continue;
      const c = cost[fix] as number;
      const score = c > 0 ? trees / c : Number.POSITIVE_INFINITY;
      if (
        score > bestScore ||
        (score === bestScore &&
          (trees > bestCount ||
            (trees === bestCount && (c < (cost[best] as number) || (c === cost[best] && fix < best)))))
      ) {
        best = fix;
        bestCount = trees;
        bestScore = score;
      }
    }
    if (best < 0) throw new Error('internal: a proof tree has no fix left to hit it');
    apply(best);
  }
  return chosen;
}
