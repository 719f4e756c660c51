/**
 * Centred moving average over `window` steps, skipping NaN: for an even window the two ends weigh
 * one half (the classical 2×m average), so a pattern of exactly that period averages out. NaN at
 * the edges and where less than half the window has data.
 */
export function centredMovingAverage(values: ArrayLike<number>, window: number): Float64Array {
  const n = values.length;
  const half = Math.floor(window / 2);
  const even = window % 2 === 0;
  const sums = new Float64Array(n + 1);
  const counts = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const ok = Number.isFinite(value);
    sums[i + 1] = (sums[i] as number) + (ok ? value : 0);
    counts[i + 1] = (counts[i] as number) + (ok ? 1 : 0);
  }
  const out = new Float64Array(n).fill(Number.NaN);
  for (let i = half; i + half < n; i++) {
    let sum = (sums[i + half + 1] as number) - (sums[i - half] as number);
    let count = (counts[i + half + 1] as number) - (counts[i - half] as number);
    if (even) {
      for (const end of [i - half, i + half]) {
        const value = values[end] as number;
        if (Number.isFinite(value)) {
          sum -= value / 2;
          count -= 0.5;
        }
      }
    }
    if (count >= window / 2) out[i] = sum / count;
  }
  return out;
}
