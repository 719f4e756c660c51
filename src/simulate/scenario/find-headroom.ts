import { type EstateConditions, scaledTraffic } from './estate-conditions.js';
import type { EstateEvaluator, Violation } from './estate-evaluator.js';

export interface Headroom {
  /**
   * The largest factor on the conditions' traffic (every entry point at once) before a limit
   * that holds at factor 1 breaks.
   */
  readonly multiplier: number;
  /** False when nothing more broke up to the search's maximum. */
  readonly bounded: boolean;
  /** What breaks first just above the headroom. */
  readonly bottlenecks: Violation[];
  /** Limits already broken at factor 1: the search does not wait for them, it reports them. */
  readonly alreadyBroken: Violation[];
  readonly evaluations: number;
}

const keyOf = (violation: Violation) => `${violation.kind}|${violation.entity}`;

/**
 * The headroom by bisection (geometric, to a relative `tolerance`) over [1, max]: the largest
 * traffic factor at which the estate, in steady state under `conditions`, breaks no limit it
 * keeps today (p99 SLOs, utilisation, inlet temperature, power); and the limits that break first
 * just above it. Limits broken already at factor 1 — an SLO missed today, a rack too hot at any
 * load — are listed apart, so the headroom still says how far the rest can go.
 */
export function findHeadroom(
  evaluator: EstateEvaluator,
  conditions: EstateConditions,
  max: number,
  tolerance = 0.005,
): Headroom {
  let evaluations = 0;
  const evaluate = (factor: number): Violation[] => {
    evaluations++;
    return evaluator.evaluate(scaledTraffic(conditions, factor), undefined, false).violations;
  };
  const alreadyBroken = evaluate(1);
  const known = new Set(alreadyBroken.map(keyOf));
  const broken = (factor: number) => evaluate(factor).filter((violation) => !known.has(keyOf(violation)));
  // Most estates break below twice today's traffic: try that first, and the maximum only if not.
  const firstGuess = Math.min(2, max);
  let low = 1;
  let high = firstGuess;
  let above = broken(firstGuess);
  if (above.length === 0) {
    if (firstGuess === max)
      return { multiplier: max, bounded: false, bottlenecks: [], alreadyBroken, evaluations };
    above = broken(max);
    if (above.length === 0)
      return { multiplier: max, bounded: false, bottlenecks: [], alreadyBroken, evaluations };
    low = firstGuess;
    high = max;
  }
  while (high - low > tolerance * high) {
    const middle = Math.sqrt(low * high);
    const violations = broken(middle);
    if (violations.length === 0) low = middle;
    else {
      high = middle;
      above = violations;
    }
  }
  return { multiplier: low, bounded: true, bottlenecks: above, alreadyBroken, evaluations };
}
