const counts = new Intl.NumberFormat('en');
const numbers = new Intl.NumberFormat('en', { maximumFractionDigits: 10 });

/** A count as people read it: 2,548. */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** At most `digits` significant digits, without a trailing `.0`: 0.0371 → 0.0371, 1234.5 → 1235. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 10 ** -digits) return value.toExponential(digits - 1);
  const magnitude = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return numbers.format(Number(value.toFixed(Math.min(decimals, 10))));
}
