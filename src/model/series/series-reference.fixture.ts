// Naive reference implementations over plain arrays, for the property tests of the series store.
import type { RangeQuery } from './range-query.js';
import type { RollupBucket } from './rollup-state.js';

export interface Sample {
  ts: number;
  value: number;
}

/** A small seeded generator, so fast-check can replay and shrink a failure. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The reset-aware increase from `a` to `b`: a drop means the counter restarted from 0. */
export function increase(a: number, b: number): number {
  return b >= a ? b - a : b;
}

/** Evaluates a range query the slow, obvious way: every window filters the whole array. */
export function referenceQuery(
  samples: readonly Sample[],
  q: RangeQuery,
): { ts: number[]; values: number[] } {
  const fn = q.fn ?? (q.step === undefined ? 'raw' : 'last');
  if (fn === 'raw') {
    const inRange = samples.filter((s) => s.ts >= q.start && s.ts <= q.end);
    return { ts: inRange.map((s) => s.ts), values: inRange.map((s) => s.value) };
  }
  const step = q.step!;
  const out = { ts: [] as number[], values: [] as number[] };
  for (let t = q.start; t <= q.end; t += step) {
    const indexes = samples.flatMap((s, i) => (s.ts > t - step && s.ts <= t ? [i] : []));
    const value =
      fn === 'rate'
        ? windowRate(samples, indexes)
        : aggregate(
            indexes.map((i) => samples[i]!.value),
            fn,
          );
    if (value !== undefined) {
      out.ts.push(t);
      out.values.push(value);
    }
  }
  return out;
}

function aggregate(values: number[], fn: 'last' | 'avg' | 'min' | 'max'): number | undefined {
  if (values.length === 0) return undefined;
  if (fn === 'last') return values.at(-1);
  if (fn === 'min') return Math.min(...values);
  if (fn === 'max') return Math.max(...values);
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Increase over the window from the sample before its first one, per second of that span. */
function windowRate(samples: readonly Sample[], indexes: number[]): number | undefined {
  const withPredecessor = indexes.filter((i) => i > 0);
  if (withPredecessor.length === 0) return undefined;
  let total = 0;
  for (const i of withPredecessor) total += increase(samples[i - 1]!.value, samples[i]!.value);
  const from = samples[withPredecessor[0]! - 1]!.ts;
  const to = samples[withPredecessor.at(-1)!]!.ts;
  return (total * 1000) / (to - from);
}

/** What each rollup bucket should hold: per resolution and bucket start. */
export function referenceRollups(samples: readonly Sample[], counter: boolean): RollupBucket[] {
  const points = counter
    ? samples.slice(1).map((s, i) => ({
        ts: s.ts,
        value: (increase(samples[i]!.value, s.value) * 1000) / (s.ts - samples[i]!.ts),
      }))
    : samples;
  const buckets: RollupBucket[] = [];
  for (const [resolution, period] of [
    ['1m', 60_000],
    ['1h', 3_600_000],
  ] as const) {
    let open: RollupBucket | undefined;
    for (const p of points) {
      const start = Math.floor(p.ts / period) * period;
      if (open?.start !== start) {
        open = {
          series: 0,
          resolution,
          start,
          min: p.value,
          max: p.value,
          sum: 0,
          count: 0,
          last: 0,
          lastTs: 0,
        };
        buckets.push(open);
      }
      open.min = Math.min(open.min, p.value);
      open.max = Math.max(open.max, p.value);
      open.sum += p.value;
      open.count++;
      open.last = p.value;
      open.lastTs = p.ts;
    }
  }
  return buckets;
}

/** Merges partial buckets of the same series, resolution and start, as a consumer would. */
export function mergeBuckets(buckets: readonly RollupBucket[]): RollupBucket[] {
  const merged = new Map<string, RollupBucket>();
  for (const b of buckets) {
    const key = `${b.series}/${b.resolution}/${b.start}`;
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...b });
      continue;
    }
    seen.min = Math.min(seen.min, b.min);
    seen.max = Math.max(seen.max, b.max);
    seen.sum += b.sum;
    seen.count += b.count;
    if (b.lastTs > seen.lastTs) {
      seen.last = b.last;
      seen.lastTs = b.lastTs;
    }
  }
  return [...merged.values()];
}
