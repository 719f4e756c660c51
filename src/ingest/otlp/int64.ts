import type { Int64 } from './otlp-types.js';

/** The value as a number: exact up to 2^53, the nearest double beyond. */
export function int64ToNumber(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/**
 * Unix nanoseconds to whole milliseconds, exactly. Nanosecond timestamps (~1.7e18) lie past 2^53,
 * so a detour through a double can land on the wrong side of a millisecond; writing the high word's
 * weight 2^32 as 4294 × 10^6 + 967296 keeps every intermediate an exact integer below 2^53.
 */
export function nanosToMillis(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return Math.floor(value / 1e6);
  const high = value.high >>> 0;
  const rest = high * 967296 + (value.low >>> 0);
  return high * 4294 + (rest - (rest % 1e6)) / 1e6;
}
