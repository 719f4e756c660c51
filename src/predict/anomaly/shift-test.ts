/**
 * A multi-scale change test: a fast exponentially weighted mean and spread of the values (memory
 * `fast` points) against a slow baseline (memory `slow` points), in units of the baseline's
 * typical deviation. It sees a level shift or a change of variability that is too gradual for
 * any single point to be surprising. Returns a non-negative statistic: the larger of
 * |fast mean - slow mean| / slow spread and |log(fast spread / slow spread)|.
 */
export class ShiftTest {
  private fastMean = 0;
  private fastSpread = 0;
  private slowMean = 0;
  private slowSpread = 0;
  private count = 0;
  private readonly fastRate: number;
  private readonly slowRate: number;

  constructor(fast: number, slow: number) {
    this.fastRate = 1 / Math.max(1, fast);
    this.slowRate = 1 / Math.max(1, slow);
  }

  /** The slow baseline's mean: what a sustained change departs from. */
  get baseline(): number {
    return this.slowMean;
  }

  /** The slow baseline's mean absolute deviation. */
  get baselineSpread(): number {
    return this.slowSpread;
  }

  /** The statistic for this value against the state before it; then learns the value. */
  update(value: number, floor: number): number {
    this.count++;
    if (this.count === 1) {
      this.fastMean = value;
      this.slowMean = value;
      return 0;
    }
    const fastRate = Math.max(this.fastRate, 1 / this.count);
    const slowRate = Math.max(this.slowRate, 1 / this.count);
    this.fastSpread += fastRate * (Math.abs(value - this.fastMean) - this.fastSpread);
    this.fastMean += fastRate * (value - this.fastMean);
    const spread = this.slowSpread + floor;
    const level = Math.abs(this.fastMean - this.slowMean) / spread;
    const variability = Math.abs(Math.log((this.fastSpread + floor) / spread));
    this.slowSpread += slowRate * (Math.abs(value - this.slowMean) - this.slowSpread);
    this.slowMean += slowRate * (value - this.slowMean);
    return Math.max(level, variability);
  }
}
