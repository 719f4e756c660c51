import type { Estimate } from './simulation-result.js';
import { studentTQuantile } from './student-t.js';

/**
 * The mean of B batch means with a Student-t interval on B − 1 degrees of freedom: valid when the
 * batches are long enough to be nearly independent and normal, which is why a run needs ≥ 20.
 */
export function batchEstimate(batchMeans: ArrayLike<number>, confidence: number): Estimate {
  const count = batchMeans.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += batchMeans[i]!;
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (batchMeans[i]! - mean) ** 2;
  const standardError = Math.sqrt(squares / (count - 1) / count);
  const halfWidth = studentTQuantile((1 + confidence) / 2, count - 1) * standardError;
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth };
}

/** Lag-1 autocorrelation of a series; 0 for fewer than three values or no variance. */
export function lag1Correlation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const deviation = values[i]! - mean;
    denominator += deviation * deviation;
    if (i > 0) numerator += deviation * (values[i - 1]! - mean);
  }
  return denominator > 0 ? numerator / denominator : 0;
}
