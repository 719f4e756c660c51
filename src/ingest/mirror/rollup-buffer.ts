import type { EntityId, RollupBucket, RollupColumns } from '../../model/index.js';

type Columns = Omit<RollupColumns, 'newSeries' | 'length'>;

/**
 * Closed rollup buckets waiting to be written, as growable columns: at a minute boundary every
 * series closes one, and an object apiece would cost more than the write. Series are named by
 * keys that are never reused (series numbers are), announced once with their entity and name.
 */
export class RollupBuffer {
  #length = 0;
  #columns = allocate(0);
  #unannounced: Array<[number, EntityId, string]> = [];

  get length(): number {
    return this.#length;
  }

  announce(key: number, entityId: EntityId, series: string): void {
    this.#unannounced.push([key, entityId, series]);
  }

  push(key: number, bucket: RollupBucket): void {
    if (this.#length === this.#columns.key.length) this.#grow();
    const i = this.#length++;
    const columns = this.#columns;
    columns.key[i] = key;
    columns.resolutionMs[i] = bucket.resolution === '1h' ? 3_600_000 : 60_000;
    columns.start[i] = bucket.start;
    columns.min[i] = bucket.min;
    columns.max[i] = bucket.max;
    columns.sum[i] = bucket.sum;
    columns.count[i] = bucket.count;
    columns.last[i] = bucket.last;
  }

  /** Everything buffered, as one batch; the buffer starts over empty. */
  take(): RollupColumns {
    const batch: RollupColumns = { newSeries: this.#unannounced, length: this.#length, ...this.#columns };
    this.#unannounced = [];
    this.#length = 0;
    this.#columns = allocate(0);
    return batch;
  }

  #grow(): void {
    const old = this.#columns;
    const grown = allocate(Math.max(4096, old.key.length * 2));
    for (const name of Object.keys(old) as Array<keyof Columns>) grown[name].set(old[name] as never);
    this.#columns = grown;
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
