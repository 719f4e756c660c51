import type { WindowPoints } from './metric-window.js';

/** A least-squares line through a window of points, with what is needed to judge it. */
export interface LinearTrend {
  /** Change per millisecond. */
  slope: number;
  /** Standard error of the slope. */
  slopeStdError: number;
  /** The line's value at `atMs` (the last point's time). */
  level: number;
  atMs: number;
  /** Standard deviation of the residuals. */
  residualStd: number;
  points: number;
  /** Time the points span, ms. */
  spanMs: number;
}

/** Undefined for fewer than `minPoints` points or points that do not span any time. */
export function fitLinearTrend(window: WindowPoints, minPoints = 5): LinearTrend | undefined {
  const n = window.ts.length;
  if (n < Math.max(minPoints, 3)) return undefined;
  const t0 = window.ts[n - 1] as number;
  let meanT = 0;
  let meanV = 0;
  for (let i = 0; i < n; i++) {
    meanT += (window.ts[i] as number) - t0;
    meanV += window.values[i] as number;
  }
  meanT /= n;
  meanV /= n;
  let stt = 0;
  let stv = 0;
  for (let i = 0; i < n; i++) {
    const dt = (window.ts[i] as number) - t0 - meanT;
    stt += dt * dt;
    stv += dt * ((window.values[i] as number) - meanV);
  }
  if (stt === 0) return undefined;
  const slope = stv / stt;
  const level = meanV - slope * meanT;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const residual = (window.values[i] as number) - (level + slope * ((window.ts[i] as number) - t0));
    sse += residual * residual;
  }
  const residualStd = Math.sqrt(sse / (n - 2));
  return {
    slope,
    slopeStdError: residualStd / Math.sqrt(stt),
    level,
    atMs: t0,
    residualStd,
    points: n,
    spanMs: t0 - (window.ts[0] as number),
  };
}

/** When a trend is expected to cross a level, with an 80 % interval from the slope's uncertainty. */
export interface Crossing {
  atMs: number;
  range: [number, number];
}

const z80 = 1.2816;

/**
 * The time the line reaches `threshold` going in `direction`; undefined when it is not heading
 * there or when even the fast end of the 80 % interval does not reach it within `horizonMs`.
 */
export function crossingTime(
  trend: LinearTrend,
  threshold: number,
  direction: 'above' | 'below',
  horizonMs: number,
): Crossing | undefined {
  const sign = direction === 'above' ? 1 : -1;
  const distance = sign * (threshold - trend.level);
  if (distance <= 0) return { atMs: trend.atMs, range: [trend.atMs, trend.atMs] };
  const rate = sign * trend.slope;
  if (rate <= 0) return undefined;
  const fast = rate + z80 * trend.slopeStdError;
  const slow = rate - z80 * trend.slopeStdError;
  const atMs = trend.atMs + distance / rate;
  const earliest = trend.atMs + distance / fast;
  if (earliest - trend.atMs > horizonMs) return undefined;
  const latest = slow > 0 ? trend.atMs + distance / slow : Number.POSITIVE_INFINITY;
  return { atMs, range: [earliest, Math.min(latest, trend.atMs + 100 * horizonMs)] };
}

/** How many standard errors the slope is away from zero: how sure we are of the direction. */
export function slopeSignificance(trend: LinearTrend): number {
  if (trend.slopeStdError === 0) return trend.slope === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(trend.slope) / trend.slopeStdError;
}
