import type { Labels } from './entity.js';
import { InputError } from './errors.js';

/** One requirement of a Kubernetes-style label selector. */
export type LabelRequirement =
  | { key: string; op: 'exists' | 'not-exists' }
  | { key: string; op: 'in' | 'not-in'; values: readonly string[] };

export type LabelSelector = readonly LabelRequirement[];

const keyPattern = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const valuePattern = /^([A-Za-z0-9]([-A-Za-z0-9_./:]*[A-Za-z0-9])?)?$/;

/**
 * Parses the Kubernetes label-selector syntax: `env=prod,tier in (web,api),!deprecated,team!=x`.
 * `=` and `==` mean equal; `!=` matches labels that differ or are absent, as Kubernetes does.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    const clause = part.trim();
    if (clause === '') continue;
    requirements.push(parseClause(clause, text));
  }
  return requirements;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseClause(clause: string, whole: string): LabelRequirement {
  const fail = (why: string): never => {
    throw new InputError(`bad label selector '${whole}': ${why}`, [
      { field: 'selector', message: `'${clause}': ${why}` },
    ]);
  };
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(clause);
  if (setMatch) {
    const [, key = '', op, list = ''] = setMatch;
    const values = list.split(',').map((value) => value.trim());
    checkKey(key, fail);
    for (const value of values) checkValue(value, fail);
    return { key, op: op === 'in' ? 'in' : 'not-in', values };
  }
  const compareMatch = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(clause);
  if (compareMatch) {
    const [, key = '', op, value = ''] = compareMatch;
    checkKey(key, fail);
    checkValue(value, fail);
    return { key, op: op === '!=' ? 'not-in' : 'in', values: [value] };
  }
  if (clause.startsWith('!')) {
    const key = clause.slice(1).trim();
    checkKey(key, fail);
    return { key, op: 'not-exists' };
  }
  checkKey(clause, fail);
  return { key: clause, op: 'exists' };
}

function checkKey(key: string, fail: (why: string) => never): void {
  if (!keyPattern.test(key)) fail(`'${key}' is not a valid label key`);
}

function checkValue(value: string, fail: (why: string) => never): void {
  if (!valuePattern.test(value) || value.length > 63) fail(`'${value}' is not a valid label value`);
}

export function matchesSelector(labels: Readonly<Labels>, selector: LabelSelector): boolean {
  for (const requirement of selector) {
    const value = labels[requirement.key];
    switch (requirement.op) {
      case 'exists':
        if (value === undefined) return false;
        break;
      case 'not-exists':
        if (value !== undefined) return false;
        break;
      case 'in':
        if (value === undefined || !requirement.values.includes(value)) return false;
        break;
      case 'not-in':
        if (value !== undefined && requirement.values.includes(value)) return false;
        break;
    }
  }
  return true;
}

/** Writes a selector back in the syntax `parseLabelSelector` reads. */
export function formatLabelSelector(selector: LabelSelector): string {
  return selector.map(formatRequirement).join(',');
}

function formatRequirement(requirement: LabelRequirement): string {
  if (requirement.op === 'exists') return requirement.key;
  if (requirement.op === 'not-exists') return `!${requirement.key}`;
  if (!('values' in requirement)) return requirement.key;
  return `${requirement.key} ${requirement.op === 'in' ? 'in' : 'notin'} (${requirement.values.join(',')})`;
}
