import type { Int64 } from './otlp-types.js';

/**
 * A 64-bit integer as protobufjs or the JSON reader hands it on: a number, a decimal string (the
 * JSON reader keeps int64s as their exact digits), a bigint, or 32-bit words — a `Long` when the
 * `long` package is reachable, bare `{ low, high }` when it is not (bundled test runs).
 */
export type Int64Input = Int64 | string | bigint;

/** The value as a number: exact up to 2^53, the nearest double beyond. */
export function int64ToNumber(value: Int64Input | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  if (typeof value === 'bigint') return Number(value);
  const low = value.low >>> 0;
  const high = value.unsigned ? value.high >>> 0 : value.high | 0;
  return high * 4294967296 + low;
}

/** Unix nanoseconds to whole milliseconds, exactly: nanosecond timestamps lie past 2^53. */
export function nanosToMillis(value: Int64Input | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return Math.floor(value / 1e6);
  const exact = int64ToBigInt(value);
  const millis = exact / 1_000_000n;
  // BigInt division truncates toward zero; floor for the (never seen) negative times.
  return Number(exact < 0n && exact % 1_000_000n !== 0n ? millis - 1n : millis);
}

/** The exact value, from any of the shapes above. */
export function int64ToBigInt(value: Int64Input): bigint {
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'string' || typeof value === 'bigint') return BigInt(value);
  const words = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return value.unsigned ? words : BigInt.asIntN(64, words);
}
