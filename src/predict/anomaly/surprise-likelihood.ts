/**
 * Turns a stream of raw surprises into how unusual the recent ones are for this series, in the
 * spirit of Numenta's anomaly likelihood: the mean of the last few surprises is compared with the
 * long-run distribution of that mean (exponentially weighted mean and variance), giving a z-score.
 * A noisy series thus needs a larger surprise than a quiet one to be called anomalous.
 */
export class SurpriseLikelihood {
  private readonly recent: Float64Array;
  private next = 0;
  private sum = 0;
  private count = 0;
  private mean = 0;
  private variance = 0;

  constructor(
    shortWindow: number,
    private readonly rate: number,
  ) {
    this.recent = new Float64Array(Math.max(1, Math.round(shortWindow)));
  }

  /** Adds one surprise; returns the z-score of the recent mean against its long-run distribution. */
  update(surprise: number): number {
    this.sum += surprise - (this.recent[this.next] as number);
    this.recent[this.next] = surprise;
    this.next = (this.next + 1) % this.recent.length;
    const average = this.sum / this.recent.length;
    const deviation = Math.sqrt(this.variance) + 1e-3 + 0.05 * this.mean;
    const z = this.count > 1 ? (average - this.mean) / deviation : 0;
    this.count++;
    const rate = Math.max(this.rate, 1 / this.count);
    const error = average - this.mean;
    this.mean += rate * error;
    this.variance = (1 - rate) * (this.variance + rate * error * error);
    return z;
  }
}
