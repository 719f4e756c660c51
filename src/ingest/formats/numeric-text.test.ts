import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitsExceed, parseDecimal, parseScaledInt64, parseScaledInteger } from './numeric-text.js';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '7', '9'), minLength: min, maxLength: max });

/** `[-]int[.frac][e[-]exp]` with at least one mantissa digit. */
const decimalText = fc
  .record({
    sign: fc.constantFrom('', '-'),
    whole: digits(0, 20),
    fraction: fc.option(digits(0, 20), { nil: undefined }),
    exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3)), {
      nil: undefined,
    }),
  })
  .filter((d) => d.whole.length + (d.fraction?.length ?? 0) > 0)
  .map(
    (d) =>
      `${d.sign}${d.whole}${d.fraction === undefined ? '' : `.${d.fraction}`}${d.exponent?.join('') ?? ''}`,
  );

/** floor(value × 10^shift) of a decimal text, in exact BigInt arithmetic. */
function exactScaled(text: string, shift: number): bigint {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const digitsOnly = BigInt(`${whole}${fraction}` || '0');
  const scale = Number(exponent) + shift - fraction.length;
  let value: bigint;
  if (scale >= 0) value = digitsOnly * 10n ** BigInt(scale);
  else {
    const divisor = 10n ** BigInt(-scale);
    value = sign === '-' && digitsOnly % divisor !== 0n ? digitsOnly / divisor + 1n : digitsOnly / divisor;
  }
  return sign === '-' ? -value : value;
}

describe('numbers read from text', () => {
  it('reads decimals exactly as Number does (property)', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(parseDecimal(text, 0, text.length)).toBe(Number(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads decimals inside a larger text without cutting them out', () => {
    expect(parseDecimal('v=98.5,', 2, 6)).toBe(98.5);
    expect(parseDecimal('+5', 0, 2)).toBeNaN();
    expect(parseDecimal('+5', 0, 2, true)).toBe(5);
  });

  it.each(['', '-', '.', 'e5', '1e', '1e+', '1.2.3', '0x10', 'Infinity', 'NaN', '1_000', ' 1', '1 '])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text, 0, text.length)).toBeNaN();
    },
  );

  it('scales decimals exactly, flooring (property)', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: -9, max: 3 }), (text, shift) => {
        const exact = exactScaled(text, shift);
        const safe = exact >= -BigInt(Number.MAX_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER);
        const result = parseScaledInteger(text, 0, text.length, shift);
        if (safe) expect(result).toBe(Number(exact));
        else expect(result).toBeNaN();
      }),
      { numRuns: 2000 },
    );
  });

  it('scales int64 timestamps exactly and flags what is beyond int64 (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
        fc.constantFrom(-6, -3, 0, 3),
        (value, shift) => {
          const text = String(value);
          const result = parseScaledInt64(text, 0, text.length, shift);
          const exact = exactScaled(text, shift);
          if (value >= 2n ** 63n || value < -(2n ** 63n) + 1n)
            expect(Math.abs(result)).toBe(Number.POSITIVE_INFINITY);
          else if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < -BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(Math.abs(result)).toBe(Number.POSITIVE_INFINITY);
          } else expect(result).toBe(Number(exact));
        },
      ),
      { numRuns: 2000 },
    );
    expect(parseScaledInt64('00001', 0, 5, 0)).toBe(1);
    expect(parseScaledInt64('1.5', 0, 3, 0)).toBeNaN();
    expect(parseScaledInt64('-', 0, 1, 0)).toBeNaN();
  });

  it('compares digit strings to a bound without converting them', () => {
    expect(digitsExceed('9223372036854775807', 0, 19, '9223372036854775807')).toBe(false);
    expect(digitsExceed('9223372036854775808', 0, 19, '9223372036854775807')).toBe(true);
    expect(digitsExceed('09223372036854775807', 0, 20, '9223372036854775807')).toBe(false);
    expect(digitsExceed('10000000000000000000', 0, 20, '9223372036854775807')).toBe(true);
  });
});
