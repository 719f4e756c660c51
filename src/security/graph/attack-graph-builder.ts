import { type AttackGraph, type Fix, type NodeFact, NodeType } from './attack-graph.js';

/**
 * A fact written out only when someone reads it: a large graph has hundreds of thousands of nodes,
 * and most are never shown.
 */
export type LazyFact = () => NodeFact;

/**
 * Builds an AttackGraph node by node. OR nodes get their AND nodes as they are found (rules fire in
 * any order), so premises are collected in lists and packed into CSR once, in `build`.
 */
export class AttackGraphBuilder {
  private readonly types: number[] = [];
  private readonly facts: Array<NodeFact | LazyFact> = [];
  private readonly premiseLists: number[][] = [];
  private readonly probabilities: number[] = [];
  private readonly stepCounts: number[] = [];
  private readonly leafFixes: number[] = [];
  private readonly fixList: Fix[] = [];
  private readonly fixIndex = new Map<string, number>();

  get nodeCount(): number {
    return this.types.length;
  }

  /** The index of a fix, adding it the first time its id is seen. */
  fix(fix: Fix): number {
    const known = this.fixIndex.get(fix.id);
    if (known !== undefined) return known;
    this.fixList.push(fix);
    this.fixIndex.set(fix.id, this.fixList.length - 1);
    return this.fixList.length - 1;
  }

  leaf(fact: NodeFact | LazyFact, fixIndex = -1): number {
    return this.push(NodeType.Leaf, fact, [], 1, 0, fixIndex);
  }

  or(fact: NodeFact | LazyFact): number {
    return this.push(NodeType.Or, fact, [], 1, 0, -1);
  }

  /** A rule instance concluding `conclusion` (an OR node) from `premises`. */
  and(
    fact: NodeFact | LazyFact,
    conclusion: number,
    premises: readonly number[],
    probability: number,
    steps: number,
  ): number {
    if (this.types[conclusion] !== NodeType.Or) throw new Error(`node ${conclusion} is not an OR node`);
    if (!(probability >= 0 && probability <= 1))
      throw new RangeError(`probability ${probability} is outside [0, 1]`);
    const node = this.push(NodeType.And, fact, [...premises], probability, steps, -1);
    (this.premiseLists[conclusion] as number[]).push(node);
    return node;
  }

  build(goals: readonly number[]): AttackGraph {
    const n = this.types.length;
    const premiseStart = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++)
      premiseStart[i + 1] = (premiseStart[i] as number) + (this.premiseLists[i] as number[]).length;
    const premises = new Uint32Array(premiseStart[n] as number);
    for (let i = 0; i < n; i++) premises.set(this.premiseLists[i] as number[], premiseStart[i] as number);
    const facts = this.facts;
    return {
      nodeCount: n,
      type: Uint8Array.from(this.types),
      premiseStart,
      premises,
      probability: Float64Array.from(this.probabilities),
      steps: Uint8Array.from(this.stepCounts),
      leafFix: Int32Array.from(this.leafFixes),
      fixes: [...this.fixList],
      goals: Uint32Array.from(goals),
      fact: (node) => {
        const known = facts[node];
        if (typeof known !== 'function') return known as NodeFact;
        const made = known();
        facts[node] = made;
        return made;
      },
    };
  }

  private push(
    type: number,
    fact: NodeFact | LazyFact,
    premises: number[],
    probability: number,
    steps: number,
    fixIndex: number,
  ): number {
    this.types.push(type);
    this.facts.push(fact);
    this.premiseLists.push(premises);
    this.probabilities.push(probability);
    this.stepCounts.push(steps);
    this.leafFixes.push(fixIndex);
    return this.types.length - 1;
  }
}
