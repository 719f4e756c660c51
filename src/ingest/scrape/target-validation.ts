import { InputError, type InputIssue } from '../../model/index.js';
import type { ScrapeTarget } from './scrape-target.js';

/**
 * Checks the shape of the configured targets; whether a target may be reached is the allow-list's
 * business, decided at every scrape because DNS answers change.
 */
export function validateTargets(targets: readonly ScrapeTarget[]): void {
  const issues = targets.flatMap((target, index) =>
    targetIssues(target).map((issue) => ({ ...issue, field: `targets[${index}].${issue.field}` })),
  );
  if (issues.length > 0) {
    const first = issues[0] as InputIssue;
    throw new InputError(`scrape targets: ${first.field}: ${first.message}`, issues);
  }
}

function targetIssues(target: ScrapeTarget): Array<InputIssue & { field: string }> {
  const issues: Array<InputIssue & { field: string }> = [];
  const urlProblem = checkUrl(target.url);
  if (urlProblem) issues.push({ field: 'url', message: urlProblem });
  if (!isPositive(target.intervalMs))
    issues.push({ field: 'intervalMs', message: 'must be a positive number' });
  if (!isPositive(target.timeoutMs))
    issues.push({ field: 'timeoutMs', message: 'must be a positive number' });
  else if (isPositive(target.intervalMs) && target.timeoutMs > target.intervalMs) {
    issues.push({ field: 'timeoutMs', message: `must not exceed intervalMs (${target.intervalMs})` });
  }
  for (const [name, value] of Object.entries(target.labels ?? {})) {
    if (!labelName.test(name) || name.startsWith('__')) {
      issues.push({
        field: `labels.${name}`,
        message: 'must be a label name (letters, digits, _) not starting with __',
      });
    } else if (typeof value !== 'string')
      issues.push({ field: `labels.${name}`, message: 'must be a string' });
  }
  if (target.job !== undefined && (typeof target.job !== 'string' || target.job === '')) {
    issues.push({ field: 'job', message: 'must be a non-empty string' });
  }
  return issues;
}

/** Prometheus's label names; `__` names are internal there and `__proto__` is dangerous here. */
const labelName = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return 'must be a string';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `has the scheme ${parsed.protocol}; use http: or https:`;
  if (parsed.username !== '' || parsed.password !== '') return 'carries credentials, which are not supported';
  return undefined;
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
