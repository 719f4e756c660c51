import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity, quantityOf } from './kubernetes-quantity.js';

describe('Kubernetes resource quantities', () => {
  it.each([
    ['100m', 0.1],
    ['3800m', 3.8],
    ['2', 2],
    ['1.5', 1.5],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1.', 1],
    ['+2', 2],
    ['64Mi', 64 * 1024 * 1024],
    ['1Gi', 1073741824],
    ['123Mi', 128974848],
    ['128974848', 128974848],
    ['129e6', 129000000],
    ['129E6', 129000000],
    ['129M', 129000000],
    ['1k', 1000],
    ['1K', 1000],
    ['16393168Ki', 16393168 * 1024],
    ['32877452Ki', 33666510848],
    ['1.5Gi', 1610612736],
    ['2Ti', 2 * 1024 ** 4],
    ['1G', 1e9],
    ['1E', 1e18],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['0', 0],
  ])('reads %s as %d', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each([
    '',
    'Mi',
    'm',
    '1.2.3',
    '1 Gi',
    '1mi',
    '1KiB',
    '0x10',
    '1e',
    '1e+',
    'Infinity',
    'NaN',
    '1e400',
    '--1',
    'one',
  ])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('takes JSON numbers as they are', () => {
    expect(quantityOf(2)).toBe(2);
    expect(quantityOf('250m')).toBe(0.25);
    expect(quantityOf(Number.NaN)).toBeUndefined();
    expect(quantityOf(true)).toBeUndefined();
  });

  it('scales by powers of 1024 exactly (property)', () => {
    const suffixes = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 5 }), (n, index) => {
        expect(parseQuantity(`${n}${suffixes[index]}`)).toBe(n * 1024 ** (index + 1));
      }),
    );
  });

  it('scales by powers of ten as exact arithmetic would, then rounds once (property)', () => {
    const suffixes = [
      ['k', 3],
      ['M', 6],
      ['G', 9],
      ['T', 12],
      ['P', 15],
      ['E', 18],
    ] as const;
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: suffixes.length - 1 }),
        (n, index) => {
          const [suffix, power] = suffixes[index] ?? ['k', 3];
          const exact = Number(n * 10n ** BigInt(power));
          expect(parseQuantity(`${n}${suffix}`)).toBe(exact);
          expect(parseQuantity(`${n}e${power}`)).toBe(exact);
        },
      ),
    );
  });

  it('reads millicores as the nearest double to n / 1000 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (millis) => {
        expect(parseQuantity(`${millis}m`)).toBe(millis / 1000);
      }),
    );
  });

  it('round-trips every finite number through its JavaScript text (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        // String(-0) is "0": the sign of zero is the one thing the text does not keep.
        expect(parseQuantity(String(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('round-trips cores through millicore text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (millis) => {
        const cores = millis / 1000;
        const text = Number.isInteger(cores) ? String(cores) : `${millis}m`;
        expect(parseQuantity(text)).toBe(cores);
      }),
    );
  });

  it('answers a number or undefined for any text, never throwing (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const value = parseQuantity(text);
        expect(value === undefined || Number.isFinite(value)).toBe(true);
      }),
    );
  });
});
