import { type AttackGraph, consumersOf } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';

// The minimum-cost hardening set by trying every subset of the allowed fixes, cheapest first, each
// checked with `deriveAll` on the whole graph. Exponential: a reference for tests on small graphs.
// It shares no code with the solvers (not even the relevant-subgraph reduction) on purpose.

export interface BruteForceHardeningOptions {
  readonly goals?: readonly number[];
  readonly allowedFixes?: (fixIndex: number) => boolean;
  /** Refuse more allowed fixes than this. 16 by default. */
  readonly maxFixes?: number;
}

export interface BruteForceHardeningResult {
  /** The minimum cost of a set of allowed fixes that cuts every cuttable goal. */
  readonly cost: number;
  /** Every inclusion-minimal set of that cost, each ascending, in the order tried. */
  readonly optimalSets: number[][];
  /** Chosen goals that hold even with every allowed fix applied. */
  readonly uncuttableGoals: number[];
}

export function bruteForceHardening(
  graph: AttackGraph,
  options: BruteForceHardeningOptions = {},
): BruteForceHardeningResult {
  const goals = [...new Set(options.goals ?? graph.goals)];
  const allowedFixes: number[] = [];
  for (let fix = 0; fix < graph.fixes.length; fix++)
    if (options.allowedFixes?.(fix) ?? true) allowedFixes.push(fix);
  const maxFixes = options.maxFixes ?? 16;
  if (allowedFixes.length > maxFixes)
    throw new RangeError(`${allowedFixes.length} allowed fixes is too many to try every subset`);
  const consumers = consumersOf(graph);
  const holdsWith = (mask: number): Uint8Array => {
    const removedFixes = new Uint8Array(graph.fixes.length);
    allowedFixes.forEach((fix, bit) => {
      if (mask & (1 << bit)) removedFixes[fix] = 1;
    });
    return deriveAll(graph, { removedFixes, consumers });
  };
  const all = (1 << allowedFixes.length) - 1;
  const withAll = holdsWith(all);
  const uncuttableGoals = goals.filter((goal) => withAll[goal] === 1);
  const targets = goals.filter((goal) => withAll[goal] !== 1);
  const cuts = (mask: number): boolean => {
    const holds = holdsWith(mask);
    return targets.every((goal) => holds[goal] !== 1);
  };

  const costOf = (mask: number): number => {
    let cost = 0;
    allowedFixes.forEach((fix, bit) => {
      if (mask & (1 << bit)) cost += graph.fixes[fix]?.cost ?? 0;
    });
    return cost;
  };
  const masks = Array.from({ length: all + 1 }, (_, mask) => mask);
  const costs = masks.map(costOf);
  masks.sort((a, b) => (costs[a] as number) - (costs[b] as number) || popCount(a) - popCount(b) || a - b);

  let best = Number.POSITIVE_INFINITY;
  const optimalMasks: number[] = [];
  for (const mask of masks) {
    const cost = costs[mask] as number;
    if (cost > best + 1e-9) break;
    if (!cuts(mask)) continue;
    best = Math.min(best, cost);
    // Inclusion-minimal: no single fix can be left out (fixing less never cuts more).
    let minimal = true;
    for (let bit = 0; bit < allowedFixes.length && minimal; bit++)
      if (mask & (1 << bit) && cuts(mask & ~(1 << bit))) minimal = false;
    if (minimal) optimalMasks.push(mask);
  }
  const optimalSets = optimalMasks.map((mask) => allowedFixes.filter((_, bit) => mask & (1 << bit)));
  return { cost: best, optimalSets, uncuttableGoals };
}

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}
