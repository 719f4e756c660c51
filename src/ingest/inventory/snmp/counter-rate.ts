// Rates from two readings of an SNMP counter (Counter32, Counter64), which only ever count up and
// wrap to zero at 2^bits, and restart from zero when the device or agent restarts.

export type CounterBits = 32 | 64;

/**
 * What the counter counted from `previous` to `current`, modulo its width: the difference, or the
 * distance through the wrap when it went down. Readings outside 0 … 2^bits − 1 give null.
 */
export function counterIncrease(previous: bigint, current: bigint, bits: CounterBits): bigint | null {
  const modulus = 1n << BigInt(bits);
  if (previous < 0n || current < 0n || previous >= modulus || current >= modulus) return null;
  return current >= previous ? current - previous : modulus - previous + current;
}

function toBigInt(value: number | bigint, bits: CounterBits): bigint | null {
  if (typeof value === 'bigint') return value;
  if (!Number.isFinite(value) || !Number.isInteger(value)) return null;
  // A Counter64 within 1024 of 2^64 rounds to 2^64 as a double: it is that close to wrapping to 0.
  if (bits === 64 && value === 2 ** 64) return 0n;
  return BigInt(value);
}

/**
 * Per-second rate of a counter between two readings `seconds` apart, or null when none can be
 * said: no time passed, a reading is invalid, or the counter was reset. A counter that went down
 * wrapped if the increase through the wrap is under half its range; a smaller drop means it
 * restarted from zero (a reboot, a cleared counter), and the interval's traffic is unknown. (At
 * 60 s polls a Counter32 covers 286 Mbit/s per half range; faster links need Counter64, which
 * the poller prefers.)
 */
export function counterRate(
  previous: number | bigint,
  current: number | bigint,
  bits: CounterBits,
  seconds: number,
): number | null {
  if (!(seconds > 0) || !Number.isFinite(seconds)) return null;
  const before = toBigInt(previous, bits);
  const after = toBigInt(current, bits);
  if (before === null || after === null) return null;
  const increase = counterIncrease(before, after, bits);
  if (increase === null) return null;
  if (after < before && increase >= 1n << BigInt(bits - 1)) return null;
  return Number(increase) / seconds;
}
