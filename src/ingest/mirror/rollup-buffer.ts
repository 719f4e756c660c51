import type { EntityId, RollupBucket, RollupColumns } from '../../model/index.js';

/**
 * Closed rollup buckets waiting to be written, as growable columns: at a minute boundary every
 * series closes one, and an object apiece would cost more than the write. Series are named by
 * keys that are never reused (series numbers are), announced once with their entity and name.
 */
export class RollupBuffer {
  #length = 0;
  #capacity = 0;
  #key = new Int32Array(0);
  #resolutionMs = new Int32Array(0);
  #start = new Float64Array(0);
  #min = new Float64Array(0);
  #max = new Float64Array(0);
  #sum = new Float64Array(0);
  #count = new Float64Array(0);
  #last = new Float64Array(0);
  #unannounced: Array<[number, EntityId, string]> = [];

  get length(): number {
    return this.#length;
  }

  announce(key: number, entityId: EntityId, series: string): void {
    this.#unannounced.push([key, entityId, series]);
  }

  push(key: number, bucket: RollupBucket): void {
    if (this.#length === this.#capacity) this.#grow();
    const i = this.#length++;
    this.#key[i] = key;
    this.#resolutionMs[i] = bucket.resolution === '1h' ? 3_600_000 : 60_000;
    this.#start[i] = bucket.start;
    this.#min[i] = bucket.min;
    this.#max[i] = bucket.max;
    this.#sum[i] = bucket.sum;
    this.#count[i] = bucket.count;
    this.#last[i] = bucket.last;
  }

  /** Everything buffered, as one batch; the buffer starts over empty. */
  take(): RollupColumns {
    const batch: RollupColumns = {
      newSeries: this.#unannounced,
      length: this.#length,
      key: this.#key,
      resolutionMs: this.#resolutionMs,
      start: this.#start,
      min: this.#min,
      max: this.#max,
      sum: this.#sum,
      count: this.#count,
      last: this.#last,
    };
    this.#unannounced = [];
    this.#length = 0;
    this.#capacity = 0;
    this.#allocate(0);
    return batch;
  }

  #grow(): void {
    const old = {
      key: this.#key,
      resolutionMs: this.#resolutionMs,
      start: this.#start,
      min: this.#min,
      max: this.#max,
      sum: this.#sum,
      count: this.#count,
      last: this.#last,
    };
    this.#allocate(Math.max(4096, this.#capacity * 2));
    this.#key.set(old.key);
    this.#resolutionMs.set(old.resolutionMs);
    this.#start.set(old.start);
    this.#min.set(old.min);
    this.#max.set(old.max);
    this.#sum.set(old.sum);
    this.#count.set(old.count);
    this.#last.set(old.last);
  }

  #allocate(capacity: number): void {
    this.#capacity = capacity;
    this.#key = new Int32Array(capacity);
    this.#resolutionMs = new Int32Array(capacity);
    this.#start = new Float64Array(capacity);
    this.#min = new Float64Array(capacity);
    this.#max = new Float64Array(capacity);
    this.#sum = new Float64Array(capacity);
    this.#count = new Float64Array(capacity);
    this.#last = new Float64Array(capacity);
  }
}
