import { type EstateConditions, scaledTraffic } from './estate-conditions.js';
import type { EstateEvaluator, Violation } from './estate-evaluator.js';

export interface Headroom {
  /** The largest factor on today's traffic (every entry point) with no limit broken. */
  readonly multiplier: number;
  /** False when nothing broke up to the search's maximum. */
  readonly bounded: boolean;
  /** What breaks first just above the headroom. */
  readonly bottlenecks: Violation[];
  readonly evaluations: number;
}

const smallest = 1e-3;

/**
 * The headroom by bisection: the largest traffic factor in (0, max] at which the estate, in
 * steady state under `conditions`, breaks no limit (p99 SLOs, utilisation, inlet temperature,
 * power), to a relative `tolerance`; and the limits that break first just above it.
 */
export function findHeadroom(
  evaluator: EstateEvaluator,
  conditions: EstateConditions,
  max: number,
  tolerance = 0.002,
): Headroom {
  let evaluations = 0;
  const broken = (factor: number): Violation[] => {
    evaluations++;
    return evaluator.evaluate(scaledTraffic(conditions, factor), undefined, false).violations;
  };
  const atMax = broken(max);
  if (atMax.length === 0) return { multiplier: max, bounded: false, bottlenecks: [], evaluations };
  const atZero = broken(smallest);
  if (atZero.length > 0) return { multiplier: 0, bounded: true, bottlenecks: atZero, evaluations };
  let low = smallest;
  let high = max;
  let above = atMax;
  while (high - low > tolerance * high) {
    const middle = Math.sqrt(low * high);
    const violations = broken(middle);
    if (violations.length === 0) low = middle;
    else {
      high = middle;
      above = violations;
    }
  }
  return { multiplier: low, bounded: true, bottlenecks: above, evaluations };
}
