// The attack graph: MulVAL's AND/OR derivation graph in flat arrays (docs/attack.md).
//
// LEAF nodes are primitive facts (a reachability rule, a vulnerability on an asset, a credential
// stored somewhere). AND nodes are rule instances: they hold when every premise holds, and then
// succeed with their probability. OR nodes are derived facts (code execution on an asset with a
// privilege, network access to a port): they hold when any of their AND nodes does. Premises
// point from a conclusion to what it needs, so an OR node's premises are its AND nodes and an AND
// node's premises are OR nodes and leaves. Cycles are allowed (an attacker can reach a host two
// ways that each pass through the other); every computation over the graph is a least fixpoint.

export const NodeType = { Leaf: 0, Or: 1, And: 2 } as const;
export type NodeType = (typeof NodeType)[keyof typeof NodeType];

/** One fix a defender can make; removing it removes every leaf whose `leafFix` names it. */
export interface Fix {
  readonly id: string;
  readonly kind: 'patch' | 'rotate-credential' | 'block-rule' | 'remove-trust' | 'remove-exposure';
  /** The twin entity or relation the fix changes. */
  readonly target: string;
  readonly description: string;
  /** What the fix costs the defender (hours, money: one unit across the set). 1 by default. */
  readonly cost: number;
}

/** What a node stands for, in words and in the twin's terms. */
export interface NodeFact {
  /** `execCode(host:web-1,root)`, `netAccess(host:db-1,tcp,5432)`, `RULE 2 remote exploit`… */
  readonly label: string;
  /** For an AND node: the rule's number in the documented rule set. */
  readonly rule?: number;
  /** The twin entities the fact is about (asset, vulnerability, credential, segment…). */
  readonly entities: readonly string[];
  /** The twin relation it comes from, for a leaf that is one (an allows, a has-vulnerability…). */
  readonly relation?: string;
  /** ATT&CK technique of an AND node's attacker action. */
  readonly technique?: string;
}

export interface AttackGraph {
  readonly nodeCount: number;
  /** NodeType per node. */
  readonly type: Uint8Array;
  /** CSR: the premises of node i are premises[premiseStart[i] .. premiseStart[i + 1]). */
  readonly premiseStart: Uint32Array;
  readonly premises: Uint32Array;
  /** AND: probability the step succeeds once its premises hold; 1 for OR and LEAF nodes. */
  readonly probability: Float64Array;
  /** AND: attacker actions the step takes (0 for pure inference, such as network access). */
  readonly steps: Uint8Array;
  /** LEAF: index into `fixes` of the fix that removes it; −1 when none does. */
  readonly leafFix: Int32Array;
  readonly fixes: readonly Fix[];
  /** The attacker's goals: OR nodes (compromise of a crown jewel). */
  readonly goals: Uint32Array;
  /** The fact behind node i. */
  fact(node: number): NodeFact;
}

/** CSR of the other direction: for each node, the nodes that list it as a premise. */
export interface Consumers {
  readonly start: Uint32Array;
  readonly nodes: Uint32Array;
}

export function consumersOf(graph: AttackGraph): Consumers {
  const n = graph.nodeCount;
  const start = new Uint32Array(n + 1);
  for (const premise of graph.premises) start[premise + 1] = (start[premise + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, n);
  const nodes = new Uint32Array(graph.premises.length);
  for (let node = 0; node < n; node++) {
    for (let p = graph.premiseStart[node] as number; p < (graph.premiseStart[node + 1] as number); p++) {
      const premise = graph.premises[p] as number;
      const slot = fill[premise] as number;
      nodes[slot] = node;
      fill[premise] = slot + 1;
    }
  }
  return { start, nodes };
}
