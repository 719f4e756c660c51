import { type AttackGraph, NodeType } from '../graph/attack-graph.js';
import { attackRuleList } from '../graph/attack-rules.js';
import type { BestDerivations } from './best-derivation.js';

/** Why a fact holds: the rule that derives it and, recursively, the facts the rule needs. */
export interface Explanation {
  readonly fact: string;
  readonly kind: 'fact' | 'derived';
  /** For a derived fact: the rule of its most likely derivation. */
  readonly rule?: {
    readonly number: number;
    readonly name: string;
    readonly form: string;
    readonly technique?: string;
  };
  readonly probability?: number;
  readonly relation?: string;
  readonly because?: readonly Explanation[];
  /** The same fact was explained higher up in this tree: not repeated. */
  readonly explainedAbove?: boolean;
}

/**
 * The most likely derivation of `node` as a tree a person can read: each derived fact with its rule
 * (number, name, the rule's form) and the facts it rests on, down to primitive facts with the twin
 * relations they come from. Network-access and foothold inferences are kept: they say which rule
 * lets traffic through.
 */
export function explainNode(
  graph: AttackGraph,
  best: BestDerivations,
  node: number,
  maxDepth = 40,
): Explanation | undefined {
  if (!Number.isFinite(best.cost[node] as number)) return undefined;
  const seen = new Set<number>();
  const explain = (or: number, depth: number): Explanation => {
    const fact = graph.fact(or);
    if (graph.type[or] === NodeType.Leaf)
      return { fact: fact.label, kind: 'fact', ...(fact.relation ? { relation: fact.relation } : {}) };
    if (seen.has(or) || depth >= maxDepth) return { fact: fact.label, kind: 'derived', explainedAbove: true };
    seen.add(or);
    const and = best.choice[or] as number;
    const andFact = graph.fact(and);
    const rule = attackRuleList.find((r) => r.number === andFact.rule);
    const because: Explanation[] = [];
    for (let p = graph.premiseStart[and] as number; p < (graph.premiseStart[and + 1] as number); p++)
      because.push(explain(graph.premises[p] as number, depth + 1));
    return {
      fact: fact.label,
      kind: 'derived',
      ...(rule
        ? {
            rule: {
              number: rule.number,
              name: rule.name,
              form: rule.form,
              ...('technique' in rule ? { technique: rule.technique } : {}),
            },
          }
        : {}),
      probability: graph.probability[and] as number,
      because,
    };
  };
  return explain(node, 0);
}
