import { type AttackGraph, type Consumers, NodeType } from '../graph/attack-graph.js';
import { attackRuleList } from '../graph/attack-rules.js';
import type { BestDerivations } from './best-derivation.js';

/** One attacker action on a path, with the facts that make it possible. */
export interface AttackStep {
  readonly node: number;
  readonly rule: number;
  readonly ruleName: string;
  readonly technique?: string;
  /** What the step gains, e.g. `execCode(host:db-1,root)`. */
  readonly gains: string;
  readonly entities: readonly string[];
  readonly probability: number;
  /** The primitive facts it relies on (leaf labels), with their twin relations where known. */
  readonly evidence: ReadonlyArray<{ readonly fact: string; readonly relation?: string }>;
}

export interface AttackPath {
  /** The attacker actions in an order they can be taken. */
  readonly steps: readonly AttackStep[];
  /** Product of the probabilities of every rule instance in the derivation (each counted once). */
  readonly probability: number;
  /** Attacker actions (rule instances that take a step). */
  readonly length: number;
  /** Distinct fixes whose leaves the path uses: any one of them cuts it. */
  readonly fixes: readonly number[];
}

/**
 * The derivation tree of `goal` under the best choices, with some OR nodes' choices overridden;
 * undefined when an override closes a cycle (the tree would need the goal to prove itself).
 */
export function derivationTree(
  graph: AttackGraph,
  best: BestDerivations,
  goal: number,
  overrides: ReadonlyMap<number, number> = new Map(),
): { ands: number[]; leaves: number[]; ors: number[] } | undefined {
  const ands: number[] = [];
  const leaves: number[] = [];
  const ors: number[] = [];
  const done = new Set<number>();
  const onStack = new Set<number>();
  let cyclic = false;
  const visit = (node: number): void => {
    if (cyclic || done.has(node)) return;
    if (onStack.has(node)) {
      cyclic = true;
      return;
    }
    onStack.add(node);
    const type = graph.type[node];
    if (type === NodeType.Or) {
      const chosen = overrides.get(node) ?? (best.choice[node] as number);
      if (chosen < 0) cyclic = true;
      else visit(chosen);
      ors.push(node);
    } else if (type === NodeType.And) {
      for (let p = graph.premiseStart[node] as number; p < (graph.premiseStart[node + 1] as number); p++)
        visit(graph.premises[p] as number);
      ands.push(node);
    } else leaves.push(node);
    onStack.delete(node);
    done.add(node);
  };
  visit(goal);
  return cyclic ? undefined : { ands, leaves, ors };
}

/** A derivation tree as an attack path: its action steps in post-order (premises first). */
export function pathOf(
  graph: AttackGraph,
  consumers: Consumers,
  tree: { ands: number[]; leaves: number[] },
): AttackPath {
  let probability = 1;
  const steps: AttackStep[] = [];
  for (const and of tree.ands) {
    probability *= graph.probability[and] as number;
    if ((graph.steps[and] as number) === 0) continue;
    steps.push(stepOf(graph, consumers, and));
  }
  const fixes = new Set<number>();
  for (const leaf of tree.leaves)
    if ((graph.leafFix[leaf] as number) >= 0) fixes.add(graph.leafFix[leaf] as number);
  return { steps, probability, length: steps.length, fixes: [...fixes] };
}

function stepOf(graph: AttackGraph, consumers: Consumers, and: number): AttackStep {
  const fact = graph.fact(and);
  const conclusion = consumers.nodes[consumers.start[and] as number] as number;
  const rule = attackRuleList.find((r) => r.number === fact.rule);
  const evidence: Array<{ fact: string; relation?: string }> = [];
  for (let p = graph.premiseStart[and] as number; p < (graph.premiseStart[and + 1] as number); p++) {
    const premise = graph.premises[p] as number;
    if (graph.type[premise] !== NodeType.Leaf) continue;
    const leaf = graph.fact(premise);
    evidence.push({ fact: leaf.label, ...(leaf.relation ? { relation: leaf.relation } : {}) });
  }
  return {
    node: and,
    rule: fact.rule ?? 0,
    ruleName: rule?.name ?? fact.label,
    ...(fact.technique ? { technique: fact.technique } : {}),
    gains: graph.fact(conclusion).label,
    entities: fact.entities,
    probability: graph.probability[and] as number,
    evidence,
  };
}

interface Candidate {
  readonly cost: number;
  readonly overrides: ReadonlyMap<number, number>;
}

/**
 * Up to `limit` distinct derivation trees of `goal`, cheapest first: the best tree, then trees that
 * deviate from it at one OR node (another of its AND nodes, best below), then deviations of those —
 * Eppstein's sidetracks carried over from paths to AND/OR trees. Costs come from one best-derivation
 * pass, so each candidate costs one tree walk. Deviations are only ever added below unchanged
 * choices, so costs never decrease along the heap.
 */
export function kBestTrees(
  graph: AttackGraph,
  best: BestDerivations,
  goal: number,
  limit: number,
  maxCandidates = limit * 64,
): Array<{ cost: number; tree: { ands: number[]; leaves: number[]; ors: number[] } }> {
  if (!Number.isFinite(best.cost[goal] as number)) return [];
  const out: Array<{ cost: number; tree: { ands: number[]; leaves: number[]; ors: number[] } }> = [];
  const seen = new Set<string>();
  const heap: Candidate[] = [{ cost: best.cost[goal] as number, overrides: new Map() }];
  let examined = 0;
  while (heap.length > 0 && out.length < limit && examined < maxCandidates) {
    heap.sort((a, b) => b.cost - a.cost);
    const candidate = heap.pop() as Candidate;
    examined++;
    const tree = derivationTree(graph, best, goal, candidate.overrides);
    if (!tree) continue;
    const signature = tree.ands
      .filter((and) => (graph.steps[and] as number) > 0)
      .sort((a, b) => a - b)
      .join(',');
    if (seen.has(signature)) continue;
    seen.add(signature);
    out.push({ cost: candidate.cost, tree });
    for (const or of tree.ors) {
      if (candidate.overrides.has(or)) continue;
      const current = best.choice[or] as number;
      for (const alternative of cheapestAlternatives(graph, best, or, current, alternativesPerNode)) {
        const overrides = new Map(candidate.overrides);
        overrides.set(or, alternative);
        heap.push({
          cost: candidate.cost + (best.cost[alternative] as number) - (best.cost[current] as number),
          overrides,
        });
      }
    }
  }
  return out;
}

/** Deviating to every alternative of a segment foothold (one per member host) would swamp the heap. */
const alternativesPerNode = 3;

function cheapestAlternatives(
  graph: AttackGraph,
  best: BestDerivations,
  or: number,
  current: number,
  count: number,
): number[] {
  const alternatives: number[] = [];
  for (let p = graph.premiseStart[or] as number; p < (graph.premiseStart[or + 1] as number); p++) {
    const alternative = graph.premises[p] as number;
    if (alternative !== current && Number.isFinite(best.cost[alternative] as number))
      alternatives.push(alternative);
  }
  return alternatives.sort((a, b) => (best.cost[a] as number) - (best.cost[b] as number)).slice(0, count);
}
