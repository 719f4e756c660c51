import { median } from './robust-statistics.js';

export interface LinearFit {
  slope: number;
  /** Value of the line at x = 0. */
  intercept: number;
}

const maxPairs = 20_000;

/**
 * The Theil–Sen line: the median of pairwise slopes and the median intercept. Robust to outliers
 * (up to ~29 % of the points) where least squares is not. NaN values are skipped. For long inputs
 * only pairs half the span apart are used, which keeps the cost linear and the estimate robust.
 */
export function theilSen(xs: ArrayLike<number>, ys: ArrayLike<number>): LinearFit {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const xi = xs[i] as number;
    const yi = ys[i] as number;
    if (Number.isFinite(xi) && Number.isFinite(yi)) {
      x.push(xi);
      y.push(yi);
    }
  }
  if (x.length === 0) return { slope: Number.NaN, intercept: Number.NaN };
  const slopes: number[] = [];
  const n = x.length;
  if ((n * (n - 1)) / 2 <= maxPairs) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) addSlope(slopes, x, y, i, j);
    }
  } else {
    const half = Math.floor(n / 2);
    for (let i = 0; i + half < n; i++) addSlope(slopes, x, y, i, i + half);
  }
  const slope = slopes.length > 0 ? median(slopes) : 0;
  const intercept = median(x.map((xi, i) => (y[i] as number) - slope * xi));
  return { slope, intercept };
}

function addSlope(slopes: number[], x: number[], y: number[], i: number, j: number): void {
  const dx = (x[j] as number) - (x[i] as number);
  if (dx !== 0) slopes.push(((y[j] as number) - (y[i] as number)) / dx);
}
