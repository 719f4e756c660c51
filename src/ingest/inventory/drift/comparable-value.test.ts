import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../model/index.js';
import { comparableValue, sameComparable } from './comparable-value.js';

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;

describe('comparable values', () => {
  it('agree on the forms two sources write for one fact', () => {
    expect(sameComparable('10.0.0.5/24', '10.0.0.5')).toBe(true);
    expect(sameComparable('2001:db8::1/64', '2001:DB8::1')).toBe(true);
    expect(sameComparable(' ABC123 ', 'abc123')).toBe(true);
    expect(sameComparable(['10.0.0.2', '10.0.0.1/24'], ['10.0.0.1', '10.0.0.2', '10.0.0.2'])).toBe(true);
    expect(sameComparable(1e9, 1e9 + 1e-3)).toBe(true);
  });

  it('tell real differences apart', () => {
    expect(sameComparable('10.0.0.5', '10.0.0.6')).toBe(false);
    expect(sameComparable(['10.0.0.1'], ['10.0.0.1', '10.0.0.2'])).toBe(false);
    expect(sameComparable(1500, 9000)).toBe(false);
    expect(sameComparable('1500', 1500)).toBe(false);
  });

  it('is a normal form: idempotent, and blind to the order of a list of scalars (property)', () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = comparableValue(value);
        expect(comparableValue(once)).toStrictEqual(once);
        expect(sameComparable(value, value)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean())), (items) => {
        expect(sameComparable(items, [...items].reverse())).toBe(true);
      }),
    );
  });
});
