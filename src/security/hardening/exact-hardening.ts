import type { Model } from 'highs';
import { consumersOf, NodeType } from '../graph/attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { dropRedundantFixes, openGoals, removedMask, totalCost } from './cut-check.js';
import { loadHighs } from './highs-solver.js';
import type { RelevantSubgraph } from './relevant-subgraph.js';

// The exact minimum-cost hardening set, as a mixed-integer program solved by HiGHS.
//
// Formulation, on the relevant subgraph (every leaf there is removable by an allowed fix, and each
// fix has one leaf):
//
//   binary     x_f ∈ {0, 1}   per fix f (1 = apply it)
//   continuous d_v ∈ [0, 1]   per AND/OR node v (1 = "still derivable")
//   leaf l of fix f:                 d_l ≥ 1 − x_f
//   AND v with premises p1..pk:      d_v ≥ Σ d_pi − (k − 1)
//   OR v, for each premise p:        d_v ≥ d_p
//   each goal g:                     d_g ≤ 0
//   minimise Σ cost_f · x_f
//
// A leaf's d is substituted by 1 − x_f (so leaves need no column of their own), a goal that is a
// leaf becomes x_f = 1, and an AND node consumed only by one OR node is written straight into that
// OR node's row (d_or ≥ Σ d_pi − (k − 1)), which leaves the feasible x unchanged.
//
// Why this is exact, cycles included: for fixed x, every d has only lower bounds, and the least d
// meeting them is the indicator of the least fixpoint. (The fixpoint's indicator h meets them,
// since h is closed under the rules; and any feasible d ≥ h, by induction on the order in which the
// fixpoint derives nodes: a derived AND node has all premises at d = 1, so its bound is 1.) So the
// goals' bounds d_g ≤ 0 can be met exactly when no goal holds in the least fixpoint once the
// chosen fixes are applied. A formulation that instead reads an OR node as "one of its AND nodes
// holds" with an upper bound (d_or ≤ Σ d_and) would let a cycle of OR nodes support itself and
// call a goal cut while its nodes justify one another; here a cycle can only keep d high if
// something outside it forces it up.
//
// Enumeration of all optimal sets: after an optimum of cost C, add Σ cost·x ≤ C and, for every
// optimal set S found, the no-good cut Σ_{f ∈ S} x_f ≤ |S| − 1 (which also excludes supersets of
// S; with positive costs no superset is optimal, and sets are reduced to minimal ones before they
// are cut off, so fixes of cost 0 do not produce supersets either); solve again until infeasible.

export interface ExactHardeningOptions {
  /** Wall-clock budget for all HiGHS runs of this call. 10 s by default. */
  readonly timeLimitSeconds?: number;
  /** Also find every optimal set (up to `maxSolutions`). */
  readonly enumerate?: boolean;
  /** The most optimal sets to return when enumerating. 20 by default. */
  readonly maxSolutions?: number;
  /** A set of fixes known to cut every goal of the subgraph, handed to HiGHS as a MIP start. */
  readonly start?: readonly number[];
}

export interface ExactHardeningResult {
  /** The best set found (fix indices, ascending); null when HiGHS stopped before finding any. */
  readonly fixes: number[] | null;
  readonly cost: number;
  /** HiGHS proved `fixes` optimal. */
  readonly optimal: boolean;
  /** Relative MIP gap at the end: 0 when optimal. */
  readonly gap: number;
  /** A proved lower bound on the optimum (the optimum itself when optimal). */
  readonly lowerBound: number;
  /** With `enumerate`: every optimal set found, the first being `fixes`. */
  readonly alternatives?: number[][];
  /** With `enumerate`: true when `alternatives` is known to hold every optimal set. */
  readonly alternativesComplete?: boolean;
  /** The HiGHS model status of the first run. */
  readonly status: number;
  readonly seconds: number;
}

export const defaultTimeLimitSeconds = 10;
export const defaultMaxSolutions = 20;

const status = { optimal: 7, infeasible: 8 } as const;

