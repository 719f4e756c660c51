import { type AttackGraph, type Consumers, consumersOf, NodeType } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';

// The part of an attack graph that a choice of fixes can change, for the goals that matter.
//
// A node is kept when it holds in the unfixed least fixpoint (a node that does not hold then holds
// under no choice of fixes: removing leaves only shrinks the fixpoint), is not a constant, and is
// an ancestor-by-premise of a chosen goal. A constant is a node that still holds once every
// allowed fix is applied: a leaf no allowed fix removes, an AND node whose premises are all
// constants, an OR node with a constant AND node. Constants hold under every choice, so they drop
// out of AND premise lists; an OR node with a constant premise is itself constant; a goal that is
// constant cannot be cut. What is left is then shrunk further, without changing which kept node
// holds under any set of allowed fixes:
//
// - all leaves removed by one fix become one leaf (they hold and fail together);
// - a node left with exactly one distinct premise (an OR node with one live AND node, an AND node
//   with one non-constant premise) is that premise, so its consumers use the premise directly;
// - duplicate premises are listed once, and an OR node does not list itself.
//
// The result is itself an AttackGraph over the same `fixes`, so `deriveAll` works on it. Its node
// types keep their AND/OR meaning, but after the collapse an OR node's premise may be a leaf or an
// OR node and an AND node's premise an AND node; probabilities and steps are those of the
// original node and mean nothing for the collapsed chains. Use it for cut problems only.

export interface RelevantSubgraphOptions {
  /** The goals to cut (node indices of `graph`). All of `graph.goals` by default. */
  readonly goals?: readonly number[];
  /** allowed[f] = 1 when fix f may be applied. Every fix by default. */
  readonly allowed?: Uint8Array;
  /** Reuse across calls on one graph. */
  readonly consumers?: Consumers;
}

export interface RelevantSubgraph {
  /** The reduced graph; its goals are the distinct nodes the cuttable goals collapse to. */
  readonly graph: AttackGraph;
  /** For each node of `graph`, a node of the original graph it stands for. */
  readonly origin: Uint32Array;
  /** The allowed fixes that can matter, ascending; node i < fixes.length is the leaf of fixes[i]. */
  readonly fixes: Uint32Array;
  /** Chosen goals that hold unfixed and some set of allowed fixes cuts. */
  readonly cuttableGoals: readonly number[];
  /** For each of `cuttableGoals`, the node of `graph` it collapsed to. */
  readonly goalNodes: Uint32Array;
  /** Chosen goals that hold whatever allowed fixes are applied. */
  readonly uncuttableGoals: readonly number[];
  /** Chosen goals that do not hold even with no fix applied. */
  readonly unreachableGoals: readonly number[];
}

/** How many times the reduction is run again on its own output to catch chains it exposed. */
const maximumPasses = 4;

export function relevantSubgraph(
  graph: AttackGraph,
  options: RelevantSubgraphOptions = {},
): RelevantSubgraph {
  const goals = options.goals ?? Array.from(graph.goals);
  for (const goal of goals) {
    if (!Number.isInteger(goal) || goal < 0 || goal >= graph.nodeCount)
      throw new RangeError(`goal ${goal} is not a node of the graph`);
  }
  const allowed = options.allowed ?? new Uint8Array(graph.fixes.length).fill(1);
  if (allowed.length !== graph.fixes.length)
    throw new RangeError(`allowed has ${allowed.length} entries for ${graph.fixes.length} fixes`);
  const consumers = options.consumers ?? consumersOf(graph);
  const holds = deriveAll(graph, { consumers });
  const constant = deriveAll(graph, { consumers, removedFixes: allowed });

  const cuttableGoals: number[] = [];
  const uncuttableGoals: number[] = [];
  const unreachableGoals: number[] = [];
  const seen = new Set<number>();
  for (const goal of goals) {
    if (seen.has(goal)) continue;
    seen.add(goal);
    if (holds[goal] !== 1) unreachableGoals.push(goal);
    else if (constant[goal] === 1) uncuttableGoals.push(goal);
    else cuttableGoals.push(goal);
  }

  let pass = reduce(graph, cuttableGoals, (node) => holds[node] === 1 && constant[node] !== 1);
  for (let round = 1; round < maximumPasses && pass.singlePremiseNodes > 0; round++) {
    const before = pass.graph.nodeCount;
    const next = reduce(pass.graph, Array.from(pass.goalNodes), () => true);
    if (next.graph.nodeCount >= before) break;
    const origin = new Uint32Array(next.graph.nodeCount);
    for (let node = 0; node < origin.length; node++)
      origin[node] = pass.origin[next.origin[node] as number] as number;
    pass = { ...next, origin };
  }
  const { graph: sub, origin, fixes, goalNodes } = pass;
  return { graph: sub, origin, fixes, goalNodes, cuttableGoals, uncuttableGoals, unreachableGoals };
}

