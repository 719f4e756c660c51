import { type EtsFit, etsForecastFrom, etsStandardDeviation } from './exponential-smoothing.js';
import { normalQuantile } from './normal-quantile.js';
import { sortedQuantile } from './robust-statistics.js';

/**
 * The model's own h-step errors on its history, divided by the model's h-step standard deviation,
 * at a few horizons. Real series have fat tails, level shifts and patterns the model does not
 * capture; quantiles of these standardised errors turn the model's variance into intervals whose
 * coverage matches what the model actually achieved on this very series.
 */
export interface ErrorQuantiles {
  /** Horizons, in steps, that have at least `minSamples` errors, ascending. */
  horizons: number[];
  /** Sorted standardised errors per horizon. */
  samples: number[][];
}

const minSamples = 30;
const maxOrigins = 600;
const gridSize = 16;

/** Standardised h-step errors of `fit` over `values`, from origins after a warm-up of a tenth of the history. */
export function collectErrorQuantiles(
  values: ArrayLike<number>,
  fit: EtsFit,
  maxHorizon: number,
): ErrorQuantiles {
  const n = values.length;
  const warmup = Math.max(5, Math.floor(n / 10));
  const horizons: number[] = [];
  const samples: number[][] = [];
  for (const h of horizonGrid(maxHorizon)) {
    const last = n - 1 - h;
    if (last < warmup) continue;
    const stride = Math.max(1, Math.floor((last - warmup + 1) / maxOrigins));
    const deviation = etsStandardDeviation(fit, h);
    const errors: number[] = [];
    for (let origin = last; origin >= warmup; origin -= stride) {
      const actual = values[origin + h] as number;
      if (!Number.isFinite(actual)) continue;
      const error = actual - etsForecastFrom(fit, origin, h);
      errors.push(deviation > 0 ? error / deviation : 0);
    }
    if (errors.length < minSamples) continue;
    errors.sort((a, b) => a - b);
    horizons.push(h);
    samples.push(errors);
  }
  return { horizons, samples };
}

/**
 * The multipliers of the h-step standard deviation that bound a central interval of `level`:
 * empirical quantiles at the nearest horizons (interpolated in log h, held beyond the last one),
 * or the normal ones when the history gave too few errors.
 */
export function intervalMultipliers(
  quantiles: ErrorQuantiles,
  h: number,
  level: number,
): { lower: number; upper: number } {
  const pLow = (1 - level) / 2;
  const pHigh = 1 - pLow;
  const { horizons, samples } = quantiles;
  if (horizons.length === 0) return { lower: normalQuantile(pLow), upper: normalQuantile(pHigh) };
  const at = (k: number) => {
    const sorted = samples[k] as number[];
    return { lower: sortedQuantile(sorted, pLow), upper: sortedQuantile(sorted, pHigh) };
  };
  if (h <= (horizons[0] as number)) return at(0);
  const lastIndex = horizons.length - 1;
  if (h >= (horizons[lastIndex] as number)) return at(lastIndex);
  let k = 0;
  while ((horizons[k + 1] as number) < h) k++;
  const a = at(k);
  const b = at(k + 1);
  const t =
    Math.log(h / (horizons[k] as number)) / Math.log((horizons[k + 1] as number) / (horizons[k] as number));
  return { lower: a.lower + t * (b.lower - a.lower), upper: a.upper + t * (b.upper - a.upper) };
}

/** About 16 horizons from 1 to `maxHorizon`, spaced geometrically. */
function horizonGrid(maxHorizon: number): number[] {
  const grid = new Set<number>();
  const top = Math.max(1, Math.round(maxHorizon));
  for (let k = 0; k < gridSize; k++) grid.add(Math.max(1, Math.round(top ** (k / (gridSize - 1)))));
  return [...grid].sort((a, b) => a - b);
}