/** The MILP above as CPLEX LP text, with names x<i> (leaf i of the subgraph) and d<v>. */
export function hardeningLp(relevant: RelevantSubgraph): string {
  const graph = relevant.graph;
  const { type, premiseStart, premises } = graph;
  const consumers = consumersOf(graph);
  const isGoal = new Uint8Array(graph.nodeCount);
  for (const goal of graph.goals) isGoal[goal] = 1;
  // An AND node whose only consumer is an OR node (and not a goal) needs no column: its row is
  // written with the OR node's d in place of its own, which replaces the OR row d_or ≥ d_and.
  const inlined = new Uint8Array(graph.nodeCount);
  for (let node = 0; node < graph.nodeCount; node++) {
    const start = consumers.start[node] as number;
    if (
      type[node] === NodeType.And &&
      isGoal[node] !== 1 &&
      (consumers.start[node + 1] as number) - start === 1 &&
      type[consumers.nodes[start] as number] === NodeType.Or
    )
      inlined[node] = 1;
  }

  const lines: string[] = ['Minimize'];
  const objective: string[] = [];
  for (let leaf = 0; leaf < relevant.fixes.length; leaf++) {
    const cost = graph.fixes[relevant.fixes[leaf] as number]?.cost ?? 0;
    objective.push(`${objective.length === 0 ? '' : '+ '}${formatNumber(cost)} x${leaf}`);
  }
  pushWrapped(lines, ' obj:', objective.length > 0 ? objective : ['0 x0']);
  lines.push('Subject To');
  let row = 0;
  const terms: string[] = [];
  // d_target − Σ d_p (non-leaf premises) + Σ x_f (leaf premises) ≥ 1 − (number of non-leaf premises)
  const andRow = (target: number, and: number): void => {
    terms.length = 0;
    terms.push(`d${target}`);
    let nonLeaf = 0;
    for (let p = premiseStart[and] as number; p < (premiseStart[and + 1] as number); p++) {
      const premise = premises[p] as number;
      if (type[premise] === NodeType.Leaf) terms.push(`+ x${premise}`);
      else {
        terms.push(`- d${premise}`);
        nonLeaf++;
      }
    }
    pushWrapped(lines, ` r${row++}:`, terms, `>= ${1 - nonLeaf}`);
  };
  for (let node = 0; node < graph.nodeCount; node++) {
    const t = type[node];
    if (t === NodeType.Leaf || inlined[node] === 1) continue;
    if (t === NodeType.And) {
      andRow(node, node);
      continue;
    }
    for (let p = premiseStart[node] as number; p < (premiseStart[node + 1] as number); p++) {
      const premise = premises[p] as number;
      if (type[premise] === NodeType.Leaf) lines.push(` r${row++}: d${node} + x${premise} >= 1`);
      else if (inlined[premise] === 1) andRow(node, premise);
      else lines.push(` r${row++}: d${node} - d${premise} >= 0`);
    }
  }
  if (row === 0) lines.push(' r0: x0 >= 0');
  lines.push('Bounds');
  for (let node = 0; node < graph.nodeCount; node++) {
    if (type[node] === NodeType.Leaf) {
      if (isGoal[node] === 1) lines.push(` 1 <= x${node} <= 1`);
    } else if (inlined[node] !== 1) lines.push(` 0 <= d${node} <= ${isGoal[node] === 1 ? 0 : 1}`);
  }
  lines.push('Binaries');
  const binaries: string[] = [];
  for (let leaf = 0; leaf < relevant.fixes.length; leaf++) binaries.push(`x${leaf}`);
  pushWrapped(lines, '', binaries.length > 0 ? binaries : ['x0']);
  lines.push('End', '');
  return lines.join('\n');
}

export async function exactHardening(
  relevant: RelevantSubgraph,
  options: ExactHardeningOptions = {},
): Promise<ExactHardeningResult> {
  const started = performance.now();
  const timeLimit = options.timeLimitSeconds ?? defaultTimeLimitSeconds;
  if (!(timeLimit > 0)) throw new RangeError(`timeLimitSeconds must be positive, not ${timeLimit}`);
  const maxSolutions = options.maxSolutions ?? defaultMaxSolutions;
  if (!(Number.isInteger(maxSolutions) && maxSolutions >= 1))
    throw new RangeError(`maxSolutions must be a positive integer, not ${maxSolutions}`);
  const graph = relevant.graph;
  const goals = Array.from(graph.goals);
  const seconds = () => (performance.now() - started) / 1000;

  if (goals.length === 0) {
    return {
      fixes: [],
      cost: 0,
      optimal: true,
      gap: 0,
      lowerBound: 0,
      ...(options.enumerate ? { alternatives: [[]], alternativesComplete: true } : {}),
      status: status.optimal,
      seconds: seconds(),
    };
  }

  const highs = await loadHighs();
  const consumers = consumersOf(graph);
  const model = highs.createModel({ format: 'lp', data: hardeningLp(relevant) });
  try {
    const columns = columnsOf(model, relevant);
    model.options.set({ output_flag: false, mip_rel_gap: 0 });
    if (options.start) setStart(model, relevant, columns, options.start);

    const run = (): number => {
      const remaining = timeLimit - seconds();
      if (remaining <= 0) return -1;
      model.options.set('time_limit', remaining);
      model.zeroAllClocks();
      return model.run().modelStatus;
    };
    const incumbent = (): number[] | null => {
      if (Number(model.info.get('primal_solution_status')) !== 2) return null;
      const values = model.getSolution().colValue;
      const chosen: number[] = [];
      for (let leaf = 0; leaf < relevant.fixes.length; leaf++) {
        const column = columns.x[leaf] as number;
        if (column >= 0 && (values[column] as number) > 0.5) chosen.push(relevant.fixes[leaf] as number);
      }
      // Drop what the goals do not need (fixes of cost 0, or slack in an unproved incumbent).
      return dropRedundantFixes(graph, chosen, goals, consumers);
    };

    const first = run();
    if (first === status.infeasible)
      throw new Error('internal: the hardening MILP is infeasible though every fix together cuts every goal');
    const fixes = incumbent();
    if (fixes && openGoals(graph, fixes, goals, consumers).length > 0)
      throw new Error('internal: the MILP solution leaves a goal of the subgraph open');
    const optimal = first === status.optimal && fixes !== null;
    const cost = fixes ? totalCost(graph, fixes) : Number.POSITIVE_INFINITY;
    const lowerBound = optimal ? cost : Math.min(cost, Math.max(0, dualBound(model)));
    const gap = optimal ? 0 : fixes && cost > 0 ? (cost - lowerBound) / cost : Number.POSITIVE_INFINITY;

    let alternatives: number[][] | undefined;
    let alternativesComplete: boolean | undefined;
    if (options.enumerate && fixes) {
      alternatives = [fixes];
      alternativesComplete = false;
      if (optimal) {
        const costRow = columnsCost(relevant, columns);
        const leafOf = new Map<number, number>();
        for (let leaf = 0; leaf < relevant.fixes.length; leaf++)
          leafOf.set(relevant.fixes[leaf] as number, leaf);
        model.addRow(-Infinity, cost + 1e-7 * Math.max(1, cost), costRow);
        for (;;) {
          addNoGood(model, columns, leafOf, alternatives[alternatives.length - 1] as number[]);
          const next = run();
          if (next === status.infeasible) {
            alternativesComplete = true;
            break;
          }
          if (next !== status.optimal || alternatives.length >= maxSolutions) break;
          const found = incumbent();
          if (!found || totalCost(graph, found) > cost + 1e-6 * Math.max(1, cost)) break;
          alternatives.push(found);
        }
      }
    }
    return {
      fixes,
      cost,
      optimal,
      gap,
      lowerBound,
      ...(alternatives ? { alternatives, alternativesComplete } : {}),
      status: first,
      seconds: seconds(),
    };
  } finally {
    model.dispose();
  }
}

