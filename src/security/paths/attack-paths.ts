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
 * The derivation tree of `goal` under the best choices, with some OR nodes' choices overridden.
 * Where a choice would close a cycle (a fact needed to prove itself: a foothold in a segment taken
 * through the very host being attacked), the next cheapest AND node of that OR node is tried
 * instead, backtracking within a budget; undefined when no acyclic tree is found.
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
  let budget = 20_000;
  const undo = (mark: { ands: number; leaves: number; ors: number }, added: number[]) => {
    ands.length = mark.ands;
    leaves.length = mark.leaves;
    ors.length = mark.ors;
    for (const node of added) done.delete(node);
  };
  /** Visits a node; returns false (having undone its additions) when it cannot be proved acyclically. */
  const visit = (node: number, added: number[]): boolean => {
    if (done.has(node)) return true;
    if (onStack.has(node) || --budget < 0) return false;
    onStack.add(node);
    const type = graph.type[node];
    let ok = true;
    if (type === NodeType.Or) {
      ok = false;
      for (const and of choicesOf(graph, best, node, overrides)) {
        const mark = { ands: ands.length, leaves: leaves.length, ors: ors.length };
        const inner: number[] = [];
        if (visit(and, inner)) {
          added.push(...inner);
          ok = true;
          break;
        }
        undo(mark, inner);
      }
      if (ok) ors.push(node);
    } else if (type === NodeType.And) {
      for (
        let p = graph.premiseStart[node] as number;
        ok && p < (graph.premiseStart[node + 1] as number);
        p++
      )
        ok = visit(graph.premises[p] as number, added);
      if (ok) ands.push(node);
    } else leaves.push(node);
    onStack.delete(node);
    if (ok) {
      done.add(node);
      added.push(node);
    }
    return ok;
  };
  return visit(goal, []) ? { ands, leaves, ors } : undefined;
}

/** An OR node's AND nodes to try: the override, else the best, then the next cheapest few. */
function choicesOf(
  graph: AttackGraph,
  best: BestDerivations,
  or: number,
  overrides: ReadonlyMap<number, number>,
): number[] {
  const forced = overrides.get(or);
  if (forced !== undefined) return [forced];
  const chosen = best.choice[or] as number;
  if (chosen < 0) return [];
  return [chosen, ...cheapestAlternatives(graph, best, or, chosen, alternativesPerNode)];
}

/** A derivation tree as an attack path: its action steps in post-order (premises first). */
export function pathOf(
  graph: AttackGraph,
  consumers: Consumers,
  tree: { ands: number[]; leaves: number[] },
): AttackPath {
  let probability = 1;
  const steps: AttackStep[] = [];
  const inTree = new Set(tree.ands);
  for (const and of tree.ands) {
    probability *= graph.probability[and] as number;
    if ((graph.steps[and] as number) === 0) continue;
    steps.push(stepOf(graph, consumers, and, inTree));
  }
  const fixes = new Set<number>();
  for (const leaf of tree.leaves)
    if ((graph.leafFix[leaf] as number) >= 0) fixes.add(graph.leafFix[leaf] as number);
  return { steps, probability, length: steps.length, fixes: [...fixes] };
}

function stepOf(
  graph: AttackGraph,
  consumers: Consumers,
  and: number,
  inTree: ReadonlySet<number>,
): AttackStep {
  const fact = graph.fact(and);
  const conclusion = consumers.nodes[consumers.start[and] as number] as number;
  const rule = attackRuleList.find((r) => r.number === fact.rule);
  const evidence: Array<{ fact: string; relation?: string }> = [];
  for (const leaf of stepEvidence(graph, and, inTree)) {
    const leafFact = graph.fact(leaf);
    evidence.push({ fact: leafFact.label, ...(leafFact.relation ? { relation: leafFact.relation } : {}) });
  }
  // An exploit whose traffic comes straight from where the attacker starts is T1190, not T1210.
  const fromOutside = fact.rule === 4 && evidence.some((item) => item.fact.startsWith('attackerLocated('));
  const technique = fromOutside ? 'T1190' : fact.technique;
  return {
    node: and,
    rule: fact.rule ?? 0,
    ruleName: rule?.name ?? fact.label,
    ...(technique ? { technique } : {}),
    gains: graph.fact(conclusion).label,
    entities: fact.entities,
    probability: graph.probability[and] as number,
    evidence,
  };
}

/**
 * The primitive facts a step rests on: its own leaves, and those reached through the inferences
 * (zero-action rules) below it in the tree — which allows rule let the traffic through, where the
 * attacker was located. Facts behind an earlier attacker action belong to that action.
 */
function stepEvidence(graph: AttackGraph, and: number, inTree: ReadonlySet<number>): number[] {
  const leaves: number[] = [];
  const seen = new Set<number>();
  const visit = (node: number, top: boolean): void => {
    if (seen.has(node)) return;
    seen.add(node);
    const type = graph.type[node];
    if (type === NodeType.Leaf) {
      leaves.push(node);
      return;
    }
    if (type === NodeType.And) {
      if (!top && (graph.steps[node] as number) > 0) return;
      for (let p = graph.premiseStart[node] as number; p < (graph.premiseStart[node + 1] as number); p++)
        visit(graph.premises[p] as number, false);
      return;
    }
    for (let p = graph.premiseStart[node] as number; p < (graph.premiseStart[node + 1] as number); p++) {
      const choice = graph.premises[p] as number;
      if (inTree.has(choice)) {
        visit(choice, false);
        return;
      }
    }
  };
  visit(and, true);
  return leaves;
}

interface Candidate {
  readonly cost: number;
  readonly overrides: ReadonlyMap<number, number>;
}

/**
 * Distinct derivation trees of `goal`, about cheapest first: the best tree, then trees that deviate
 * from it at one OR node (another of its AND nodes, best below), then deviations of those —
 * Eppstein's sidetracks carried over from paths to AND/OR trees. Costs come from one
 * best-derivation pass, so each candidate costs one tree walk. A deviation that would close a cycle
 * is repaired (derivationTree), which can change its cost, so more trees than `limit` are gathered
 * (up to four times as many) for the caller to rank by what each really costs.
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
  const seenTrees = new Set<string>();
  const seenCandidates = new Set<string>(['']);
  const heap: Candidate[] = [{ cost: best.cost[goal] as number, overrides: new Map() }];
  const gather = limit === 1 ? 1 : limit * 4;
  for (let examined = 0; heap.length > 0 && out.length < gather && examined < maxCandidates; examined++) {
    heap.sort((a, b) => b.cost - a.cost);
    const candidate = heap.pop() as Candidate;
    const tree = derivationTree(graph, best, goal, candidate.overrides);
    if (!tree) continue;
    const signature = tree.ands
      .filter((and) => (graph.steps[and] as number) > 0)
      .sort((a, b) => a - b)
      .join(',');
    if (!seenTrees.has(signature)) {
      seenTrees.add(signature);
      out.push({ cost: candidate.cost, tree });
    }
    // Deviations are explored even from a tree already listed: two candidates can differ only in
    // inferences (which foothold carries the traffic) and lead to different trees further on.
    for (const or of tree.ors) {
      if (candidate.overrides.has(or)) continue;
      const current = best.choice[or] as number;
      for (const alternative of cheapestAlternatives(graph, best, or, current, alternativesPerNode)) {
        const overrides = new Map(candidate.overrides);
        overrides.set(or, alternative);
        const key = [...overrides].sort((a, b) => a[0] - b[0]).join(';');
        if (seenCandidates.has(key)) continue;
        seenCandidates.add(key);
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
