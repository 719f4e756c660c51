import { alignDown } from './number-bits.js';
import {
  F64_STRIDE,
  FLAG_COUNTER,
  FLAGS,
  HOUR_COUNT,
  HOUR_MAX,
  HOUR_MIN,
  HOUR_SUM,
  I32_STRIDE,
  LAST_RATE,
  LAST_TS,
  LAST_VALUE,
  MINUTE_COUNT,
  MINUTE_MAX,
  MINUTE_MIN,
  MINUTE_SUM,
  RECORD_BYTES,
  type RecordChunk,
} from './series-records.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * One closed (or force-flushed) rollup bucket. For counter series the aggregated quantity is the
 * per-second rate at each sample (reset-aware increase from the previous sample over the time
 * between them), not the cumulative value: min/max/mean of a cumulative counter say nothing, the
 * rate is what dashboards and models read. `sum / count` is then the mean of the per-sample rates
 * (each sample interval weighs the same), `last` the rate at `lastTs`. A counter's first sample
 * has no rate and so adds nothing.
 *
 * A bucket is emitted when a sample of a later bucket arrives or `closeBuckets` sees its period
 * over. A sample that arrives for a period already closed by `closeBuckets` (late, but after the
 * series' latest sample) opens a second bucket with the same `start`; both are partial and merge
 * exactly: min of mins, max of maxes, sums and counts added, last of the later `lastTs`.
 */
export interface RollupBucket {
  series: number;
  resolution: '1m' | '1h';
  /** Bucket start, epoch ms, aligned to the UTC minute or hour. */
  start: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastTs: number;
}

/**
 * Where closed buckets are collected, or undefined when nobody listens. Buckets are handed to the
 * listener only after the store's state is complete, so a throwing listener cannot leave a
 * half-appended sample behind.
 */
export type RollupOutbox = RollupBucket[] | undefined;

/** Where one resolution's open bucket lives in the record. */
interface BucketSlots {
  resolution: '1m' | '1h';
  period: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

const MINUTE: BucketSlots = {
  resolution: '1m',
  period: MINUTE_MS,
  min: MINUTE_MIN,
  max: MINUTE_MAX,
  sum: MINUTE_SUM,
  count: MINUTE_COUNT,
};
const HOUR: BucketSlots = {
  resolution: '1h',
  period: HOUR_MS,
  min: HOUR_MIN,
  max: HOUR_MAX,
  sum: HOUR_SUM,
  count: HOUR_COUNT,
};

const RESOLUTIONS = [MINUTE, HOUR];

/**
 * Folds the sample (ts, value) of `series` into its open buckets, first closing the ones it
 * leaves behind. Runs before the latest-sample slots are updated: they still describe the
 * previous sample, which is the last one of every open bucket.
 */
export function rollSample(
  records: RecordChunk,
  slot: number,
  series: number,
  counter: boolean,
  ts: number,
  value: number,
  outbox: RollupOutbox,
): void {
  const f64 = slot * F64_STRIDE;
  const previousTs = records.f64[f64 + LAST_TS]!;
  // Same bucket iff same floor(ts / period): compared without multiplying back.
  if (Math.floor(previousTs / MINUTE_MS) !== Math.floor(ts / MINUTE_MS))
    closeOpen(records, slot, series, MINUTE, outbox);
  if (Math.floor(previousTs / HOUR_MS) !== Math.floor(ts / HOUR_MS))
    closeOpen(records, slot, series, HOUR, outbox);
  let x = value;
  if (counter) {
    if (previousTs === Number.NEGATIVE_INFINITY) return;
    const previous = records.f64[f64 + LAST_VALUE]!;
    x = ((value >= previous ? value - previous : value) * 1000) / (ts - previousTs);
    records.f64[f64 + LAST_RATE] = x;
  }
  // Numeric slot offsets rather than the BucketSlots objects: this runs on every append.
  add(records, slot, x, MINUTE_MIN, MINUTE_COUNT);
  add(records, slot, x, HOUR_MIN, HOUR_COUNT);
}

/** Emits the open buckets whose period ended at or before `nowMs`, or all of them when `force`. */
export function closeSeriesBuckets(
  records: RecordChunk,
  slot: number,
  series: number,
  nowMs: number,
  force: boolean,
  outbox: RollupOutbox,
): void {
  const lastTs = records.f64[slot * F64_STRIDE + LAST_TS]!;
  for (const slots of RESOLUTIONS) {
    if (records.i32[slot * I32_STRIDE + slots.count]! === 0) continue;
    if (force || alignDown(lastTs, slots.period) + slots.period <= nowMs)
      emit(records, slot, series, slots, outbox);
  }
}

function closeOpen(
  records: RecordChunk,
  slot: number,
  series: number,
  slots: BucketSlots,
  outbox: RollupOutbox,
): void {
  if (records.i32[slot * I32_STRIDE + slots.count]! > 0) emit(records, slot, series, slots, outbox);
}

/** Adds x to the open bucket whose min, max and sum sit at f64 slots minAt, minAt + 1, minAt + 2. */
function add(records: RecordChunk, slot: number, x: number, minAt: number, countSlot: number): void {
  const f64 = records.f64;
  const min = slot * F64_STRIDE + minAt;
  const countAt = slot * I32_STRIDE + countSlot;
  const count = records.i32[countAt]!;
  if (count === 0) {
    f64[min] = x;
    f64[min + 1] = x;
    f64[min + 2] = x;
  } else {
    if (x < f64[min]!) f64[min] = x;
    if (x > f64[min + 1]!) f64[min + 1] = x;
    f64[min + 2] = f64[min + 2]! + x;
  }
  records.i32[countAt] = count + 1;
}

function emit(
  records: RecordChunk,
  slot: number,
  series: number,
  slots: BucketSlots,
  outbox: RollupOutbox,
): void {
  const countAt = slot * I32_STRIDE + slots.count;
  const count = records.i32[countAt]!;
  records.i32[countAt] = 0;
  if (!outbox) return;
  const f64 = records.f64;
  const base = slot * F64_STRIDE;
  const lastTs = f64[base + LAST_TS]!;
  const counter = (records.u8[slot * RECORD_BYTES + FLAGS]! & FLAG_COUNTER) !== 0;
  outbox.push({
    series,
    resolution: slots.resolution,
    start: alignDown(lastTs, slots.period),
    min: f64[base + slots.min]!,
    max: f64[base + slots.max]!,
    sum: f64[base + slots.sum]!,
    count,
    last: f64[base + (counter ? LAST_RATE : LAST_VALUE)]!,
    lastTs,
  });
}