interface Columns {
  /** Column of x<leaf>, −1 when HiGHS dropped it. */
  readonly x: Int32Array;
  /** Column of d<node>, −1 for leaves. */
  readonly d: Int32Array;
  readonly count: number;
}

function columnsOf(model: Model, relevant: RelevantSubgraph): Columns {
  const x = new Int32Array(relevant.fixes.length).fill(-1);
  const d = new Int32Array(relevant.graph.nodeCount).fill(-1);
  const count = model.getDimensions().numCols;
  for (let column = 0; column < count; column++) {
    const name = model.getColName(column);
    const index = Number(name.slice(1));
    if (name.startsWith('x') && index < x.length) x[index] = column;
    else if (name.startsWith('d') && index < d.length) d[index] = column;
  }
  return { x, d, count };
}

/** Hands HiGHS a known cut as a starting incumbent, with d set to the fixpoint it leaves. */
function setStart(
  model: Model,
  relevant: RelevantSubgraph,
  columns: Columns,
  start: readonly number[],
): void {
  const graph = relevant.graph;
  const holds = deriveAll(graph, { removedFixes: removedMask(graph, start) });
  const chosen = new Set(start);
  const values = new Float64Array(columns.count);
  for (let leaf = 0; leaf < relevant.fixes.length; leaf++) {
    const column = columns.x[leaf] as number;
    if (column >= 0) values[column] = chosen.has(relevant.fixes[leaf] as number) ? 1 : 0;
  }
  for (let node = 0; node < graph.nodeCount; node++) {
    const column = columns.d[node] as number;
    if (column >= 0) values[column] = holds[node] as number;
  }
  try {
    model.setSolution({ colValue: values });
  } catch {
    // A rejected start only costs time.
  }
}

function columnsCost(relevant: RelevantSubgraph, columns: Columns): { indices: number[]; values: number[] } {
  const indices: number[] = [];
  const values: number[] = [];
  for (let leaf = 0; leaf < relevant.fixes.length; leaf++) {
    const column = columns.x[leaf] as number;
    const cost = relevant.graph.fixes[relevant.fixes[leaf] as number]?.cost ?? 0;
    if (column < 0 || cost === 0) continue;
    indices.push(column);
    values.push(cost);
  }
  return { indices, values };
}

function addNoGood(
  model: Model,
  columns: Columns,
  leafOf: ReadonlyMap<number, number>,
  fixes: readonly number[],
): void {
  const indices: number[] = [];
  for (const fix of fixes) {
    const column = columns.x[leafOf.get(fix) ?? -1];
    if (column !== undefined && column >= 0) indices.push(column);
  }
  indices.sort((a, b) => a - b);
  model.addRow(-Infinity, indices.length - 1, { indices, values: indices.map(() => 1) });
}

function dualBound(model: Model): number {
  try {
    const bound = Number(model.info.get('mip_dual_bound'));
    return Number.isFinite(bound) ? bound : 0;
  } catch {
    return 0;
  }
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cost ${value} is not finite`);
  return String(value);
}

/** Appends `head terms… tail` as lines of at most about 200 characters. */
function pushWrapped(lines: string[], head: string, terms: readonly string[], tail = ''): void {
  let line = head;
  for (const term of terms) {
    if (line.length > 200) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${term}`;
  }
  if (tail) line += ` ${tail}`;
  lines.push(line);
}
