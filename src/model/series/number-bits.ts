/**
 * Bit-level arithmetic the codecs need on plain numbers: float64 ↔ its two 32-bit halves, and
 * bit length / trailing zeros of non-negative integers up to 2^53. JS bitwise operators work on
 * 32 bits only, so anything wider is split with exact float division by 2^32.
 */
export const TWO_32 = 4_294_967_296;

const floatScratch = new Float64Array(1);
const halves = new Uint32Array(floatScratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;
const LO = 1 - HI;

/** 2^i for i in 0..64, exact. */
export const POW2: readonly number[] = Array.from({ length: 65 }, (_, i) => 2 ** i);

/** 10^d for d in 0..15, all exact in float64 (exact up to 10^22). */
export const POW10: readonly number[] = Array.from({ length: 16 }, (_, d) => 10 ** d);

/** Writes the bit pattern of `value` into out[0] (high half) and out[1] (low half). */
export function floatToBits(value: number, out: Uint32Array): void {
  floatScratch[0] = value;
  out[0] = halves[HI]!;
  out[1] = halves[LO]!;
}

export function bitsToFloat(hi: number, lo: number): number {
  halves[HI] = hi;
  halves[LO] = lo;
  return floatScratch[0]!;
}

/** Number of significant bits of an integer 0 ≤ m < 2^53 (0 for 0). */
export function bitLength(m: number): number {
  return m < TWO_32 ? 32 - Math.clz32(m) : 64 - Math.clz32(Math.floor(m / TWO_32));
}

/** Trailing zero bits of a 32-bit pattern (32 for 0). */
export function trailingZeros32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** Trailing zero bits of an integer 0 < m < 2^53. */
export function trailingZeros(m: number): number {
  const lo = m % TWO_32;
  return lo !== 0 ? trailingZeros32(lo) : 32 + trailingZeros32(Math.floor(m / TWO_32));
}

/**
 * Floor of `ts` to a multiple of `period` (a positive integer), exact for safe integers: the
 * correctly rounded quotient could only round up to the next integer for |ts| beyond 2^53, so its
 * floor is the true one. Division and floor instead of `%`: V8's float modulo is a C call, several
 * times slower, and this runs four times per append.
 */
export function alignDown(ts: number, period: number): number {
  return Math.floor(ts / period) * period;
}
