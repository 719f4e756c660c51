import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeJournalFrame, encodeJournalRecord, type JournalRecord } from './journal-record.js';

export interface SampleJournalOptions {
  /** The directory of segment files, created if missing. */
  dir: string;
  /** A new segment starts past this size. Default 64 MiB. */
  segmentBytes?: number;
  /** Segments whose newest record is older than this are deleted. Default 1 h (the hot window). */
  retentionMs?: number;
  /** Oldest segments are deleted beyond this total. Default 2 GiB. */
  maxBytes?: number;
  /**
   * When an append counts as durable. `process` (default): once written to the file, which a
   * crash or kill of the process cannot undo; the file is also fdatasynced every second, bounding
   * what a power loss can take, as Prometheus's and VictoriaMetrics's receivers do. `machine`: once
   * fdatasynced, which survives power loss too, at the price of a sync per group of requests.
   */
  durability?: 'process' | 'machine';
  clock?: () => number;
}

interface Segment {
  name: string;
  bytes: number;
  newest: number;
}

/**
 * The ingest journal: every accepted request body is appended here and fsynced before the
 * receiver acknowledges it, so an acknowledged sample survives a crash of the process; at start
 * the journal is replayed into the hot buffers, state and rollups. Appends are group-committed:
 * while one fdatasync runs, later appends wait together for the next, so the cost of a sync is
 * shared by every request that arrived meanwhile.
 */
export class SampleJournal {
  readonly #dir: string;
  readonly #segmentBytes: number;
  readonly #retentionMs: number;
  readonly #maxBytes: number;
  readonly #clock: () => number;
  readonly #segments: Segment[] = [];
  #fd = -1;
  /** Full segments' descriptors, closed once no sync can still be using them. */
  #retired: number[] = [];
  #syncing = false;
  #waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  #closed = false;
  #dirty = false;
  #syncs = 0;
  readonly #durability: 'process' | 'machine';
  readonly #syncTimer: NodeJS.Timeout | undefined;

  constructor(options: SampleJournalOptions) {
    this.#dir = options.dir;
    this.#segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.#retentionMs = options.retentionMs ?? 3_600_000;
    this.#maxBytes = options.maxBytes ?? 2 * 1024 * 1024 * 1024;
    this.#clock = options.clock ?? Date.now;
    this.#durability = options.durability ?? 'process';
    if (this.#durability === 'process') {
      this.#syncTimer = setInterval(() => this.#backgroundSync(), 1_000);
      this.#syncTimer.unref();
    }
    mkdirSync(this.#dir, { recursive: true });
    for (const name of segmentNames(this.#dir)) {
      const stat = statSync(join(this.#dir, name));
      this.#segments.push({ name, bytes: stat.size, newest: stat.mtimeMs });
    }
  }

  /**
   * Reads every intact record, oldest first. A torn tail (a crash mid-write) ends a segment's
   * replay; its records were never acknowledged.
   */
  *replay(): Generator<JournalRecord & { segment: string }> {
    for (const segment of [...this.#segments]) {
      const buf = readFileSync(join(this.#dir, segment.name));
      let pos = 0;
      for (;;) {
        const frame = decodeJournalFrame(buf, pos);
        if ('end' in frame || 'torn' in frame) break;
        yield { ...frame.record, segment: segment.name };
        pos = frame.next;
      }
    }
  }

  /** Appends a record; resolves once it is written (and, with `machine` durability, synced). */
  append(record: JournalRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the ingest journal is closed'));
    const frame = encodeJournalRecord(record);
    const segment = this.#current(frame.length);
    // In-line: a write into the page cache is quick, and measured no slower than a write on
    // libuv's pool with its hop back to the loop.
    writeAll(this.#fd, frame, segment.bytes);
    segment.bytes += frame.length;
    segment.newest = record.receivedAt;
    this.#dirty = true;
    if (this.#durability === 'process') return Promise.resolve();
    const durable = new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    this.#sync();
    return durable;
  }

  /** Deletes segments past retention or beyond the size cap; never the one being written. */
  trim(): number {
    const now = this.#clock();
    let total = this.#segments.reduce((sum, segment) => sum + segment.bytes, 0);
    let removed = 0;
    while (this.#segments.length > 1) {
      const oldest = this.#segments[0] as Segment;
      if (now - oldest.newest <= this.#retentionMs && total <= this.#maxBytes) break;
      unlinkSync(join(this.#dir, oldest.name));
      this.#segments.shift();
      total -= oldest.bytes;
      removed++;
    }
    return removed;
  }

  /** The periodic sync of `process` durability; skipped while nothing was written. */
  #backgroundSync(): void {
    if (!this.#dirty || this.#syncing || this.#fd < 0) return;
    this.#dirty = false;
    this.#syncing = true;
    this.#syncFiles(() => {
      this.#syncing = false;
      this.#syncs++;
      this.#sync();
    });
  }

  /**
   * fdatasyncs the segment being written and every retired one (closed once synced). Retired
   * segments are synced here, off the event loop, rather than when they fill: a synchronous sync
   * of a second of writes stalled the receivers for a tenth of a second at every new segment.
   */
  #syncFiles(done: (error: Error | null) => void): void {
    const retired = this.#retired.splice(0);
    const fds = [...retired, this.#fd];
    let left = fds.length;
    let failure: Error | null = null;
    for (const fd of fds) {
      fdatasync(fd, (error) => {
        failure ??= error;
        if (--left > 0) return;
        for (const old of retired) closeSync(old);
        done(failure);
      });
    }
  }

  stats(): { segments: number; bytes: number; syncs: number } {
    return {
      segments: this.#segments.length,
      bytes: this.#segments.reduce((sum, segment) => sum + segment.bytes, 0),
      syncs: this.#syncs,
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#syncTimer) clearInterval(this.#syncTimer);
    while (this.#syncing || this.#waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    for (const fd of this.#retired.splice(0)) {
      fdatasyncSync(fd);
      closeSync(fd);
    }
    if (this.#fd >= 0 && this.#dirty) fdatasyncSync(this.#fd);
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
  }

  #current(frameBytes: number): Segment {
    const last = this.#segments[this.#segments.length - 1];
    if (this.#fd >= 0 && last && last.bytes + frameBytes <= this.#segmentBytes) return last;
    if (this.#fd >= 0) this.#retired.push(this.#fd);
    const number = last ? Number.parseInt(last.name, 10) + 1 : 1;
    const name = `${String(number).padStart(8, '0')}.journal`;
    // Always a new file: a segment is never appended to after a restart (its tail may be torn).
    this.#fd = openSync(join(this.#dir, name), 'wx');
    const segment = { name, bytes: 0, newest: this.#clock() };
    this.#segments.push(segment);
    return segment;
  }

  #sync(): void {
    if (this.#syncing || this.#waiting.length === 0) return;
    this.#syncing = true;
    const batch = this.#waiting;
    this.#waiting = [];
    this.#syncFiles((error) => {
      this.#syncing = false;
      this.#syncs++;
      for (const waiter of batch) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      this.#sync();
    });
  }
}

function writeAll(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}

function segmentNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d{8}\.journal$/.test(name))
    .sort();
}
