// Monte Carlo propagation over the attack graph (docs/attack.md).
//
// Semantics. In one trial every AND node (rule instance) succeeds independently with its
// probability, drawn once per trial: an attacker who fails an exploit on a host does not get to
// retry it in that trial (MulVAL's and the usual attack-graph Monte Carlo semantics; a retry is a
// separate AND node or a higher probability). Given the outcomes, a node's time is the earliest
// step at which it holds (earliest-times.ts): a leaf at 0, an AND node at the latest of its
// premises plus its steps, an OR node at the earliest of its AND nodes that hold. The probability
// that node v is compromised within N steps is the fraction of trials in which v holds with time
// ≤ N (N = Infinity: ever). The estimate comes with a Wilson score interval, the mean time over the
// trials that reached it, and P(within k steps) for every k up to the largest time seen.
//
// Sampling is fixed by the seed: trial after trial, the AND nodes with probability strictly
// between 0 and 1 in node order each draw one nextDouble() from a single xoshiro128** stream and
// succeed when it is below their probability; AND nodes of probability 1 always succeed and those
// of probability 0 never, without a draw. The draws do not depend on maxSteps, so the same seed
// gives the same outcomes whatever is asked, and P(within k) for maxSteps = k equals
// cumulativeByStep[k] of a run without a limit.

import { RandomStream } from '../../model/index.js';
import { type AttackGraph, NodeType } from '../graph/attack-graph.js';
import { EarliestTimeSolver, NEVER } from './earliest-times.js';
import { wilsonInterval } from './wilson-interval.js';

export interface PropagationOptions {
  /** Number of trials; 10,000 by default. */
  readonly trials?: number;
  /** Seed of the random stream; 1 by default. Same seed, same result (but for `seconds`). */
  readonly seed?: number;
  /** Count a node compromised only within this many attacker steps; Infinity (ever) by default. */
  readonly maxSteps?: number;
  /** The nodes to report; the graph's goals by default. */
  readonly nodes?: readonly number[];
  /** Of the Wilson interval; 0.95 by default. */
  readonly confidence?: number;
  /** removed[f] = 1: fix f is applied, so its leaves never hold (a defence evaluated on a fork). */
  readonly removedFixes?: Uint8Array;
}

export interface NodePropagation {
  readonly node: number;
  /** Fraction of trials in which the node held within maxSteps. */
  readonly probability: number;
  /** Wilson score interval of `probability` at the run's confidence. */
  readonly low: number;
  readonly high: number;
  /** Mean earliest time over the trials that reached the node within maxSteps; null if none did. */
  readonly meanSteps: number | null;
  readonly trialsReached: number;
  /**
   * P(compromised within k steps) for k = 0 … the largest time any reported node was reached at
   * (the same length for every reported node; empty when none was ever reached). Nondecreasing,
   * and its last value is `probability`.
   */
  readonly cumulativeByStep: readonly number[];
}

export interface PropagationResult {
  readonly trials: number;
  readonly seed: number;
  readonly maxSteps: number;
  readonly confidence: number;
  /** Wall-clock time of the run. */
  readonly seconds: number;
  readonly nodes: readonly NodePropagation[];
}

export function propagate(graph: AttackGraph, options: PropagationOptions = {}): PropagationResult {
  const trials = options.trials ?? 10_000;
  const seed = options.seed ?? 1;
  const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
  const confidence = options.confidence ?? 0.95;
  const reported = Uint32Array.from(options.nodes ?? graph.goals);
  if (!Number.isSafeInteger(trials) || trials < 1)
    throw new RangeError(`trials must be a positive integer, got ${trials}`);
  if (!(maxSteps >= 0)) throw new RangeError(`maxSteps must be at least 0, got ${maxSteps}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  for (const node of options.nodes ?? []) {
    if (!Number.isInteger(node) || node < 0 || node >= graph.nodeCount)
      throw new RangeError(`node ${node} is not in the graph`);
  }
  const started = performance.now();
  const random = RandomStream.fromSeed(seed);

  // Outcomes of the AND nodes: the certain ones set once, the uncertain ones redrawn each trial.
  const succeeds = new Uint8Array(graph.nodeCount);
  const uncertainList: number[] = [];
  for (let node = 0; node < graph.nodeCount; node++) {
    if (graph.type[node] !== NodeType.And) continue;
    const p = graph.probability[node] as number;
    if (p >= 1) succeeds[node] = 1;
    else if (p > 0) uncertainList.push(node);
  }
  const uncertain = Uint32Array.from(uncertainList);
  const uncertainP = Float64Array.from(uncertainList, (node) => graph.probability[node] as number);
  const solver = new EarliestTimeSolver(graph, { removedFixes: options.removedFixes });

  const reached = new Float64Array(reported.length);
  const timeSum = new Float64Array(reported.length);
  // counts[r * width + t]: trials in which reported node r was reached at exactly time t.
  let width = 16;
  let counts = new Float64Array(reported.length * width);
  let latest = -1;

  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < uncertain.length; i++) {
      succeeds[uncertain[i] as number] = random.nextDouble() < (uncertainP[i] as number) ? 1 : 0;
    }
    const time = solver.solve(succeeds, maxSteps);
    for (let r = 0; r < reported.length; r++) {
      const t = time[reported[r] as number] as number;
      if (t === NEVER) continue;
      reached[r] = (reached[r] as number) + 1;
      timeSum[r] = (timeSum[r] as number) + t;
      if (t >= width) {
        const wider = Math.max(2 * width, t + 1);
        const grown = new Float64Array(reported.length * wider);
        for (let q = 0; q < reported.length; q++)
          grown.set(counts.subarray(q * width, (q + 1) * width), q * wider);
        counts = grown;
        width = wider;
      }
      counts[r * width + t] = (counts[r * width + t] as number) + 1;
      if (t > latest) latest = t;
    }
  }

  const nodes: NodePropagation[] = [];
  for (let r = 0; r < reported.length; r++) {
    const hits = reached[r] as number;
    const { low, high } = wilsonInterval(hits, trials, confidence);
    const cumulativeByStep: number[] = [];
    let running = 0;
    for (let t = 0; t <= latest; t++) {
      running += counts[r * width + t] as number;
      cumulativeByStep.push(running / trials);
    }
    nodes.push({
      node: reported[r] as number,
      probability: hits / trials,
      low,
      high,
      meanSteps: hits > 0 ? (timeSum[r] as number) / hits : null,
      trialsReached: hits,
      cumulativeByStep,
    });
  }
  return { trials, seed, maxSteps, confidence, seconds: (performance.now() - started) / 1000, nodes };
}
