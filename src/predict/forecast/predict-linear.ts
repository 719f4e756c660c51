import type { SeriesPoint } from './series-point.js';

/**
 * Prometheus's `linearRegression` (promql/functions.go): least squares with x in seconds from
 * `interceptTimeMs`, sums kept with Kahan–Neumaier compensation as Prometheus does, a constant
 * series giving slope 0 (NaN for an infinite one). Returns the slope per second and the line's
 * value at `interceptTimeMs`.
 */
export function prometheusLinearRegression(
  samples: readonly SeriesPoint[],
  interceptTimeMs: number,
): { slope: number; intercept: number } {
  const first = samples[0];
  if (!first) return { slope: Number.NaN, intercept: Number.NaN };
  const initY = first.value;
  let constY = true;
  let n = 0;
  const sumX = new KahanSum();
  const sumY = new KahanSum();
  const sumXY = new KahanSum();
  const sumX2 = new KahanSum();
  samples.forEach((sample, i) => {
    if (constY && i > 0 && sample.value !== initY) constY = false;
    n += 1;
    const x = (sample.timeMs - interceptTimeMs) / 1e3;
    sumX.add(x);
    sumY.add(sample.value);
    sumXY.add(x * sample.value);
    sumX2.add(x * x);
  });
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return { slope: Number.NaN, intercept: Number.NaN };
    return { slope: 0, intercept: initY };
  }
  const sx = sumX.total();
  const sy = sumY.total();
  const covXY = sumXY.total() - (sx * sy) / n;
  const varX = sumX2.total() - (sx * sx) / n;
  const slope = covXY / varX;
  const intercept = sy / n - (slope * sx) / n;
  return { slope, intercept };
}

/**
 * `predict_linear(v[range], seconds)` evaluated at `evalTimeMs`: the least-squares line through the
 * samples in the range (evalTime − range, evalTime] (left-open, as Prometheus 3 selects them),
 * taken at evalTime + seconds. Undefined when the range holds fewer than two samples, as
 * Prometheus then drops the series. `samples` must be sorted by time.
 */
export function predictLinear(
  samples: readonly SeriesPoint[],
  evalTimeMs: number,
  rangeMs: number,
  seconds: number,
): number | undefined {
  const window = samplesInRange(samples, evalTimeMs - rangeMs, evalTimeMs);
  if (window.length < 2) return undefined;
  const { slope, intercept } = prometheusLinearRegression(window, evalTimeMs);
  return slope * seconds + intercept;
}

/** The samples with startMs < time ≤ endMs, by binary search. */
export function samplesInRange(
  samples: readonly SeriesPoint[],
  startMs: number,
  endMs: number,
): SeriesPoint[] {
  const from = firstAfter(samples, startMs);
  const to = firstAfter(samples, endMs);
  return samples.slice(from, to);
}

function firstAfter(samples: readonly SeriesPoint[], timeMs: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((samples[middle] as SeriesPoint).timeMs <= timeMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Kahan–Neumaier summation, as Prometheus's util/kahansum.Inc: the compensation resets at infinity. */
class KahanSum {
  private sum = 0;
  private compensation = 0;

  add(increment: number): void {
    const t = this.sum + increment;
    if (!Number.isFinite(t) && !Number.isNaN(t)) this.compensation = 0;
    else if (Math.abs(this.sum) >= Math.abs(increment)) this.compensation += this.sum - t + increment;
    else this.compensation += increment - t + this.sum;
    this.sum = t;
  }

  total(): number {
    return this.sum + this.compensation;
  }
}
