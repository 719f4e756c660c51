import { InputError, type InputIssue } from '../../model/index.js';

/**
 * A probability distribution of a positive duration, as plain data so that a scenario can be
 * stored, sent over the API and replayed. Means are in the model's time unit (seconds by
 * convention); `cv` is the coefficient of variation, standard deviation / mean.
 */
export type DistributionSpec =
  | { type: 'exponential'; mean: number }
  | { type: 'deterministic'; value: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'erlang'; mean: number; k: number }
  | { type: 'gamma'; mean: number; cv: number }
  | { type: 'lognormal'; mean: number; cv: number }
  /** Balanced-means two-phase hyperexponential (each phase carries half the mean); needs cv > 1. */
  | { type: 'hyperexponential'; mean: number; cv: number }
  /** Resamples the given observations with equal weight. */
  | { type: 'empirical'; samples: readonly number[] };

export type DistributionType = DistributionSpec['type'];

export const distributionTypes: readonly DistributionType[] = [
  'exponential',
  'deterministic',
  'uniform',
  'erlang',
  'gamma',
  'lognormal',
  'hyperexponential',
  'empirical',
];

type Check = (value: unknown) => string | undefined;

const positive: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0
    ? undefined
    : 'must be a finite number > 0';
const nonNegative: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? undefined
    : 'must be a finite number ≥ 0';
const positiveInteger: Check = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 1 ? undefined : 'must be an integer ≥ 1';
const aboveOne: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value > 1
    ? undefined
    : 'must be a finite number > 1 (use exponential for cv = 1, gamma or erlang below)';

const fieldChecks: Record<DistributionType, Record<string, Check>> = {
  exponential: { mean: positive },
  deterministic: { value: nonNegative },
  uniform: { min: nonNegative, max: positive },
  erlang: { mean: positive, k: positiveInteger },
  gamma: { mean: positive, cv: positive },
  lognormal: { mean: positive, cv: positive },
  hyperexponential: { mean: positive, cv: aboveOne },
  empirical: {},
};

/** What is wrong with `spec` as a distribution, each issue with its field path under `field`. */
export function distributionIssues(spec: unknown, field: string): InputIssue[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [{ field, message: 'must be an object with a type' }];
  }
  const record = spec as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !(distributionTypes as readonly string[]).includes(type)) {
    return [{ field: `${field}.type`, message: `must be one of ${distributionTypes.join(', ')}` }];
  }
  const issues: InputIssue[] = [];
  for (const [name, check] of Object.entries(fieldChecks[type as DistributionType])) {
    const message = check(record[name]);
    if (message) issues.push({ field: `${field}.${name}`, message });
  }
  if (issues.length === 0 && type === 'uniform' && (record.max as number) < (record.min as number)) {
    issues.push({ field: `${field}.max`, message: 'must be ≥ min' });
  }
  if (type === 'empirical') issues.push(...sampleIssues(record.samples, `${field}.samples`));
  return issues;
}

/** Throws an InputError listing every issue of `spec`. */
export function assertDistribution(spec: unknown, field = 'distribution'): asserts spec is DistributionSpec {
  const issues = distributionIssues(spec, field);
  if (issues.length > 0) throw new InputError(`invalid distribution at ${field}`, issues);
}

function sampleIssues(samples: unknown, field: string): InputIssue[] {
  if (!Array.isArray(samples) || samples.length === 0) {
    return [{ field, message: 'must be a non-empty array of numbers ≥ 0' }];
  }
  const bad = samples.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0);
  if (bad >= 0) return [{ field: `${field}[${bad}]`, message: 'must be a finite number ≥ 0' }];
  if (!samples.some((x) => x > 0)) return [{ field, message: 'must hold at least one value > 0' }];
  return [];
}
