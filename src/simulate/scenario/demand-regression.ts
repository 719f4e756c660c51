/** What a regression of busy cores on throughput tells about one service. */
export interface DemandFit {
  /** CPU seconds of one core per request: the slope. */
  readonly demandSeconds: number;
  /** Cores busy with no traffic: the intercept (the replicas' own idle load). */
  readonly idleCores: number;
  readonly points: number;
  /** Share of the busy cores' variance the line explains. */
  readonly r2: number;
}

/** Fewer points, or throughput varying less than this (coefficient of variation), and the fit is not trusted. */
const minPoints = 10;
const minRateVariation = 0.05;
const minR2 = 0.5;

/**
 * The utilisation law over time: busy cores B = B₀ + D·X, fitted by least squares to
 * (throughput X, busy cores B) pairs from the twin's history. Unlike one point's U / X, the
 * slope leaves out the replicas' idle load (timers, garbage collection, health checks), which
 * does not grow with traffic. Undefined when the history cannot tell them apart: too few points,
 * too little variation in traffic, a poor fit, or a slope that is not positive.
 */
export function fitDemandRegression(pairs: ReadonlyArray<readonly [number, number]>): DemandFit | undefined {
  const points = pairs.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && x >= 0);
  if (points.length < minPoints) return undefined;
  let meanX = 0;
  let meanY = 0;
  for (const [x, y] of points) {
    meanX += x / points.length;
    meanY += y / points.length;
  }
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  if (!(meanX > 0) || Math.sqrt(sxx / points.length) / meanX < minRateVariation) return undefined;
  const slope = sxy / sxx;
  const r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 0;
  if (!(slope > 0) || r2 < minR2) return undefined;
  return { demandSeconds: slope, idleCores: Math.max(0, meanY - slope * meanX), points: points.length, r2 };
}

/**
 * Joins a service's request rate with the busy cores of its replicas (utilisation × cores) at the
 * timestamps where the rate and every replica have a value.
 */
export function demandPairs(
  rate: ReadonlyArray<readonly [number, number]>,
  replicas: ReadonlyArray<{
    readonly cores: number;
    readonly utilization: ReadonlyArray<readonly [number, number]>;
  }>,
): Array<[number, number]> {
  const busy = new Map<number, { cores: number; seen: number }>();
  for (const replica of replicas) {
    for (const [ts, utilization] of replica.utilization) {
      const entry = busy.get(ts) ?? { cores: 0, seen: 0 };
      entry.cores += utilization * replica.cores;
      entry.seen++;
      busy.set(ts, entry);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (const [ts, requests] of rate) {
    const entry = busy.get(ts);
    if (entry && entry.seen === replicas.length) pairs.push([requests, entry.cores]);
  }
  return pairs;
}
