/** Median of the finite values (NaN when there are none). Does not modify its input. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile (type 7, as R's default) of the finite values; NaN when none. */
export function quantile(values: ArrayLike<number>, p: number): number {
  const sorted: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) sorted.push(value);
  }
  if (sorted.length === 0) return Number.NaN;
  sorted.sort((a, b) => a - b);
  return sortedQuantile(sorted, p);
}

/**
 * Quantile of an already sorted array, linear between neighbours. Infinite values are allowed:
 * a quantile at a whole position is that value itself, one between a finite value and +∞ is +∞.
 */
export function sortedQuantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = Math.min(1, Math.max(0, p)) * (sorted.length - 1);
  const low = Math.floor(position);
  const lowValue = sorted[low] as number;
  if (position === low) return lowValue;
  const high = Math.min(sorted.length - 1, low + 1);
  return lowValue + (position - low) * ((sorted[high] as number) - lowValue);
}
