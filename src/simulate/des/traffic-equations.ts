/**
 * The total arrival rate at each station of an open network, λ = γ + Pᵀλ, for external rates γ
 * and routing matrix P (row = from): Gaussian elimination with partial pivoting on (I − Pᵀ)λ = γ.
 * The matrix is non-singular when every station can reach the exit, which validation ensures.
 */
export function trafficRates(
  external: readonly number[],
  routing: readonly (readonly number[])[] | undefined,
): number[] {
  const n = external.length;
  if (!routing) return [...external];
  // a[i] = row i of (I − Pᵀ), augmented with γᵢ.
  const a = external.map((gamma, i) => [
    ...external.map((_, j) => (i === j ? 1 : 0) - (routing[j]![i] ?? 0)),
    gamma,
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    }
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const pivotRow = a[col]!;
    for (let row = col + 1; row < n; row++) {
      const target = a[row]!;
      const factor = target[col]! / pivotRow[col]!;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) target[k] = target[k]! - factor * pivotRow[k]!;
    }
  }
  const rates = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let value = a[row]![n]!;
    for (let k = row + 1; k < n; k++) value -= a[row]![k]! * rates[k]!;
    rates[row] = value / a[row]![row]!;
  }
  return rates;
}
