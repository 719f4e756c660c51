import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One batch for the writer: new series ids first, then rollup rows as columns. */
export interface RollupBatch {
  newSeries: Array<[id: number, entityId: string, name: string]>;
  seriesId: Int32Array;
  resolutionMs: Int32Array;
  start: Float64Array;
  min: Float64Array;
  max: Float64Array;
  sum: Float64Array;
  count: Float64Array;
  last: Float64Array;
}

/**
 * Rollups are written by a worker thread with its own connection to the database file: a minute
 * of 100,000 series is 100,000 rows, a quarter of a second of SQLite work that would otherwise
 * stall the ingest path on the main thread. WAL lets the two connections take turns as writers
 * (busy timeout); rollups are derived data the ingest journal can rebuild, so this connection
 * commits with synchronous = NORMAL.
 */
export class RollupWriter {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  #next = 0;
  #failed: Error | undefined;

  constructor(path: string) {
    // The worker is code in a string so that it runs the same from TypeScript sources (tests)
    // and from the built JavaScript; it needs only better-sqlite3, resolved from here.
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(workerSource, { eval: true, workerData: { path, driver } });
    this.#worker.unref();
    this.#worker.on('message', (message: { id: number; error?: string }) => {
      const waiter = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(`rollup writer: ${message.error}`));
      else waiter?.resolve();
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => {
      if (code !== 0) this.#fail(new Error(`rollup writer exited with code ${code}`));
    });
  }

  write(batch: RollupBatch): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    const done = new Promise<void>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    const columns = [
      batch.seriesId,
      batch.resolutionMs,
      batch.start,
      batch.min,
      batch.max,
      batch.sum,
      batch.count,
      batch.last,
    ];
    this.#worker.postMessage(
      { id, ...batch },
      columns.map((column) => column.buffer as ArrayBuffer),
    );
    return done;
  }

  /** Latest metric values (last write wins), written by the worker as rollups are. */
  writeMetrics(
    metrics: ReadonlyArray<{
      entityId: string;
      metric: string;
      value: number;
      ts: number;
      origin: string;
      source: string;
    }>,
  ): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    const done = new Promise<void>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.#worker.postMessage({ id, metrics });
    return done;
  }

  /** Asks the worker to run a passive WAL checkpoint, off the main thread. */
  checkpoint(): void {
    if (!this.#failed) this.#worker.postMessage({ checkpoint: true });
  }

  /** Waits for the batches sent so far, then stops the worker. */
  async close(): Promise<void> {
    await Promise.allSettled(
      [...this.#pending.values()].map(
        (waiter) =>
          new Promise<void>((resolve) => {
            const { resolve: original, reject } = waiter;
            waiter.resolve = () => {
              original();
              resolve();
            };
            waiter.reject = (error) => {
              reject(error);
              resolve();
            };
          }),
      ),
    );
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    this.#failed = error;
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 10000');
db.pragma('wal_autocheckpoint = 0');
db.pragma('synchronous = NORMAL');
const insertSeries = db.prepare('INSERT OR IGNORE INTO series (id, entity_id, name) VALUES (?, ?, ?)');
const upsert = db.prepare(
  'INSERT OR REPLACE INTO rollups (series_id, resolution_ms, start, min, max, sum, count, last) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const upsertMetric = db.prepare(
  'INSERT INTO metrics (entity_id, metric, value, ts, origin, source) VALUES (?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT (entity_id, metric) DO UPDATE SET value = excluded.value, ts = excluded.ts, origin = excluded.origin, source = excluded.source',
);
// Short transactions: the main thread's own writes (change sets) wait for the write lock, and
// must not wait for a hundred thousand rows.
const rowsPerTransaction = 2000;
const checkpointEveryMs = 5000;
let lastCheckpoint = 0;
const writeSeries = db.transaction((newSeries) => {
  for (const [id, entityId, name] of newSeries) insertSeries.run(id, entityId, name);
}).immediate;
const writeRows = db.transaction((batch, from, to) => {
  for (let i = from; i < to; i++) {
    upsert.run(batch.seriesId[i], batch.resolutionMs[i], batch.start[i], batch.min[i], batch.max[i], batch.sum[i], batch.count[i], batch.last[i]);
  }
}).immediate;
const writeMetrics = db.transaction((metrics, from, to) => {
  for (let i = from; i < to; i++) {
    const m = metrics[i];
    upsertMetric.run(m.entityId, m.metric, m.value, m.ts, m.origin, m.source);
  }
}).immediate;
function write(batch) {
  if (batch.metrics) {
    for (let from = 0; from < batch.metrics.length; from += rowsPerTransaction) {
      writeMetrics(batch.metrics, from, Math.min(batch.metrics.length, from + rowsPerTransaction));
    }
    return;
  }
  writeSeries(batch.newSeries);
  const n = batch.seriesId.length;
  for (let from = 0; from < n; from += rowsPerTransaction) writeRows(batch, from, Math.min(n, from + rowsPerTransaction));
}
parentPort.on('message', (batch) => {
  if (batch.checkpoint) {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    return;
  }
  try {
    write(batch);
    // Checkpointed here, off the main thread: copying these pages into the database would
    // otherwise fall to the main connection's next checkpoint and stall the ingest path. At most
    // every few seconds: a checkpoint ends in an fsync of the database file, and rollups arrive
    // in chunks many times a second under load, where an fsync apiece would queue the ingest
    // journal's own fsyncs (the acknowledgements) behind them.
    const now = Date.now();
    if (now - lastCheckpoint >= checkpointEveryMs) {
      db.pragma('wal_checkpoint(PASSIVE)');
      lastCheckpoint = now;
    }
    parentPort.postMessage({ id: batch.id });
  } catch (error) {
    parentPort.postMessage({ id: batch.id, error: String(error && error.message || error) });
  }
});
`;