interface Pass {
  readonly graph: AttackGraph;
  readonly origin: Uint32Array;
  readonly fixes: Uint32Array;
  /** Per goal passed in, its node in `graph`. */
  readonly goalNodes: Uint32Array;
  /** Nodes of `graph` other than leaves left with one premise (dedup can expose new chains). */
  readonly singlePremiseNodes: number;
}

/**
 * One reduction: keep the `live` ancestors of `goals`, one leaf per fix, chains collapsed.
 * `live(node)` says a node holds unfixed and is not constant; every goal must be live.
 */
function reduce(graph: AttackGraph, goals: readonly number[], live: (node: number) => boolean): Pass {
  const n = graph.nodeCount;
  const fixCount = graph.fixes.length;
  const { type, premiseStart, premises, leafFix } = graph;

  // Backward walk from the goals over live premises.
  const relevant = new Uint8Array(n);
  const stack = new Uint32Array(n);
  let top = 0;
  for (const goal of goals) {
    if (relevant[goal] === 1) continue;
    relevant[goal] = 1;
    stack[top++] = goal;
  }
  const fixUsed = new Uint8Array(fixCount);
  while (top > 0) {
    const node = stack[--top] as number;
    if (type[node] === NodeType.Leaf) {
      fixUsed[leafFix[node] as number] = 1;
      continue;
    }
    for (let p = premiseStart[node] as number; p < (premiseStart[node + 1] as number); p++) {
      const premise = premises[p] as number;
      if (relevant[premise] === 1 || !live(premise)) continue;
      relevant[premise] = 1;
      stack[top++] = premise;
    }
  }

  // A key per node: a leaf's key is n + its fix, any other node's key is itself.
  const keyOf = (node: number): number =>
    type[node] === NodeType.Leaf ? n + (leafFix[node] as number) : node;

  // single[node] = the key of its one distinct live premise; −1 when it has none or several.
  const single = new Int32Array(n).fill(-1);
  const stamp = new Int32Array(n + fixCount);
  for (let node = 0; node < n; node++) {
    if (relevant[node] !== 1 || type[node] === NodeType.Leaf) continue;
    let distinct = 0;
    let only = -1;
    for (let p = premiseStart[node] as number; p < (premiseStart[node + 1] as number); p++) {
      const premise = premises[p] as number;
      if (relevant[premise] !== 1) continue;
      const key = keyOf(premise);
      if (stamp[key] === node + 1) continue;
      stamp[key] = node + 1;
      distinct++;
      only = key;
      if (distinct > 1) break;
    }
    if (distinct === 1 && only !== node) single[node] = only;
  }

  // rep[node]: the key a node stands for once single-premise chains are followed (−2: on the
  // chain being followed). A loop of single-premise nodes never holds (and so cannot be live);
  // should one occur anyway, the node where it closes stands for itself and keeps its premise.
  const rep = new Int32Array(n).fill(-1);
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    if (relevant[start] !== 1 || type[start] === NodeType.Leaf || rep[start] !== -1) continue;
    let key = start;
    while (key < n && rep[key] === -1 && single[key] !== -1) {
      rep[key] = -2;
      path.push(key);
      key = single[key] as number;
    }
    const target = key < n && (rep[key] as number) >= 0 ? (rep[key] as number) : key;
    for (const node of path) rep[node] = target;
    if (key < n && rep[key] === -1) rep[key] = key;
    path.length = 0;
  }

  // Number the kept nodes: one leaf per used fix, then the nodes that are their own representative.
  const subOfKey = new Int32Array(n + fixCount).fill(-1);
  const fixes: number[] = [];
  for (let fix = 0; fix < fixCount; fix++) {
    if (fixUsed[fix] !== 1) continue;
    subOfKey[n + fix] = fixes.length;
    fixes.push(fix);
  }
  const origin: number[] = [];
  const fixLeafOrigin = new Int32Array(fixCount).fill(-1);
  for (let node = 0; node < n; node++) {
    if (relevant[node] === 1 && type[node] === NodeType.Leaf && fixLeafOrigin[leafFix[node] as number] === -1)
      fixLeafOrigin[leafFix[node] as number] = node;
  }
  for (const fix of fixes) origin.push(fixLeafOrigin[fix] as number);
  for (let node = 0; node < n; node++) {
    if (relevant[node] === 1 && type[node] !== NodeType.Leaf && rep[node] === node) {
      subOfKey[node] = origin.length;
      origin.push(node);
    }
  }

  const count = origin.length;
  const subType = new Uint8Array(count);
  const probability = new Float64Array(count).fill(1);
  const steps = new Uint8Array(count);
  const subLeafFix = new Int32Array(count).fill(-1);
  const subPremiseStart = new Uint32Array(count + 1);
  const subPremises = new Uint32Array(premises.length);
  let edges = 0;
  let singlePremiseNodes = 0;
  const seenKey = new Int32Array(count).fill(-1);
  for (let sub = 0; sub < count; sub++) {
    subPremiseStart[sub] = edges;
    if (sub < fixes.length) {
      subType[sub] = NodeType.Leaf;
      subLeafFix[sub] = fixes[sub] as number;
      continue;
    }
    const node = origin[sub] as number;
    subType[sub] = type[node] as number;
    probability[sub] = graph.probability[node] as number;
    steps[sub] = graph.steps[node] as number;
    const first = edges;
    for (let p = premiseStart[node] as number; p < (premiseStart[node + 1] as number); p++) {
      const premise = premises[p] as number;
      if (relevant[premise] !== 1) continue;
      const target = subOfKey[type[premise] === NodeType.Leaf ? keyOf(premise) : (rep[premise] as number)];
      if (target === undefined || target < 0) throw new Error(`internal: premise ${premise} lost its node`);
      if (seenKey[target] === sub) continue;
      if (target === sub && subType[sub] === NodeType.Or) continue;
      seenKey[target] = sub;
      subPremises[edges++] = target;
    }
    if (edges - first === 1) singlePremiseNodes++;
  }
  subPremiseStart[count] = edges;

  const goalNodes = new Uint32Array(goals.length);
  const subGoals: number[] = [];
  const goalSeen = new Uint8Array(count);
  goals.forEach((goal, index) => {
    const target = subOfKey[type[goal] === NodeType.Leaf ? keyOf(goal) : (rep[goal] as number)] as number;
    goalNodes[index] = target;
    if (goalSeen[target] === 1) return;
    goalSeen[target] = 1;
    subGoals.push(target);
  });

  const originArray = Uint32Array.from(origin);
  const sub: AttackGraph = {
    nodeCount: count,
    type: subType,
    premiseStart: subPremiseStart,
    premises: subPremises.slice(0, edges),
    probability,
    steps,
    leafFix: subLeafFix,
    fixes: graph.fixes,
    goals: Uint32Array.from(subGoals),
    fact: (node) => graph.fact(originArray[node] as number),
  };
  return { graph: sub, origin: originArray, fixes: Uint32Array.from(fixes), goalNodes, singlePremiseNodes };
}
