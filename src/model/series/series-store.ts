import { InputError, NotFoundError } from '../errors.js';
import { BitReader } from './bit-reader.js';
import { MAX_TS_DELTA } from './chunk-format.js';
import { PageArena } from './page-arena.js';
import { firstTimestamp } from './page-decoder.js';
import { planQuery, type RangeQuery, type RangeResult, runQuery } from './range-query.js';
import { closeSeriesBuckets, type RollupBucket, rollSample } from './rollup-state.js';
import { SampleEncoder } from './sample-encoder.js';
import { SeriesCursor } from './series-cursor.js';
import {
  CHUNK_MASK,
  F64_STRIDE,
  FLAG_ALIVE,
  FLAG_COUNTER,
  FLAGS,
  I32_STRIDE,
  LAST_RATE,
  LAST_TS,
  LAST_VALUE,
  RECORD_BYTES,
  type RecordChunk,
  SeriesRecords,
  TAIL,
} from './series-records.js';

export interface SeriesStoreOptions {
  /** How far back samples are kept, ms. Default 3,600,000 (1 h). */
  retentionMs?: number;
  /** Page size, a multiple of 4 in 32..8188. Default 96: see DEFAULT_PAGE_BYTES. */
  pageBytes?: number;
  /**
   * Bytes of pages one series may hold; beyond it its oldest page goes even inside the retention
   * window, so one runaway high-frequency series cannot eat the memory of thousands. Default 64 KiB
   * (~30,000 typical samples, 2 h at 4 Hz). At least two pages.
   */
  maxBytesPerSeries?: number;
}

export type AppendResult = 'ok' | 'out-of-order' | 'duplicate';

export interface SeriesMemoryStats {
  series: number;
  samples: number;
  /** Pages in use × page size. */
  arenaBytesUsed: number;
  /** Per-series records (allocated capacity) plus the arena's per-page metadata. */
  columnBytes: number;
  /** (arenaBytesUsed + columnBytes) / series. */
  bytesPerSeries: number;
  /** (arenaBytesUsed + columnBytes) / samples. */
  bytesPerSample: number;
  /** Slab bytes allocated, free pages included. */
  arenaBytesReserved: number;
  pagesInUse: number;
  pageBytes: number;
}

/**
 * 96-byte pages: a series pays on average half a page of unfilled tail, plus one header (~100 bits:
 * timestamp, value, carried window) per page. At ~8–12 bits a sample, 1 h of 15-s samples fills
 * 2–5 pages. Measured with `npm run bench -- series-memory --page-bytes N` (bytes per series,
 * all included, 100,000 series): 64 → 527, 80 → 493, 96 → 484, 112 → 485, 128 → 490, 160 → 495.
 */
export const DEFAULT_PAGE_BYTES = 96;
export const DEFAULT_RETENTION_MS = 3_600_000;
const DEFAULT_MAX_BYTES_PER_SERIES = 65_536;

/**
 * The hot, in-memory buffer of every telemetry series: compressed samples (format in
 * `chunk-format.ts`) in pages of a shared arena, per-series state in fixed records
 * (`series-records.ts`), open 1-minute and 1-hour rollups, range queries and counter rates. A
 * series is a dense number handed out by `create`; no JS object exists per series.
 *
 * Retention, at page granularity: a page is dropped once all its samples are older than
 * `now − retentionMs` (`trim`, and on each series' own clock whenever it opens a page). For a page
 * that is not the series' newest this is judged by the next page's first timestamp, so a page can
 * outlive its last sample's expiry by one sample interval. Hence after `trim(now)`: every sample
 * with ts ≥ now − retentionMs is kept; expired samples kept all sit in the oldest page, and when
 * there is a newer page, it starts after the cutoff.
 */
export class SeriesStore {
  readonly #records = new SeriesRecords();
  readonly #arena: PageArena;
  readonly #encoder = new SampleEncoder();
  readonly #reader = new BitReader();
  readonly #cursor = new SeriesCursor();
  readonly #retentionMs: number;
  readonly #maxPages: number;
  readonly #onRollup: ((bucket: RollupBucket) => void) | undefined;
  readonly #outbox: RollupBucket[] | undefined;
  readonly #freeSeries: number[] = [];
  #highWater = 0;
  #alive = 0;
  #samples = 0;

