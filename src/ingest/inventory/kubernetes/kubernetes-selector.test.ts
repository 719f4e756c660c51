import { describe, expect, it } from 'vitest';
import { FieldError } from '../json-fields.js';
import { everything, isEmptySelector, readLabelSelector, selectorMatches } from './kubernetes-selector.js';

const read = (value: unknown) => readLabelSelector(value, ['spec', 'selector']);

describe('Kubernetes label selectors', () => {
  it('ANDs matchLabels and matchExpressions, as Kubernetes does', () => {
    const selector = read({
      matchLabels: { app: 'db' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['backend', 'data'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'owner', operator: 'Exists' },
        { key: 'deprecated', operator: 'DoesNotExist' },
      ],
    });
    if (!selector) throw new Error('no selector');
    const labels = { app: 'db', tier: 'data', owner: 'team-a' };
    expect(selectorMatches(selector, labels)).toBe(true);
    // NotIn matches an absent key; each other requirement fails on its own.
    expect(selectorMatches(selector, { ...labels, env: 'prod' })).toBe(true);
    expect(selectorMatches(selector, { ...labels, env: 'dev' })).toBe(false);
    expect(selectorMatches(selector, { ...labels, app: 'web' })).toBe(false);
    expect(selectorMatches(selector, { ...labels, tier: 'frontend' })).toBe(false);
    expect(selectorMatches(selector, { app: 'db', tier: 'data' })).toBe(false);
    expect(selectorMatches(selector, { ...labels, deprecated: 'true' })).toBe(false);
  });

  it('selects everything when empty, and reads absent as undefined', () => {
    expect(isEmptySelector(read({}) ?? everything)).toBe(true);
    expect(selectorMatches(everything, { any: 'thing' })).toBe(true);
    expect(read(undefined)).toBeUndefined();
    expect(read(null)).toBeUndefined();
  });

  it('does not take inherited properties for labels', () => {
    const selector = read({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] });
    expect(selector && selectorMatches(selector, {})).toBe(false);
    expect(selectorMatches({ matchLabels: { toString: 'x' }, matchExpressions: [] }, {})).toBe(false);
  });

  it.each([
    [
      { matchExpressions: [{ key: 'a', operator: 'Contains', values: ['x'] }] },
      'spec.selector.matchExpressions[0].operator',
    ],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, 'spec.selector.matchExpressions[0].values'],
    [{ matchExpressions: [{ operator: 'Exists' }] }, 'spec.selector.matchExpressions[0].key'],
    [{ matchLabels: { a: 1 } }, 'spec.selector.matchLabels.a'],
    [[], 'spec.selector'],
  ])('refuses %j at its path', (value, path) => {
    try {
      read(value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FieldError);
      expect((error as FieldError).path.join('.').replace(/\.(\d+)/g, '[$1]')).toBe(path);
    }
  });
});
