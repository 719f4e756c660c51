/**
 * Per-series state: one fixed 104-byte record per series, all records in one ArrayBuffer indexed
 * by the dense series number and read through three views of it (float64, int32, bytes).
 *
 * Why records and not one column (typed array) per field: both avoid per-series JS objects and
 * typed arrays (100–200 bytes of V8 overhead each, which alone would break the 0.5 KiB-per-series
 * budget) and cost the same bytes, but an append touches ~20 fields of one series. Columns put
 * them on ~20 cache lines, a record on two, and receivers deliver series in no useful order.
 *
 * Bucket start, last and lastTs of the open rollup buckets are derived from the latest sample,
 * which is always the last one of every open bucket, so they are not stored.
 */
export const RECORD_BYTES = 104;
export const F64_STRIDE = RECORD_BYTES / 8;
export const I32_STRIDE = RECORD_BYTES / 4;

/** Float64 slots. */
/** Latest sample; LAST_TS is −Infinity until the first one. */
export const LAST_TS = 0;
export const LAST_VALUE = 1;
/** Previous Δk in decimal mode, for delta-of-delta prediction. */
export const K_DELTA = 2;
/** Counters: per-second rate at the latest sample, NaN until two samples. */
export const LAST_RATE = 3;
export const MINUTE_MIN = 4;
export const MINUTE_MAX = 5;
export const MINUTE_SUM = 6;
export const HOUR_MIN = 7;
export const HOUR_MAX = 8;
export const HOUR_SUM = 9;

/** Int32 slots. */
/** Tail (newest) page, −1 when none. The page list is circular: next(tail) is the head. */
export const TAIL = 20;
/** Previous timestamp delta within the tail page (0 at page start). */
export const TS_DELTA = 21;
export const MINUTE_COUNT = 22;
export const HOUR_COUNT = 23;

/** Byte slots. */
export const FLAGS = 96;
/** Decimal scale 0..14 of the tail page, or XOR_MODE. */
export const SCALE = 97;
/** Encoder window: bit count (0 = none), and shift (decimal: trailing zeros + sign mode; XOR: leading zeros). */
export const WIN_BITS = 98;
export const WIN_SHIFT = 99;
/** Int8: bits delta-of-delta prediction would have saved over delta, recently; picks each page's predictor. */
export const DOD_SCORE = 100;
/** Int8: zero residuals minus reused windows, recently; picks each page's prefix code. */
export const ZERO_SCORE = 101;
/** Int8: samples the joint 1-bit code (regular timestamp + the short value code) fitted, minus those it did not. */
export const JOINT_SCORE = 102;

export const FLAG_ALIVE = 1;
export const FLAG_COUNTER = 2;
/** The tail page predicts by delta-of-delta. */
export const FLAG_DOD = 4;
/** The tail page gives the short prefix to a reused window instead of a zero residual. */
export const FLAG_BUSY = 8;
/** The tail page has the joint 1-bit code. */
export const FLAG_REGULAR = 16;

/** Capacity grows by this factor, not 2: after growth ≤ 20 % of it is unused, not 50 %. */
const GROWTH = 1.25;

export class SeriesRecords {
  capacity = 0;
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  u8 = new Uint8Array(0);
  i8 = new Int8Array(0);

  constructor(initialCapacity: number) {
    this.#resize(Math.max(16, initialCapacity));
  }

  get byteLength(): number {
    return this.u8.byteLength;
  }

  ensure(series: number): void {
    if (series >= this.capacity) this.#resize(Math.max(series + 1, Math.ceil(this.capacity * GROWTH)));
  }

  /** Resets a series' record to its empty state. */
  reset(series: number, counter: boolean): void {
    this.u8.fill(0, series * RECORD_BYTES, (series + 1) * RECORD_BYTES);
    this.u8[series * RECORD_BYTES + FLAGS] = FLAG_ALIVE | (counter ? FLAG_COUNTER : 0);
    this.i32[series * I32_STRIDE + TAIL] = -1;
    this.f64[series * F64_STRIDE + LAST_TS] = Number.NEGATIVE_INFINITY;
    this.f64[series * F64_STRIDE + LAST_RATE] = Number.NaN;
  }

  #resize(capacity: number): void {
    const buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    const u8 = new Uint8Array(buffer);
    u8.set(this.u8);
    this.capacity = capacity;
    this.u8 = u8;
    this.i8 = new Int8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
  }
}
