import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CounterBits, counterIncrease, counterRate } from './counter-rate.js';

const widths: CounterBits[] = [32, 64];

function reading(bits: CounterBits) {
  return fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });
}

describe('counterIncrease', () => {
  it.each(widths)('is the count modulo 2^%i, through at most one wrap', (bits) => {
    const modulus = 1n << BigInt(bits);
    fc.assert(
      fc.property(reading(bits), fc.bigInt({ min: 0n, max: modulus - 1n }), (previous, counted) => {
        const current = (previous + counted) % modulus;
        expect(counterIncrease(previous, current, bits)).toBe(counted);
      }),
    );
  });

  it('refuses readings the counter cannot hold', () => {
    expect(counterIncrease(-1n, 5n, 32)).toBeNull();
    expect(counterIncrease(0n, 1n << 32n, 32)).toBeNull();
    expect(counterIncrease(0n, 1n << 64n, 64)).toBeNull();
  });
});

describe('counterRate', () => {
  it.each(widths)('gives the rate of any count under half the range, wrapped at 2^%i or not', (bits) => {
    const modulus = 1n << BigInt(bits);
    const half = modulus >> 1n;
    fc.assert(
      fc.property(
        reading(bits),
        fc.bigInt({ min: 0n, max: half - 1n }),
        fc.integer({ min: 1, max: 3600 }),
        (previous, counted, seconds) => {
          const current = (previous + counted) % modulus;
          expect(counterRate(previous, current, bits, seconds)).toBe(Number(counted) / seconds);
        },
      ),
    );
  });

  it.each(widths)('says nothing across a reset: a drop smaller than half of 2^%i', (bits) => {
    const half = 1n << BigInt(bits - 1);
    fc.assert(
      fc.property(reading(bits), fc.bigInt({ min: 1n, max: half }), (previous, drop) => {
        fc.pre(drop <= previous);
        expect(counterRate(previous, previous - drop, bits, 60)).toBeNull();
      }),
    );
  });

  it('counts through the 32-bit wrap and the 64-bit wrap', () => {
    expect(counterRate(4_294_967_000, 704, 32, 10)).toBe(100);
    expect(counterRate((1n << 64n) - 1000n, 9000n, 64, 100)).toBe(100);
    // As numbers (how SnmpInterface carries them): 2^64 − 2048 is exact in a double.
    expect(counterRate(2 ** 64 - 2048, 2048, 64, 4)).toBe(1024);
    // 2^64 − 1000 becomes 2^64 as a double: read as (almost) wrapped, off by at most 1024 bytes.
    expect(counterRate(Number((1n << 64n) - 1000n), 9000, 64, 1)).toBe(9000);
  });

  it('treats a restart from zero as a reset, not as a wrap', () => {
    expect(counterRate(1_000_000, 500, 32, 60)).toBeNull();
    expect(counterRate(123_456_789_000, 0, 64, 60)).toBeNull();
  });

  it('needs time to pass and whole, non-negative readings', () => {
    expect(counterRate(1, 2, 32, 0)).toBeNull();
    expect(counterRate(1, 2, 32, -1)).toBeNull();
    expect(counterRate(1, 2, 32, Number.NaN)).toBeNull();
    expect(counterRate(1.5, 2, 32, 1)).toBeNull();
    expect(counterRate(-1, 2, 32, 1)).toBeNull();
    expect(counterRate(0, 2 ** 32, 32, 1)).toBeNull();
  });
});
