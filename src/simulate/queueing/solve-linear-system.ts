/**
 * Solves A·x = b by Gaussian elimination with partial pivoting. Returns undefined when A is
 * singular to working precision: a pivot below `relativePivotTolerance` times the largest entry
 * of its column in the original matrix means the solution is dominated by rounding, not data.
 */
export function solveLinearSystem(
  matrix: readonly (readonly number[])[],
  rhs: readonly number[],
  relativePivotTolerance = 1e-12,
): number[] | undefined {
  const n = rhs.length;
  const a = matrix.map((row) => [...row]);
  const b = [...rhs];
  const columnScale = Array.from({ length: n }, (_, j) => Math.max(...a.map((row) => Math.abs(row[j] ?? 0))));
  for (let k = 0; k < n; k++) {
    const pivotRow = largestPivotRow(a, k);
    const pivot = a[pivotRow]?.[k] ?? 0;
    if (!(Math.abs(pivot) > relativePivotTolerance * (columnScale[k] ?? 0))) return undefined;
    [a[k], a[pivotRow]] = [a[pivotRow] as number[], a[k] as number[]];
    [b[k], b[pivotRow]] = [b[pivotRow] as number, b[k] as number];
    eliminateBelow(a, b, k);
  }
  return backSubstitute(a, b);
}

function largestPivotRow(a: number[][], k: number): number {
  let best = k;
  for (let i = k + 1; i < a.length; i++) if (Math.abs(a[i]?.[k] ?? 0) > Math.abs(a[best]?.[k] ?? 0)) best = i;
  return best;
}

function eliminateBelow(a: number[][], b: number[], k: number): void {
  const pivotRow = a[k] as number[];
  for (let i = k + 1; i < a.length; i++) {
    const row = a[i] as number[];
    const factor = (row[k] as number) / (pivotRow[k] as number);
    if (factor === 0) continue;
    for (let j = k; j < row.length; j++) row[j] = (row[j] as number) - factor * (pivotRow[j] as number);
    b[i] = (b[i] as number) - factor * (b[k] as number);
  }
}

function backSubstitute(a: number[][], b: number[]): number[] {
  const n = b.length;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const row = a[i] as number[];
    let sum = b[i] as number;
    for (let j = i + 1; j < n; j++) sum -= (row[j] as number) * (x[j] as number);
    x[i] = sum / (row[i] as number);
  }
  return x;
}
