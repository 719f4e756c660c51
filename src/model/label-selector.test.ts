import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { formatLabelSelector, matchesSelector, parseLabelSelector } from './label-selector.js';

describe('label selectors', () => {
  it('reads the Kubernetes syntax', () => {
    expect(parseLabelSelector('env=prod, tier in (web, api),!deprecated,team!=x,zone')).toEqual([
      { key: 'env', op: 'in', values: ['prod'] },
      { key: 'tier', op: 'in', values: ['web', 'api'] },
      { key: 'deprecated', op: 'not-exists' },
      { key: 'team', op: 'not-in', values: ['x'] },
      { key: 'zone', op: 'exists' },
    ]);
  });

  it('matches as Kubernetes does: != also matches a missing label', () => {
    const selector = parseLabelSelector('team!=x');
    expect(matchesSelector({}, selector)).toBe(true);
    expect(matchesSelector({ team: 'x' }, selector)).toBe(false);
    expect(
      matchesSelector({ env: 'prod', tier: 'web' }, parseLabelSelector('env==prod,tier notin (db)')),
    ).toBe(true);
  });

  it('rejects bad syntax with the offending clause', () => {
    expect(() => parseLabelSelector('env=prod,in (x')).toThrow(InputError);
    expect(() => parseLabelSelector('=x')).toThrow(/not a valid label key/);
  });

  const key = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
  const value = fc.stringMatching(/^[a-z0-9]{1,5}$/);
  const requirement = fc.oneof(
    fc.record({ key, op: fc.constantFrom('exists' as const, 'not-exists' as const) }),
    fc.record({
      key,
      op: fc.constantFrom('in' as const, 'not-in' as const),
      values: fc.array(value, { minLength: 1, maxLength: 3 }),
    }),
  );

  it('reads back what it writes (property)', () => {
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 5 }), (selector) => {
        expect(parseLabelSelector(formatLabelSelector(selector))).toEqual(selector);
      }),
    );
  });

  it('matches exactly when every requirement holds (property)', () => {
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 4 }), fc.dictionary(key, value), (selector, labels) => {
        const expected = selector.every((r) => {
          const v = labels[r.key];
          if (r.op === 'exists') return v !== undefined;
          if (r.op === 'not-exists') return v === undefined;
          const listed = v !== undefined && 'values' in r && r.values.includes(v);
          return r.op === 'in' ? listed : !listed;
        });
        expect(matchesSelector(labels, selector)).toBe(expected);
      }),
    );
  });
});
