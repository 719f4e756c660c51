/**
 * Per-series state: one fixed 104-byte record per series. Records sit in chunks of 1,024 (one
 * ArrayBuffer each, read through float64, int32 and byte views); series n is record n & 1023 of
 * chunk n >> 10. Chunks instead of one buffer grown by copying: no unused capacity beyond the last
 * chunk (a buffer grown by 1.25× carries up to 20 % slack, ~10 % on average) and no pause to copy
 * 100 MB when the millionth series arrives.
 *
 * Why records and not one column (typed array) per field: both avoid per-series JS objects and
 * typed arrays (100–200 bytes of V8 overhead each, which alone would break the 0.5 KiB-per-series
 * budget) and cost the same bytes, but an append touches ~20 fields of one series. Columns put
 * them on ~20 cache lines, a record on two or three, and receivers deliver series in no useful order.
 *
 * Bucket start, last and lastTs of the open rollup buckets are derived from the latest sample,
 * which is always the last one of every open bucket, so they are not stored.
 */
export const RECORD_BYTES = 104;
export const F64_STRIDE = RECORD_BYTES / 8;
export const I32_STRIDE = RECORD_BYTES / 4;

// Float64 slots: records.f64[slot * F64_STRIDE + X].
/** Latest sample; LAST_TS is −Infinity until the first one. */
export const LAST_TS = 0;
export const LAST_VALUE = 1;
/** Previous Δk in decimal mode, for delta-of-delta prediction. */
export const K_DELTA = 2;
/** Counters: per-second rate at the latest sample, NaN until two samples. */
export const LAST_RATE = 3;
/** Each open bucket: min, max, sum in consecutive slots (rollup-state relies on it). */
export const MINUTE_MIN = 4;
export const MINUTE_MAX = 5;
export const MINUTE_SUM = 6;
export const HOUR_MIN = 7;
export const HOUR_MAX = 8;
export const HOUR_SUM = 9;

// Int32 slots: records.i32[slot * I32_STRIDE + X] (bytes 80–95).
/** Tail (newest) page, −1 when none. The page list is circular: next(tail) is the head. */
export const TAIL = 20;
/** Previous timestamp delta within the tail page (0 at page start). */
export const TS_DELTA = 21;
export const MINUTE_COUNT = 22;
export const HOUR_COUNT = 23;

// Byte slots: records.u8 or .i8[slot * RECORD_BYTES + X].
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

export const CHUNK_SHIFT = 10;
export const CHUNK_SERIES = 1 << CHUNK_SHIFT;
export const CHUNK_MASK = CHUNK_SERIES - 1;

/** The records of 1,024 series; code addresses a record by its slot, series & CHUNK_MASK. */
export interface RecordChunk {
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
}

export class SeriesRecords {
  readonly chunks: RecordChunk[] = [];

  get byteLength(): number {
    return this.chunks.length * CHUNK_SERIES * RECORD_BYTES;
  }

  /** The chunk holding `series`, or undefined beyond the allocated ones. */
  chunkOf(series: number): RecordChunk | undefined {
    return this.chunks[series >>> CHUNK_SHIFT];
  }

  ensure(series: number): void {
    while (series >>> CHUNK_SHIFT >= this.chunks.length) {
      const buffer = new ArrayBuffer(CHUNK_SERIES * RECORD_BYTES);
      this.chunks.push({
        f64: new Float64Array(buffer),
        i32: new Int32Array(buffer),
        u8: new Uint8Array(buffer),
        i8: new Int8Array(buffer),
      });
    }
  }

  /** Resets a series' record to its empty state. */
  reset(series: number, counter: boolean): void {
    const chunk = this.chunkOf(series)!;
    const slot = series & CHUNK_MASK;
    chunk.u8.fill(0, slot * RECORD_BYTES, (slot + 1) * RECORD_BYTES);
    chunk.u8[slot * RECORD_BYTES + FLAGS] = FLAG_ALIVE | (counter ? FLAG_COUNTER : 0);
    chunk.i32[slot * I32_STRIDE + TAIL] = -1;
    chunk.f64[slot * F64_STRIDE + LAST_TS] = Number.NEGATIVE_INFINITY;
    chunk.f64[slot * F64_STRIDE + LAST_RATE] = Number.NaN;
  }
}
