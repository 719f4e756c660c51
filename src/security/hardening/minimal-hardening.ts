import { type AttackGraph, consumersOf } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { removedMask, totalCost } from './cut-check.js';
import { exactHardening } from './exact-hardening.js';
import { greedyHardening, greedyNodeThreshold } from './greedy-hardening.js';
import { relevantSubgraph } from './relevant-subgraph.js';

// The minimal hardening set: the cheapest set of fixes after which no chosen goal holds in the
// least fixpoint, i.e. every attack path to the crown jewels is cut.

export interface MinimalHardeningOptions {
  /** The goals to cut (node indices). All of `graph.goals` by default. */
  readonly goals?: readonly number[];
  /** Which fixes may be applied (say, not the entry point's). Every fix by default. */
  readonly allowedFixes?: (fixIndex: number) => boolean;
  /**
   * 'auto' (default): exact up to `exactNodeLimit` relevant nodes (unless the greedy's lower bound
   * already proves its answer optimal), greedy beyond. 'exact' always runs HiGHS.
   */
  readonly method?: 'auto' | 'exact' | 'greedy';
  /** HiGHS's budget for the exact method. 10 s by default. */
  readonly timeLimitSeconds?: number;
  /** Exact method: also list every optimal set (up to `maxSolutions`, 20 by default). */
  readonly enumerate?: boolean;
  readonly maxSolutions?: number;
  /** The relevant-subgraph size up to which 'auto' uses the exact method (`greedyNodeThreshold`). */
  readonly exactNodeLimit?: number;
}

export interface HardeningResult {
  /** The method that produced `fixes`: 'greedy' also when the exact one found nothing in time. */
  readonly method: 'exact' | 'greedy';
  /** Indices into graph.fixes, ascending. They cut every chosen goal except `uncuttableGoals`. */
  readonly fixes: number[];
  readonly cost: number;
  /** `fixes` is proved to be of least cost. */
  readonly optimal: boolean;
  /** The optimum costs at least this much. */
  readonly lowerBound: number;
  /** With `enumerate` (exact): the optimal sets found, `fixes` first. */
  readonly alternatives?: number[][];
  /** With `enumerate`: whether `alternatives` is known to be every optimal set. */
  readonly alternativesComplete?: boolean;
  /** Exact method: relative MIP gap when HiGHS stopped at the time limit (0 when optimal). */
  readonly gap?: number;
  /**
   * Chosen goals that stay reachable whatever allowed fixes are applied. When there are any, no
   * allowed set cuts every goal; `fixes` then cuts all the others.
   */
  readonly uncuttableGoals: number[];
  /** Nodes of the relevant subgraph the solver worked on. */
  readonly subgraphNodes: number;
  readonly seconds: number;
}

export async function minimalHardeningSet(
  graph: AttackGraph,
  options: MinimalHardeningOptions = {},
): Promise<HardeningResult> {
  const started = performance.now();
  const allowed = new Uint8Array(graph.fixes.length);
  for (let fix = 0; fix < graph.fixes.length; fix++) {
    if (!(options.allowedFixes?.(fix) ?? true)) continue;
    allowed[fix] = 1;
    const cost = graph.fixes[fix]?.cost;
    if (cost === undefined || !Number.isFinite(cost) || cost < 0)
      throw new RangeError(
        `fix ${graph.fixes[fix]?.id ?? fix} has cost ${cost}; costs must be finite and ≥ 0`,
      );
  }
  const method = options.method ?? 'auto';
  const consumers = consumersOf(graph);
  const relevant = relevantSubgraph(graph, {
    allowed,
    consumers,
    ...(options.goals ? { goals: options.goals } : {}),
  });
  const subgraphNodes = relevant.graph.nodeCount;
  const uncuttableGoals = [...relevant.uncuttableGoals];
  const seconds = () => (performance.now() - started) / 1000;

  let result: Omit<HardeningResult, 'uncuttableGoals' | 'subgraphNodes' | 'seconds'>;
  if (relevant.cuttableGoals.length === 0) {
    result = {
      method: method === 'greedy' ? 'greedy' : 'exact',
      fixes: [],
      cost: 0,
      optimal: true,
      lowerBound: 0,
      ...(options.enumerate ? { alternatives: [[]], alternativesComplete: true } : {}),
    };
  } else {
    const greedy = greedyHardening(relevant);
    const useExact =
      method === 'exact' ||
      (method === 'auto' && subgraphNodes <= (options.exactNodeLimit ?? greedyNodeThreshold));
    const provedByBound = greedy.lowerBound >= greedy.cost - 1e-9 * Math.max(1, greedy.cost);
    const greedyResult = {
      method: 'greedy' as const,
      fixes: greedy.fixes,
      cost: greedy.cost,
      optimal: provedByBound,
      lowerBound: greedy.lowerBound,
    };
    // 'auto' skips HiGHS when the greedy's own bound proves it optimal (and no list is asked for).
    if (!useExact || (method === 'auto' && provedByBound && !options.enumerate)) result = greedyResult;
    else {
      const exact = await exactHardening(relevant, {
        start: greedy.fixes,
        ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
        ...(options.enumerate ? { enumerate: true } : {}),
        ...(options.maxSolutions !== undefined ? { maxSolutions: options.maxSolutions } : {}),
      });
      const lowerBound = Math.max(exact.lowerBound, greedy.lowerBound);
      if (exact.fixes === null || exact.cost > greedy.cost) {
        result = { ...greedyResult, lowerBound: Math.min(lowerBound, greedy.cost) };
      } else {
        result = {
          method: 'exact',
          fixes: exact.fixes,
          cost: exact.cost,
          optimal: exact.optimal || lowerBound >= exact.cost - 1e-9 * Math.max(1, exact.cost),
          lowerBound: Math.min(lowerBound, exact.cost),
          gap: exact.optimal
            ? 0
            : exact.cost > 0
              ? (exact.cost - Math.min(lowerBound, exact.cost)) / exact.cost
              : 0,
          ...(exact.alternatives
            ? { alternatives: exact.alternatives, alternativesComplete: exact.alternativesComplete ?? false }
            : {}),
        };
      }
    }
  }

  verify(graph, consumers, allowed, relevant.cuttableGoals, uncuttableGoals, result.fixes);
  for (const alternative of result.alternatives ?? []) {
    verify(graph, consumers, allowed, relevant.cuttableGoals, uncuttableGoals, alternative);
    if (Math.abs(totalCost(graph, alternative) - result.cost) > 1e-6 * Math.max(1, result.cost))
      throw new Error('internal: an alternative hardening set does not cost the optimum');
  }
  return { ...result, uncuttableGoals, subgraphNodes, seconds: seconds() };
}

/** Checks an answer on the whole graph: allowed fixes only, every cuttable goal cut. */
function verify(
  graph: AttackGraph,
  consumers: ReturnType<typeof consumersOf>,
  allowed: Uint8Array,
  cuttableGoals: readonly number[],
  uncuttableGoals: readonly number[],
  fixes: readonly number[],
): void {
  for (const fix of fixes)
    if (allowed[fix] !== 1)
      throw new Error(`internal: the hardening set uses fix ${fix}, which is not allowed`);
  const holds = deriveAll(graph, { removedFixes: removedMask(graph, fixes), consumers });
  for (const goal of cuttableGoals)
    if (holds[goal] === 1) throw new Error(`internal: goal ${goal} still holds after the hardening set`);
  for (const goal of uncuttableGoals)
    if (holds[goal] !== 1) throw new Error(`internal: goal ${goal}, deemed uncuttable, was cut`);
}
