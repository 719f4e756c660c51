/**
 * An exponentially weighted level and mean absolute deviation: O(1) memory, robust enough to
 * outliers (absolute rather than squared deviations) and free of overflow for values up to 1e150.
 */
export class RunningLevel {
  mean = 0;
  deviation = 0;
  count = 0;
  constructor(private readonly rate: number) {}

  update(value: number): void {
    this.count++;
    if (this.count === 1) {
      this.mean = value;
      return;
    }
    const rate = Math.max(this.rate, 1 / this.count);
    const error = value - this.mean;
    this.mean += rate * error;
    this.deviation += rate * (Math.abs(error) - this.deviation);
  }
}
