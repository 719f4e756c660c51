// The exact probability that a node is compromised, by enumerating every outcome of the uncertain
// AND nodes: the reference the Monte Carlo estimate is checked against. Exponential, so only for
// small graphs and tests.
import { type AttackGraph, consumersOf, NodeType } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { EarliestTimeSolver, NEVER } from './earliest-times.js';

/** More uncertain AND nodes than this and enumeration refuses (2^20 outcomes). */
export const maxEnumeratedAnds = 20;

export interface ExactOptions {
  /** Compromised within this many steps; Infinity (the default): ever. */
  readonly maxSteps?: number;
  /** removed[f] = 1: fix f is applied. */
  readonly removedFixes?: Uint8Array;
}

/**
 * P(node holds), summing over all 2^k outcomes of the k AND nodes whose probability is strictly
 * between 0 and 1 (AND nodes of probability 1 always succeed, of probability 0 never) the
 * probability of the outcomes in which the node holds: by deriveAll, or by its earliest time when
 * `maxSteps` is finite. Throws when k > 20.
 */
export function exactProbabilityByEnumeration(
  graph: AttackGraph,
  node: number,
  options: ExactOptions = {},
): number {
  if (!Number.isInteger(node) || node < 0 || node >= graph.nodeCount)
    throw new RangeError(`node ${node} is not in the graph`);
  const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
  if (!(maxSteps >= 0)) throw new RangeError(`maxSteps must be at least 0, got ${maxSteps}`);
  const uncertain: number[] = [];
  const succeeds = new Uint8Array(graph.nodeCount);
  for (let i = 0; i < graph.nodeCount; i++) {
    if (graph.type[i] !== NodeType.And) continue;
    const p = graph.probability[i] as number;
    if (p >= 1) succeeds[i] = 1;
    else if (p > 0) uncertain.push(i);
  }
  const k = uncertain.length;
  if (k > maxEnumeratedAnds)
    throw new RangeError(`${k} uncertain AND nodes: enumeration is limited to ${maxEnumeratedAnds}`);
  const consumers = consumersOf(graph);
  const solver = Number.isFinite(maxSteps)
    ? new EarliestTimeSolver(graph, { consumers, removedFixes: options.removedFixes })
    : undefined;
  const deriveOptions = {
    consumers,
    removedFixes: options.removedFixes,
    succeeds: (and: number) => succeeds[and] === 1,
  };
  // Neumaier's compensated sum: up to 2^20 terms, and the known answers are checked to 1e-12.
  let sum = 0;
  let compensation = 0;
  for (let outcome = 0; outcome < 2 ** k; outcome++) {
    let weight = 1;
    for (let bit = 0; bit < k; bit++) {
      const and = uncertain[bit] as number;
      const p = graph.probability[and] as number;
      const success = (outcome >>> bit) & 1;
      succeeds[and] = success;
      weight *= success === 1 ? p : 1 - p;
    }
    const holds = solver
      ? (solver.solve(succeeds, maxSteps)[node] as number) !== NEVER
      : deriveAll(graph, deriveOptions)[node] === 1;
    if (!holds) continue;
    const total = sum + weight;
    compensation += Math.abs(sum) >= weight ? sum - total + weight : weight - total + sum;
    sum = total;
  }
  // Outcomes whose weights add up to 1 may round just past it.
  return Math.min(1, Math.max(0, sum + compensation));
}
