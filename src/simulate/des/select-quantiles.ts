/**
 * Empirical quantiles of `values` (order statistic ⌈q·n⌉, i.e. the inverse of the empirical CDF),
 * by quickselect on a scratch copy: O(n) per quantile instead of a full sort. `quantiles` must be
 * ascending; each search runs only on the part to the right of the previous one.
 */
export function selectQuantiles(values: Float32Array | Float64Array, quantiles: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return quantiles.map(() => Number.NaN);
  const scratch = Float64Array.from(values);
  const result: number[] = [];
  let left = 0;
  for (const q of quantiles) {
    const rank = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    if (rank < left) throw new RangeError('quantiles must be in ascending order');
    select(scratch, left, n - 1, rank);
    result.push(scratch[rank]!);
    left = rank;
  }
  return result;
}

/** Hoare-partition quickselect: afterwards a[k] is the k-th smallest and a[left..k−1] ≤ a[k]. */
function select(a: Float64Array, left: number, right: number, k: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    // Median of three keeps sorted or nearly sorted input from going quadratic.
    const mid = (lo + hi) >> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
