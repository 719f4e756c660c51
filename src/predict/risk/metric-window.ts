/** Points of one series, oldest first: times in epoch ms and values. */
export interface WindowPoints {
  ts: number[];
  values: number[];
}

const minuteMs = 60_000;
const hourMs = 3_600_000;

/**
 * The recent history of one series in constant memory: the last raw samples, per-minute means
 * for the last few hours and per-hour means for the last few days. Risk rules read trends from it
 * at the scale they need (a fan failure in seconds, a disk filling over days).
 */
export class MetricWindow {
  readonly #raw: Ring;
  readonly #minutes: BucketRing;
  readonly #hours: BucketRing;
  #lastTs = Number.NEGATIVE_INFINITY;
  #lastValue = Number.NaN;
  #count = 0;

  constructor(options: { rawPoints?: number; minutes?: number; hours?: number } = {}) {
    this.#raw = new Ring(options.rawPoints ?? 32);
    this.#minutes = new BucketRing(options.minutes ?? 180, minuteMs);
    this.#hours = new BucketRing(options.hours ?? 72, hourMs);
  }

  /** Bytes this window holds, whatever has been pushed into it. */
  static bytesPerWindow(options: { rawPoints?: number; minutes?: number; hours?: number } = {}): number {
    return (
      ((options.rawPoints ?? 32) + (options.minutes ?? 180) * 1.5 + (options.hours ?? 72) * 1.5) * 16 + 96
    );
  }

  /** Ignores samples that are not newer than the last one or not finite: a window is in time order. */
  push(ts: number, value: number): boolean {
    if (!(ts > this.#lastTs) || !Number.isFinite(value)) return false;
    this.#lastTs = ts;
    this.#lastValue = value;
    this.#count++;
    this.#raw.push(ts, value);
    this.#minutes.add(ts, value);
    this.#hours.add(ts, value);
    return true;
  }

  get lastTs(): number {
    return this.#lastTs;
  }

  get lastValue(): number {
    return this.#lastValue;
  }

  /** Samples pushed since the window was made. */
  get count(): number {
    return this.#count;
  }

  /** The raw samples newer than `sinceMs` (only the last few are kept). */
  raw(sinceMs = Number.NEGATIVE_INFINITY): WindowPoints {
    return this.#raw.since(sinceMs);
  }

  /** Per-minute means (stamped at the middle of their minute) newer than `sinceMs`. */
  minutes(sinceMs = Number.NEGATIVE_INFINITY): WindowPoints {
    return this.#minutes.since(sinceMs);
  }

  /** Per-hour means (stamped at the middle of their hour) newer than `sinceMs`. */
  hours(sinceMs = Number.NEGATIVE_INFINITY): WindowPoints {
    return this.#hours.since(sinceMs);
  }

  /** The history best suited to a trend over the last `spanMs`: raw, minute or hour points. */
  span(spanMs: number): WindowPoints {
    const since = this.#lastTs - spanMs;
    if (this.#raw.oldestTs() <= since) return this.#raw.since(since);
    if (spanMs <= this.#minutes.capacity * minuteMs) return this.#minutes.since(since);
    return this.#hours.since(since);
  }

  /** Mean of the values in the last `spanMs`, from the finest resolution that covers it. */
  mean(spanMs: number): number | undefined {
    const points = this.span(spanMs);
    if (points.values.length === 0) return undefined;
    let sum = 0;
    for (const value of points.values) sum += value;
    return sum / points.values.length;
  }

  /** How far back this window reaches, in ms. */
  historyMs(): number {
    const oldest = Math.min(this.#raw.oldestTs(), this.#minutes.oldestTs(), this.#hours.oldestTs());
    return Number.isFinite(oldest) ? this.#lastTs - oldest : 0;
  }
}

class Ring {
  readonly #ts: Float64Array;
  readonly #values: Float64Array;
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    this.#ts = new Float64Array(capacity);
    this.#values = new Float64Array(capacity);
  }

  push(ts: number, value: number): void {
    this.#ts[this.#next] = ts;
    this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.#size + 1, this.capacity);
  }

  /** Replaces the newest entry. */
  replaceLast(ts: number, value: number): void {
    const last = (this.#next - 1 + this.capacity) % this.capacity;
    this.#ts[last] = ts;
    this.#values[last] = value;
  }

  get size(): number {
    return this.#size;
  }

  lastTs(): number {
    return this.#size === 0
      ? Number.NEGATIVE_INFINITY
      : (this.#ts[(this.#next - 1 + this.capacity) % this.capacity] as number);
  }

  oldestTs(): number {
    return this.#size === 0
      ? Number.POSITIVE_INFINITY
      : (this.#ts[(this.#next - this.#size + this.capacity) % this.capacity] as number);
  }

  since(sinceMs: number): WindowPoints {
    const points: WindowPoints = { ts: [], values: [] };
    for (let i = this.#size; i > 0; i--) {
      const slot = (this.#next - i + this.capacity) % this.capacity;
      const ts = this.#ts[slot] as number;
      if (ts <= sinceMs) continue;
      points.ts.push(ts);
      points.values.push(this.#values[slot] as number);
    }
    return points;
  }
}

/** Means over fixed time buckets; the bucket being filled is included as it stands. */
class BucketRing {
  readonly #means: Ring;
  #bucketStart = Number.NEGATIVE_INFINITY;
  #sum = 0;
  #n = 0;

  constructor(
    readonly capacity: number,
    readonly bucketMs: number,
  ) {
    this.#means = new Ring(capacity);
  }

  add(ts: number, value: number): void {
    const start = Math.floor(ts / this.bucketMs) * this.bucketMs;
    const middle = start + this.bucketMs / 2;
    if (start !== this.#bucketStart) {
      this.#bucketStart = start;
      this.#sum = value;
      this.#n = 1;
      this.#means.push(middle, value);
      return;
    }
    this.#sum += value;
    this.#n++;
    this.#means.replaceLast(middle, this.#sum / this.#n);
  }

  oldestTs(): number {
    return this.#means.oldestTs() - this.bucketMs / 2;
  }

  since(sinceMs: number): WindowPoints {
    return this.#means.since(sinceMs);
  }
}
