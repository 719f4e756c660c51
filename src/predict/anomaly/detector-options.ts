/**
 * The one parameter set of the anomaly detector. Every series uses the same values; they are
 * counted in points (observations), so the detector needs no knowledge of the sampling interval,
 * except the daily profile, which is keyed by time of day. See docs/anomaly-detection.md for why
 * each default is what it is.
 */
export interface AnomalyDetectorOptions {
  /** Points seen before any score above 0: statistics need a history to be meaningful. */
  readonly warmupPoints: number;
  /** Smoothing of the level and of the typical prediction errors (≈ 1 / memory in points). */
  readonly slowRate: number;
  /** Smoothing of the daily profile: the weight of today's value against the bucket's history. */
  readonly seasonalRate: number;
  /** Width of one time-of-day bucket of the daily profile. */
  readonly seasonalBucketMs: number;
  /** Smoothing of the long-run distribution surprises are judged against (the likelihood). */
  readonly likelihoodRate: number;
  /** Points averaged into the recent surprise the likelihood tests. */
  readonly shortWindow: number;
  /** After an alarm, the bar for the next one decays by this factor per point. */
  readonly suppressionDecay: number;
  /** An alarm raises the bar for the next one to this multiple of its own strength. */
  readonly suppressionBoost: number;
  /** Values beyond the range seen so far by more than this fraction of it count as novel. */
  readonly noveltyMargin: number;
}

export const DEFAULT_ANOMALY_DETECTOR_OPTIONS: AnomalyDetectorOptions = {
  warmupPoints: 150,
  slowRate: 0.01,
  seasonalRate: 0.5,
  seasonalBucketMs: 10 * 60_000,
  likelihoodRate: 0.002,
  shortWindow: 20,
  suppressionDecay: 0.995,
  suppressionBoost: 1.3,
  noveltyMargin: 0,
};