  constructor(options: SeriesStoreOptions = {}, onRollup?: (bucket: RollupBucket) => void) {
    const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    if (!(retentionMs > 0 && Number.isFinite(retentionMs))) {
      throw new InputError(`retentionMs must be a positive number of milliseconds, got ${retentionMs}`);
    }
    this.#retentionMs = retentionMs;
    this.#arena = new PageArena(options.pageBytes ?? DEFAULT_PAGE_BYTES);
    const maxBytes = options.maxBytesPerSeries ?? DEFAULT_MAX_BYTES_PER_SERIES;
    this.#maxPages = Math.max(2, Math.floor(maxBytes / this.#arena.pageBytes));
    this.#onRollup = onRollup;
    this.#outbox = onRollup ? [] : undefined;
  }

  get seriesCount(): number {
    return this.#alive;
  }

  /** A new series; `counter` series are cumulative (rates computed across resets). Returns its dense number. */
  create(counter: boolean): number {
    const series = this.#freeSeries.pop() ?? this.#highWater++;
    this.#records.ensure(series);
    this.#records.reset(series, counter);
    this.#alive++;
    return series;
  }

  isCounter(series: number): boolean {
    return (this.#chunk(series).u8[(series & CHUNK_MASK) * RECORD_BYTES + FLAGS]! & FLAG_COUNTER) !== 0;
  }

  /**
   * Stores a sample. Timestamps must be safe integers (epoch ms) and values not NaN; counter
   * values must be finite. A sample older than the series' latest is refused ('out-of-order'),
   * one at the latest's timestamp ignored ('duplicate').
   */
  append(series: number, ts: number, value: number): AppendResult {
    const chunk = this.#chunk(series);
    const slot = series & CHUNK_MASK;
    if (!Number.isSafeInteger(ts)) throw new InputError(`sample timestamp ${ts} is not integer epoch ms`);
    const counter = (chunk.u8[slot * RECORD_BYTES + FLAGS]! & FLAG_COUNTER) !== 0;
    if (Number.isNaN(value) || (counter && !Number.isFinite(value))) {
      throw new InputError(`sample value ${value} is not allowed for series ${series}`);
    }
    const at = slot * F64_STRIDE;
    const lastTs = chunk.f64[at + LAST_TS]!;
    if (ts <= lastTs) return ts === lastTs ? 'duplicate' : 'out-of-order';
    this.#storeSample(chunk, slot, ts, value, lastTs);
    rollSample(chunk, slot, series, counter, ts, value, this.#outbox);
    chunk.f64[at + LAST_TS] = ts;
    chunk.f64[at + LAST_VALUE] = value;
    if (this.#outbox !== undefined && this.#outbox.length > 0) this.#deliver();
    return 'ok';
  }

  latest(series: number): { ts: number; value: number } | undefined {
    const f64 = this.#chunk(series).f64;
    const at = (series & CHUNK_MASK) * F64_STRIDE;
    const ts = f64[at + LAST_TS]!;
    return ts === Number.NEGATIVE_INFINITY ? undefined : { ts, value: f64[at + LAST_VALUE]! };
  }

  /**
   * Per-second rate between the last two samples of a counter series, reset-aware (a drop means
   * the counter restarted from 0: rate = value/Δt). Undefined until two samples, and for gauges.
   */
  latestRate(series: number): number | undefined {
    if (!this.isCounter(series)) return undefined;
    const rate = this.#chunk(series).f64[(series & CHUNK_MASK) * F64_STRIDE + LAST_RATE]!;
    return Number.isNaN(rate) ? undefined : rate;
  }

  /** Reads the retained samples; semantics of each `fn` in `runQuery`. */
  query(series: number, q: RangeQuery): RangeResult {
    const tail = this.#tailOf(this.#chunk(series), series & CHUNK_MASK);
    const plan = planQuery(q);
    this.#cursor.open(this.#arena, tail, plan.lowerBound);
    return runQuery(this.#cursor, plan);
  }

  /**
   * Emits (via onRollup) every open bucket whose period has ended at or before `nowMs`, and all
   * open buckets when `force`; used by a periodic flush. Buckets also close when a sample of a
   * later bucket arrives.
   */
  closeBuckets(nowMs: number, force = false, from = 0, to = this.#highWater): void {
    this.#forEachAlive(
      (chunk, slot, series) => {
        closeSeriesBuckets(chunk, slot, series, nowMs, force, this.#outbox);
      },
      from,
      to,
    );
    if (this.#outbox !== undefined && this.#outbox.length > 0) this.#deliver();
  }

  /**
   * Drops pages older than the retention for every series (also done on append when a page
   * fills). `from`/`to` (series numbers) let a caller spread the scan over several turns.
   */
  trim(nowMs: number, from = 0, to = this.#highWater): void {
    const cutoff = nowMs - this.#retentionMs;
    this.#forEachAlive((chunk, slot) => this.#dropExpired(chunk, slot, cutoff), from, to);
  }

  /** One past the highest series number ever created: the range for sliced scans. */
  get seriesHighWater(): number {
    return this.#highWater;
  }

  /** Frees the series' pages after emitting its open buckets; the number may be reused by `create`. */
  drop(series: number): void {
    const chunk = this.#chunk(series);
    const slot = series & CHUNK_MASK;
    closeSeriesBuckets(chunk, slot, series, 0, true, this.#outbox);
    const tail = this.#tailOf(chunk, slot);
    if (tail >= 0) {
      let page = this.#arena.nextOf(tail);
      while (page !== tail) {
        const next = this.#arena.nextOf(page);
        this.#freePage(page);
        page = next;
      }
      this.#freePage(tail);
    }
    chunk.i32[slot * I32_STRIDE + TAIL] = -1;
    chunk.u8[slot * RECORD_BYTES + FLAGS] = 0;
    this.#alive--;
    this.#freeSeries.push(series);
    if (this.#outbox !== undefined && this.#outbox.length > 0) this.#deliver();
  }

  memoryStats(): SeriesMemoryStats {
    const arena = this.#arena;
    const arenaBytesUsed = arena.pagesInUse * arena.pageBytes;
    const columnBytes = this.#records.byteLength + arena.metadataBytes;
    const total = arenaBytesUsed + columnBytes;
    return {
      series: this.#alive,
      samples: this.#samples,
      arenaBytesUsed,
      columnBytes,
      bytesPerSeries: this.#alive === 0 ? 0 : total / this.#alive,
      bytesPerSample: this.#samples === 0 ? 0 : total / this.#samples,
      arenaBytesReserved: arena.reservedBytes,
      pagesInUse: arena.pagesInUse,
      pageBytes: arena.pageBytes,
    };
  }

  /** Pages, samples and page bytes one series holds, and each page's first timestamp, oldest first. */
  seriesStats(series: number): { pages: number; samples: number; arenaBytes: number; pageFirstTs: number[] } {
    const arena = this.#arena;
    const tail = this.#tailOf(this.#chunk(series), series & CHUNK_MASK);
    const pageFirstTs: number[] = [];
    let samples = 0;
    if (tail >= 0) {
      let page = tail;
      do {
        page = arena.nextOf(page);
        pageFirstTs.push(firstTimestamp(arena, page, this.#reader));
        samples += arena.samplesOf(page);
      } while (page !== tail);
    }
    const pages = pageFirstTs.length;
    return { pages, samples, arenaBytes: pages * arena.pageBytes, pageFirstTs };
  }

  /** The record chunk of a live series; throws for a number that is not one. */
  #chunk(series: number): RecordChunk {
    const chunk =
      series >>> 0 === series && series < this.#highWater ? this.#records.chunkOf(series) : undefined;
    if (chunk === undefined || (chunk.u8[(series & CHUNK_MASK) * RECORD_BYTES + FLAGS]! & FLAG_ALIVE) === 0) {
      throw new NotFoundError(`no series ${series}`);
    }
    return chunk;
  }

  #forEachAlive(
    visit: (chunk: RecordChunk, slot: number, series: number) => void,
    from = 0,
    to = this.#highWater,
  ): void {
    for (let series = Math.max(0, from); series < Math.min(to, this.#highWater); series++) {
      const chunk = this.#records.chunkOf(series)!;
      const slot = series & CHUNK_MASK;
      if ((chunk.u8[slot * RECORD_BYTES + FLAGS]! & FLAG_ALIVE) !== 0) visit(chunk, slot, series);
    }
  }

  #tailOf(chunk: RecordChunk, slot: number): number {
    return chunk.i32[slot * I32_STRIDE + TAIL]!;
  }

  #storeSample(chunk: RecordChunk, slot: number, ts: number, value: number, lastTs: number): void {
    const arena = this.#arena;
    const encoder = this.#encoder;
    const tail = this.#tailOf(chunk, slot);
    if (tail >= 0 && ts - lastTs <= MAX_TS_DELTA) {
      encoder.stageNext(chunk, slot, ts, value);
      const used = arena.usedBitsOf(tail);
      if (used + encoder.writer.bits <= arena.capacityBits) {
        arena.addSample(tail, encoder.writer.flushTo(arena.words(tail), arena.baseWord(tail), used));
        encoder.commit(chunk, slot);
        this.#samples++;
        return;
      }
    }
    this.#openPage(chunk, slot, ts, value);
  }

  /** Starts a new tail page with (ts, value) as its header, after dropping what retention and the cap allow. */
  #openPage(chunk: RecordChunk, slot: number, ts: number, value: number): void {
    const arena = this.#arena;
    this.#dropExpired(chunk, slot, ts - this.#retentionMs);
    this.#enforceCap(chunk, slot);
    this.#encoder.stageHeader(chunk, slot, ts, value);
    const page = arena.allocate();
    const tail = this.#tailOf(chunk, slot);
    if (tail >= 0) {
      arena.setNext(page, arena.nextOf(tail));
      arena.setNext(tail, page);
    }
    arena.setFill(page, this.#encoder.writer.flushTo(arena.words(page), arena.baseWord(page), 0), 1);
    this.#encoder.commit(chunk, slot);
    chunk.i32[slot * I32_STRIDE + TAIL] = page;
    this.#samples++;
  }

  #dropExpired(chunk: RecordChunk, slot: number, cutoff: number): void {
    const arena = this.#arena;
    for (;;) {
      const tail = this.#tailOf(chunk, slot);
      if (tail < 0) return;
      const head = arena.nextOf(tail);
      if (head === tail) {
        if (chunk.f64[slot * F64_STRIDE + LAST_TS]! < cutoff) {
          this.#freePage(tail);
          chunk.i32[slot * I32_STRIDE + TAIL] = -1;
        }
        return;
      }
      const second = arena.nextOf(head);
      if (firstTimestamp(arena, second, this.#reader) > cutoff) return;
      arena.setNext(tail, second);
      this.#freePage(head);
    }
  }

  /** Makes room for one more page within the per-series cap by dropping the oldest. */
  #enforceCap(chunk: RecordChunk, slot: number): void {
    const arena = this.#arena;
    const tail = this.#tailOf(chunk, slot);
    if (tail < 0) return;
    let pages = 1;
    for (let page = arena.nextOf(tail); page !== tail; page = arena.nextOf(page)) pages++;
    for (; pages >= this.#maxPages; pages--) {
      const head = arena.nextOf(tail);
      arena.setNext(tail, arena.nextOf(head));
      this.#freePage(head);
    }
  }

  #freePage(page: number): void {
    this.#samples -= this.#arena.samplesOf(page);
    this.#arena.free(page);
  }

  /** Hands the collected buckets to the listener; one throwing does not keep the others back. */
  #deliver(): void {
    const buckets = this.#outbox!.splice(0);
    let failure: unknown;
    let failed = false;
    for (const bucket of buckets) {
      try {
        this.#onRollup!(bucket);
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
      }
    }
    if (failed) throw failure;
  }
}
