/**
 * How often spikes come lately against how often they usually come, as a Poisson-like z: the
 * number of spikes in the last `fast` points (exponentially weighted) against the number the
 * long-run rate (memory `slow` points) predicts for that span, divided by the square root of that
 * prediction (+1, so that a series that never spiked needs a few spikes, not one). It sees a burst
 * of moderately unusual points none of which is an alarm on its own: spikes that come more often,
 * a noisy stretch, a day that keeps missing its profile. Constant memory: two rates.
 */
export class SpikeRate {
  private recent = 0;
  private longRun = 0;
  private count = 0;

  constructor(
    private readonly fast: number,
    private readonly slow: number,
  ) {}

  /**
   * Adds one point: a spike or not, or a degree of spikiness in [0, 1] (a point near the spike
   * threshold counts in part); returns the z of the recent count against the long run.
   */
  update(spike: boolean | number): number {
    const hit = typeof spike === 'number' ? (spike > 0 ? Math.min(1, spike) : 0) : spike ? 1 : 0;
    this.count++;
    const fastRate = Math.max(1 / this.fast, 1 / this.count);
    const slowRate = Math.max(1 / this.slow, 1 / this.count);
    // A small prior rate keeps the expectation positive in a series that has never spiked.
    const expected = (this.longRun + 0.5 / this.slow) * this.fast;
    this.recent += fastRate * (hit - this.recent);
    this.longRun += slowRate * (hit - this.longRun);
    return (this.recent * this.fast - expected) / Math.sqrt(expected + 1);
  }
}
