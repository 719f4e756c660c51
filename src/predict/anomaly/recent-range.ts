/**
 * The smallest and largest values of roughly the last `memory` points, kept as the extremes of a
 * ring of fixed-size blocks: constant memory (two numbers per block), and an old outlier stops
 * counting once its block leaves the ring, unlike an all-time range. `memory` below 2 keeps the
 * all-time range. With `n` blocks of `b = floor(memory / n)` points, the last `(n - 1)·b + 1` to
 * `n·b` (≤ memory) points are covered.
 */
export class RecentRange {
  private readonly lows: Float64Array;
  private readonly highs: Float64Array;
  private readonly blockSize: number;
  private block = 0;
  private filled = 0;
  private inBlock = 0;
  /** The extremes of the points remembered, including the current block. */
  minimum = Number.POSITIVE_INFINITY;
  maximum = Number.NEGATIVE_INFINITY;

  constructor(memory: number, blocks = 8) {
    const count = memory >= 2 ? Math.max(2, Math.min(Math.round(blocks), Math.floor(memory))) : 1;
    this.blockSize = memory >= 2 ? Math.floor(memory / count) : Number.POSITIVE_INFINITY;
    this.lows = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
    this.highs = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
  }

  get range(): number {
    return this.maximum - this.minimum;
  }

  add(value: number): void {
    if (this.inBlock >= this.blockSize) this.nextBlock();
    this.inBlock++;
    const block = this.block;
    if (value < (this.lows[block] as number)) this.lows[block] = value;
    if (value > (this.highs[block] as number)) this.highs[block] = value;
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
  }

  /** Starts a new block, dropping the oldest once the ring is full, and recomputes the extremes. */
  private nextBlock(): void {
    const count = this.lows.length;
    this.block = (this.block + 1) % count;
    this.filled = Math.min(count, this.filled + 1);
    this.lows[this.block] = Number.POSITIVE_INFINITY;
    this.highs[this.block] = Number.NEGATIVE_INFINITY;
    this.inBlock = 0;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < count; index++) {
      if ((this.lows[index] as number) < low) low = this.lows[index] as number;
      if ((this.highs[index] as number) > high) high = this.highs[index] as number;
    }
    this.minimum = low;
    this.maximum = high;
  }
}
