import type { AttackGraph, Consumers } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';

// Small shared checks on a set of fixes: what it costs, which goals it leaves open, and how to
// make it minimal.

/** removed[f] = 1 for each fix in `fixes`. */
export function removedMask(graph: AttackGraph, fixes: Iterable<number>): Uint8Array {
  const removed = new Uint8Array(graph.fixes.length);
  for (const fix of fixes) removed[fix] = 1;
  return removed;
}

/** The total cost of a set of fixes. */
export function totalCost(graph: AttackGraph, fixes: Iterable<number>): number {
  let cost = 0;
  for (const fix of fixes) cost += graph.fixes[fix]?.cost ?? Number.NaN;
  return cost;
}

/** The goals that still hold in the least fixpoint once `fixes` are applied. */
export function openGoals(
  graph: AttackGraph,
  fixes: Iterable<number>,
  goals: Iterable<number>,
  consumers?: Consumers,
): number[] {
  const holds = deriveAll(
    graph,
    consumers
      ? { removedFixes: removedMask(graph, fixes), consumers }
      : {
          removedFixes: removedMask(graph, fixes),
        },
  );
  const open: number[] = [];
  for (const goal of goals) if (holds[goal] === 1) open.push(goal);
  return open;
}

/**
 * Reverse delete: drops, most expensive first, each fix without which every goal stays cut. The
 * result is minimal (no single fix can be dropped): fixing less never cuts more, so a fix kept
 * because dropping it reopened a goal is still needed once others are dropped.
 */
export function dropRedundantFixes(
  graph: AttackGraph,
  fixes: readonly number[],
  goals: readonly number[],
  consumers?: Consumers,
): number[] {
  const chosen = new Set(fixes);
  const order = [...chosen].sort((a, b) => fixCost(graph, b) - fixCost(graph, a) || b - a);
  for (const fix of order) {
    chosen.delete(fix);
    if (openGoals(graph, chosen, goals, consumers).length > 0) chosen.add(fix);
  }
  return [...chosen].sort((a, b) => a - b);
}

function fixCost(graph: AttackGraph, fix: number): number {
  return graph.fixes[fix]?.cost ?? 0;
}
