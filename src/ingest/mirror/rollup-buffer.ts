import type { EntityId, RollupBucket, RollupColumns } from '../../model/index.js';

type Columns = Omit<RollupColumns, 'newSeries' | 'length'>;

/** Rows per chunk: a write of this many rows is a few milliseconds on either thread. */
const rollupChunkRows = 8_192;

/**
 * Closed rollup buckets waiting to be written, as columns in fixed-size chunks: at a minute
 * boundary every series closes one, and an object apiece would cost more than the write. Chunks
 * are never grown or copied — a buffer that doubled and copied stalled the ingest path for a
 * tenth of a second once it held a million rows — and each is written whole, one per turn of
 * the event loop. Series are named by keys that are never reused (series numbers are), announced
 * once with their entity and name; the announcements ride with the next chunk taken, so a store
 * always learns a key before the rows that use it.
 */
export class RollupBuffer {
  readonly #chunkRows: number;
  #current: Columns;
  #currentLength = 0;
  readonly #full: Columns[] = [];
  #unannounced: Array<[number, EntityId, string]> = [];

  constructor(chunkRows = rollupChunkRows) {
    this.#chunkRows = chunkRows;
    this.#current = allocate(chunkRows);
  }

  /** Rows waiting, in all chunks. */
  get length(): number {
    return this.#full.length * this.#chunkRows + this.#currentLength;
  }

  /** Chunks that are full and ready to be written whole. */
  get fullChunks(): number {
    return this.#full.length;
  }

  /** Whether `take` has anything to hand over (rows or announcements). */
  get pending(): boolean {
    return this.length > 0 || this.#unannounced.length > 0;
  }

  announce(key: number, entityId: EntityId, series: string): void {
    this.#unannounced.push([key, entityId, series]);
  }

  push(key: number, bucket: RollupBucket): void {
    if (this.#currentLength === this.#chunkRows) {
      this.#full.push(this.#current);
      this.#current = allocate(this.#chunkRows);
      this.#currentLength = 0;
    }
    const i = this.#currentLength++;
    const columns = this.#current;
    columns.key[i] = key;
    columns.resolutionMs[i] = bucket.resolution === '1h' ? 3_600_000 : 60_000;
    columns.start[i] = bucket.start;
    columns.min[i] = bucket.min;
    columns.max[i] = bucket.max;
    columns.sum[i] = bucket.sum;
    columns.count[i] = bucket.count;
    columns.last[i] = bucket.last;
  }

  /**
   * The oldest rows as one batch — a full chunk if there is one, else the chunk being filled
   * (which then starts over) — with every announcement not yet handed over. The batch's arrays
   * are the caller's from now on.
   */
  take(): RollupColumns {
    const newSeries = this.#unannounced;
    this.#unannounced = [];
    const full = this.#full.shift();
    if (full) return { newSeries, length: this.#chunkRows, ...full };
    const length = this.#currentLength;
    const columns = this.#current;
    this.#current = allocate(this.#chunkRows);
    this.#currentLength = 0;
    return { newSeries, length, ...columns };
  }
}

function allocate(capacity: number): Columns {
  return {
    key: new Int32Array(capacity),
    resolutionMs: new Int32Array(capacity),
    start: new Float64Array(capacity),
    min: new Float64Array(capacity),
    max: new Float64Array(capacity),
    sum: new Float64Array(capacity),
    count: new Float64Array(capacity),
    last: new Float64Array(capacity),
  };
}
