// Monte Carlo propagation over the attack graph: per trial, which AND nodes succeed and the
// earliest step at which each node holds; over many trials, P(compromised within N steps).
export type { EarliestTimeOptions, EarliestTimesOptions, Successes } from './earliest-times.js';
export { EarliestTimeSolver, earliestTimes, NEVER } from './earliest-times.js';
export type { ExactOptions } from './exact-probability.js';
export { exactProbabilityByEnumeration, maxEnumeratedAnds } from './exact-probability.js';
export type { NodePropagation, PropagationOptions, PropagationResult } from './monte-carlo.js';
export { propagate } from './monte-carlo.js';
export type { Interval } from './wilson-interval.js';
export { erfc, normalQuantile, wilsonInterval } from './wilson-interval.js';
