const DAY_MS = 86_400_000;

/** Just under the largest bfloat16 (and float32): deviations are clamped to it so they stay finite. */
const FLOAT32_LIMIT = 3.38e38;

/** Scratch space to round a number to bfloat16 (the upper half of a float32). */
const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);
const BF16_NAN = 0x7fc0;

function toBfloat16(value: number): number {
  if (Number.isNaN(value)) return BF16_NAN;
  scratchFloat[0] = value;
  const bits = scratchBits[0] as number;
  // Round to nearest, ties to even, on the 16 bits dropped.
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

function fromBfloat16(half: number): number {
  scratchBits[0] = half << 16;
  return scratchFloat[0] as number;
}

/**
 * The expected value at each time of day (or of the week, with a 7-day period): one exponentially
 * smoothed level per bucket, so a daily pattern (office hours, nightly batch jobs) predicts the
 * next point. Fixed size: one period of buckets, whatever the length of the series. Each bucket is
 * a deviation from the first value seen (NaN until the bucket is first visited), stored as a
 * float32 (4 bytes) or, `compact`, a bfloat16 (2 bytes: 3 significant digits, enough for a profile
 * that is only compared with its own typical error). Storing deviations keeps the precision
 * relative to how far the series strays from where it started, not to its magnitude (a counter
 * near 1e9 that moves by units keeps its units).
 */
export class DailyProfile {
  private readonly levels: Float32Array | Uint16Array;
  private reference = Number.NaN;
  private bucket = -1;

  constructor(
    private readonly bucketMs: number,
    private readonly rate: number,
    private readonly periodMs: number = DAY_MS,
    private readonly compact = false,
  ) {
    const count = Math.max(1, Math.ceil(periodMs / bucketMs));
    this.levels = compact ? new Uint16Array(count).fill(BF16_NAN) : new Float32Array(count).fill(Number.NaN);
  }

  /** Bytes of state held per series (the bucket array). */
  get bytes(): number {
    return this.levels.byteLength;
  }

  /** The expected value at this time of the period, or NaN before a period of history covers it. */
  expect(timestampMs: number): number {
    const dayOffset = timestampMs - Math.floor(timestampMs / this.periodMs) * this.periodMs;
    const bucket = Math.floor(dayOffset / this.bucketMs);
    this.bucket = bucket >= 0 && bucket < this.levels.length ? bucket : -1;
    // An unvisited bucket holds NaN, so its expectation is NaN too.
    return this.bucket >= 0 ? this.reference + this.read(this.bucket) : Number.NaN;
  }

  /** Learns the value of the bucket last asked about in `expect`. */
  learn(value: number): void {
    const bucket = this.bucket;
    if (bucket < 0) return;
    if (Number.isNaN(this.reference)) this.reference = value;
    const level = this.read(bucket);
    const target = Math.min(FLOAT32_LIMIT, Math.max(-FLOAT32_LIMIT, value - this.reference));
    const next = Number.isNaN(level) ? target : level + this.rate * (target - level);
    if (this.compact) this.levels[bucket] = toBfloat16(next);
    else this.levels[bucket] = next;
  }

  private read(bucket: number): number {
    const stored = this.levels[bucket] as number;
    return this.compact ? fromBfloat16(stored) : stored;
  }
}
