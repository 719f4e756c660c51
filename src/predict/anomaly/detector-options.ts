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
  /** Values beyond the recent range by more than this fraction of it count as novel. */
  readonly noveltyMargin: number;
  /** Points the novel-value test remembers the range of (0: all time): an old outlier ages out. */
  readonly rangeMemory: number;
  /** The z of a value just past the recent range (the alarm level is about 3.8 to 4). */
  readonly noveltyBaseZ: number;
  /** How much the novel-value z grows per `noveltyDeviations` typical deviations past the range. */
  readonly noveltySlope: number;
  /** The distance past the range, in typical deviations of the level, that adds `noveltySlope`. */
  readonly noveltyDeviations: number;
  /** Memory in points of the fast mean and spread of the sustained-change test. */
  readonly shiftFast: number;
  /** Memory in points of its slow baseline; the test starts once the baseline has seen this many. */
  readonly shiftSlow: number;
  /**
   * Keep a weekly profile too (same buckets as the daily one): a day is a broken daily pattern only
   * if neither yesterday nor the same day last week explains it.
   */
  readonly weeklyProfile: boolean;
  /** Width of one bucket of the weekly profile. */
  readonly weeklyBucketMs: number;
  /** Store the weekly profile as bfloat16 (2 bytes a bucket) rather than float32. */
  readonly compactWeekly: boolean;
  /** A point is a spike when no predictor explains it within this many typical errors … */
  readonly spikeLevel: number;
  /**
   * Half-width of the soft spike threshold, as a fraction of `spikeLevel`: a point counts from 0 at
   * `spikeLevel · (1 − softness)` to 1 at `spikeLevel · (1 + softness)` (0: a hard threshold).
   */
  readonly spikeSoftness: number;
  /** … or when the seasonal profiles (yesterday, last week) miss it by this many typical errors. */
  readonly seasonalSpikeLevel: number;
  /** Memory in points of the recent spike count of the spike-rate test. */
  readonly spikeRateFast: number;
  /** Memory in points of the long-run spike rate it is compared with. */
  readonly spikeRateSlow: number;
  /** Weight of the spike-rate z against the other tests (0: test off). */
  readonly spikeRateWeight: number;
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
  rangeMemory: 8000,
  noveltyBaseZ: 3.8,
  noveltySlope: 4,
  noveltyDeviations: 3,
  shiftFast: 40,
  shiftSlow: 2000,
  weeklyProfile: true,
  weeklyBucketMs: 10 * 60_000,
  compactWeekly: true,
  spikeLevel: 1.75,
  spikeSoftness: 0.25,
  seasonalSpikeLevel: 6,
  spikeRateFast: 50,
  spikeRateSlow: 4000,
  spikeRateWeight: 1.2,
};
