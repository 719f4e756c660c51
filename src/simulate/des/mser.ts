/**
 * MSER (White 1997): the truncation point d that minimises the squared standard error of the mean
 * of what is left, Σ_{j>d}(Zⱼ − Z̄_d)² / (n − d)². Applied to means of consecutive groups of five
 * observations this is MSER-5 (Franklin & White 2008). Only d ≤ n/2 is searched: a minimum beyond
 * half the run means the run is too short to tell, and is reported as such by the caller.
 * Returns the number of leading values to delete.
 */
export function mserTruncation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 4) return 0;
  // Suffix sums make every candidate O(1).
  let sum = 0;
  let squares = 0;
  let best = 0;
  let bestScore = Number.POSITIVE_INFINITY;
  const limit = Math.floor(n / 2);
  const suffixSum = new Float64Array(n + 1);
  const suffixSquares = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const x = values[i]!;
    sum += x;
    squares += x * x;
    suffixSum[i] = sum;
    suffixSquares[i] = squares;
  }
  for (let d = 0; d <= limit; d++) {
    const kept = n - d;
    const s = suffixSum[d]!;
    const deviations = Math.max(0, suffixSquares[d]! - (s * s) / kept);
    const score = deviations / (kept * kept);
    if (score < bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
