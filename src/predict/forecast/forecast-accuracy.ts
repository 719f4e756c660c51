/** Mean absolute error over the pairs where both values are finite; NaN when there are none. */
export function meanAbsoluteError(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  let count = 0;
  actual.forEach((value, i) => {
    const guess = predicted[i] as number;
    if (Number.isFinite(value) && Number.isFinite(guess)) {
      sum += Math.abs(value - guess);
      count++;
    }
  });
  return count > 0 ? sum / count : Number.NaN;
}

/**
 * The in-sample mean absolute error of the naive forecast `lag` steps back over the history: the
 * scale MASE divides by (Hyndman and Koehler 2006). Gaps are skipped.
 */
export function naiveScale(history: readonly number[], lag = 1): number {
  let sum = 0;
  let count = 0;
  for (let i = lag; i < history.length; i++) {
    const a = history[i] as number;
    const b = history[i - lag] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      sum += Math.abs(a - b);
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}

/** Mean absolute scaled error: MAE over the naive method's in-sample MAE (1 = as good as naive one step ahead). */
export function meanAbsoluteScaledError(
  actual: readonly number[],
  predicted: readonly number[],
  history: readonly number[],
  lag = 1,
): number {
  return meanAbsoluteError(actual, predicted) / naiveScale(history, lag);
}

/** Share of the actual values inside [lower, upper]. */
export function intervalCoverage(
  actual: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): number {
  let inside = 0;
  let count = 0;
  actual.forEach((value, i) => {
    const low = lower[i] as number;
    const high = upper[i] as number;
    if (!Number.isFinite(value) || !Number.isFinite(low) || !Number.isFinite(high)) return;
    count++;
    if (value >= low && value <= high) inside++;
  });
  return count > 0 ? inside / count : Number.NaN;
}
