const DAY_MS = 86_400_000;

/**
 * The expected value at each time of day (or of the week, with a 7-day period): one exponentially
 * smoothed level per bucket, so a daily pattern (office hours, nightly batch jobs) predicts the
 * next point. Fixed size: one period of buckets, whatever the length of the series.
 */
export class DailyProfile {
  private readonly levels: Float64Array;
  private readonly seen: Uint8Array;
  private bucket = -1;

  constructor(
    private readonly bucketMs: number,
    private readonly rate: number,
    private readonly periodMs: number = DAY_MS,
  ) {
    const count = Math.max(1, Math.ceil(periodMs / bucketMs));
    this.levels = new Float64Array(count);
    this.seen = new Uint8Array(count);
  }

  /** The expected value at this time of the period, or NaN before a period of history covers it. */
  expect(timestampMs: number): number {
    const dayOffset = timestampMs - Math.floor(timestampMs / this.periodMs) * this.periodMs;
    const bucket = Math.floor(dayOffset / this.bucketMs);
    this.bucket = bucket >= 0 && bucket < this.levels.length ? bucket : -1;
    return this.bucket >= 0 && this.seen[this.bucket] === 1
      ? (this.levels[this.bucket] as number)
      : Number.NaN;
  }

  /** Learns the value of the bucket last asked about in `expect`. */
  learn(value: number): void {
    const bucket = this.bucket;
    if (bucket < 0) return;
    if (this.seen[bucket] === 0) {
      this.seen[bucket] = 1;
      this.levels[bucket] = value;
      return;
    }
    const level = this.levels[bucket] as number;
    this.levels[bucket] = level + this.rate * (value - level);
  }
}
