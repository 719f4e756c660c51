import { DailyProfile } from './daily-profile.js';
import { type AnomalyDetectorOptions, DEFAULT_ANOMALY_DETECTOR_OPTIONS } from './detector-options.js';
import { RecentRange } from './recent-range.js';
import { RunningLevel } from './running-level.js';
import { ShiftTest } from './shift-test.js';
import { SpikeRate } from './spike-rate.js';
import { SurpriseLikelihood } from './surprise-likelihood.js';

/** Which test found the last point unusual (or why it was not tested). */
export type AnomalyReason =
  | 'warmup'
  | 'missing'
  | 'unexpected-value'
  | 'broken-daily-pattern'
  | 'novel-value'
  | 'sustained-change'
  | 'spike-rate';

/** Why the last point got its score: what was expected, how far off it was, which test fired. */
export interface AnomalyEvidence {
  readonly reason: AnomalyReason;
  readonly value: number;
  /** The best of the predictions (the one closest to the value). */
  readonly expected: number;
  /** The typical error of that prediction: `expected ± 3·typicalError` is the normal range. */
  readonly typicalError: number;
  /** How unusual the recent surprises are, in standard deviations of their own history. */
  readonly likelihoodZ: number;
}

/** A streaming detector for one series: each point once, oldest first; constant memory. */
export interface AnomalyDetector {
  /** The anomaly score of this point in [0, 1]; NaN or infinite values score 0 and are skipped. */
  update(timestampMs: number, value: number): number;
  /** Why the last point scored as it did. */
  evidence(): AnomalyEvidence;
}

const WEEK_MS = 7 * 86_400_000;

/** Values beyond this are saturated so that differences stay finite. */
const VALUE_LIMIT = 1e150;

export function createAnomalyDetector(options: Partial<AnomalyDetectorOptions> = {}): AnomalyDetector {
  return new EnsembleAnomalyDetector({ ...DEFAULT_ANOMALY_DETECTOR_OPTIONS, ...options });
}

/**
 * Three cheap predictors (the slow level, the previous value, the same time yesterday) and five
 * tests: the smallest normalised error (a point that any predictor explains is normal), the error
 * against the seasonal profiles alone (a broken daily pattern: neither yesterday nor the same day
 * last week explains the point), the rate of spikes against the series' own long-run rate (a
 * burst of moderately unusual points), a fast-against-slow shift of level or spread (a sustained
 * change), and values beyond the recent range (novel values). The error tests go through a
 * likelihood so that each series is judged against its own noise; the strongest test wins; alarm
 * suppression keeps one alarm per episode.
 */
class EnsembleAnomalyDetector implements AnomalyDetector {
  private readonly level: RunningLevel;
  private readonly stepError: RunningLevel;
  private readonly dailyError: RunningLevel;
  private readonly daily: DailyProfile;
  private readonly weekly: DailyProfile | undefined;
  private readonly weeklyError: RunningLevel;
  private readonly surprise: SurpriseLikelihood;
  private readonly dailySurprise: SurpriseLikelihood;
  private readonly shiftSurprise: SurpriseLikelihood;
  private readonly shift: ShiftTest;
  private readonly spikeRate: SpikeRate;
  private count = 0;
  private previous = Number.NaN;
  private minimum = Number.POSITIVE_INFINITY;
  private maximum = Number.NEGATIVE_INFINITY;
  private readonly recent: RecentRange;
  private bar = 0;
  private reason: AnomalyReason = 'warmup';
  private value = Number.NaN;
  private expected = Number.NaN;
  private typicalError = Number.NaN;
  private z = 0;

  constructor(private readonly options: AnomalyDetectorOptions) {
    this.level = new RunningLevel(options.slowRate);
    this.stepError = new RunningLevel(options.slowRate);
    this.dailyError = new RunningLevel(options.slowRate);
    this.daily = new DailyProfile(options.seasonalBucketMs, options.seasonalRate);
    this.weekly = options.weeklyProfile
      ? new DailyProfile(options.weeklyBucketMs, options.seasonalRate, WEEK_MS, options.compactWeekly)
      : undefined;
    this.weeklyError = new RunningLevel(options.slowRate);
    this.surprise = new SurpriseLikelihood(options.shortWindow, options.likelihoodRate);
    this.dailySurprise = new SurpriseLikelihood(options.shortWindow, options.likelihoodRate);
    this.recent = new RecentRange(options.rangeMemory);
    this.shift = new ShiftTest(options.shiftFast, options.shiftSlow);
    this.spikeRate = new SpikeRate(options.spikeRateFast, options.spikeRateSlow);
    // The shift statistic is already an average over the fast memory: no further short window.
    this.shiftSurprise = new SurpriseLikelihood(1, options.likelihoodRate);
  }

  update(timestampMs: number, rawValue: number): number {
    this.value = rawValue;
    if (!Number.isFinite(rawValue)) {
      this.reason = 'missing';
      return 0;
    }
    const value = Math.min(VALUE_LIMIT, Math.max(-VALUE_LIMIT, rawValue));
    const z = this.test(timestampMs, value);
    this.learn(value);
    this.z = z;
    if (this.count <= this.options.warmupPoints) {
      this.reason = 'warmup';
      return 0;
    }
    return this.suppress(z);
  }

  evidence(): AnomalyEvidence {
    return {
      reason: this.reason,
      value: this.value,
      expected: this.expected,
      typicalError: this.typicalError,
      likelihoodZ: this.z,
    };
  }

  /** The z-score of the strongest test; records which one it was and what was expected. */
  private test(timestampMs: number, value: number): number {
    const floor = this.scaleFloor(value);
    let best = this.consider(value, this.level.mean, this.level.deviation, floor, Number.POSITIVE_INFINITY);
    if (this.count > 0) best = this.consider(value, this.previous, this.stepError.mean, floor, best);
    const seasonal = this.daily.expect(timestampMs);
    // A day is broken only if neither yesterday nor the same day last week explains it.
    let weeklyError = Number.POSITIVE_INFINITY;
    const weekly = this.weekly ? this.weekly.expect(timestampMs) : Number.NaN;
    if (!Number.isNaN(weekly)) {
      if (this.weeklyError.count > this.options.warmupPoints)
        weeklyError = Math.abs(value - weekly) / (this.weeklyError.mean + floor);
      this.weeklyError.update(Math.abs(value - weekly));
    }
    let dailyZ = 0;
    // How far the seasonal profiles miss this point (0 until their typical error is known).
    let brokenDay = 0;
    if (!Number.isNaN(seasonal)) {
      const dailyError = Math.min(weeklyError, Math.abs(value - seasonal) / (this.dailyError.mean + floor));
      // The typical error of a bucket is only known after it has been seen a few times.
      if (this.dailyError.count > this.options.warmupPoints) {
        best = this.consider(value, seasonal, this.dailyError.mean, floor, best);
        dailyZ = this.dailySurprise.update(Math.log1p(dailyError));
        brokenDay = dailyError;
      }
      this.dailyError.update(Math.abs(value - seasonal));
    }
    let z = this.surprise.update(Math.log1p(best));
    this.reason = 'unexpected-value';
    const spikeZ =
      this.options.spikeRateWeight * this.spikeRate.update(this.spikiness(best, weeklyError, brokenDay));
    if (spikeZ > z) {
      z = spikeZ;
      this.reason = 'spike-rate';
    }
    const shiftZ = this.shiftSurprise.update(Math.log1p(this.shift.update(value, floor)));
    // The slow baseline is only trusted once it has seen its whole memory.
    if (this.count > this.options.shiftSlow && shiftZ > z) {
      z = shiftZ;
      this.reason = 'sustained-change';
      this.expected = this.shift.baseline;
      this.typicalError = this.shift.baselineSpread;
    }
    if (dailyZ > z) {
      z = dailyZ;
      this.reason = 'broken-daily-pattern';
    }
    const novelty = this.novelty(value);
    if (novelty > z) {
      z = novelty;
      this.reason = 'novel-value';
    }
    return z;
  }

  /**
   * How much of a spike the point is: 1 when no predictor (nor last week's profile) explains it
   * within `spikeLevel` typical errors or the seasonal profiles miss it by `seasonalSpikeLevel`;
   * with `spikeSoftness` > 0 a point near the threshold counts in part, so that the spike count,
   * and the score, do not jump when the threshold moves a little.
   */
  private spikiness(best: number, weeklyError: number, brokenDay: number): number {
    const { spikeLevel, spikeSoftness, seasonalSpikeLevel } = this.options;
    if (brokenDay >= seasonalSpikeLevel) return 1;
    const error = Math.min(best, weeklyError);
    if (!(spikeSoftness > 0)) return error >= spikeLevel ? 1 : 0;
    const low = spikeLevel * (1 - spikeSoftness);
    return Math.min(1, Math.max(0, (error - low) / (2 * spikeSoftness * spikeLevel)));
  }

  /** The normalised error of one prediction; remembers it as the expectation if it is the best. */
  private consider(value: number, expected: number, typical: number, floor: number, best: number): number {
    const error = Math.abs(value - expected) / (typical + floor);
    if (!(error < best)) return best;
    this.expected = expected;
    this.typicalError = typical;
    return error;
  }

  /** Keeps a constant series from dividing by zero while any change of it stays surprising. */
  private scaleFloor(value: number): number {
    const range = this.maximum - this.minimum;
    return Math.max(1e-3 * (Number.isFinite(range) ? range : 0), 1e-9 * Math.abs(value), 1e-12);
  }

  /**
   * Beyond the range of the last `rangeMemory` points: a z-like figure from just under the usual
   * alarm level (a new maximum by a hair is common in a drifting series), growing with the distance
   * past the edge in units of the level's typical deviation, up to 8.
   */
  private novelty(value: number): number {
    if (this.count < this.options.warmupPoints) return 0;
    const { minimum, maximum } = this.recent;
    const margin = this.options.noveltyMargin * (maximum - minimum);
    const beyond = Math.max(value - (maximum + margin), minimum - margin - value);
    if (!(beyond > 0)) return 0;
    const { noveltyBaseZ, noveltySlope, noveltyDeviations } = this.options;
    const scale = noveltyDeviations * this.level.deviation + this.scaleFloor(value);
    return noveltyBaseZ + Math.min(8 - noveltyBaseZ, (noveltySlope * beyond) / scale);
  }

  private learn(value: number): void {
    if (this.count > 0) this.stepError.update(Math.abs(value - this.previous));
    this.level.update(value);
    this.daily.learn(value);
    this.weekly?.learn(value);
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
    this.recent.add(value);
    this.previous = value;
    this.count++;
  }

  /**
   * Reports a point only when its z beats a bar that each alarm raises and that then decays: NAB
   * (and an operator) counts the first alarm of an episode; the ones right after it are noise.
   */
  private suppress(z: number): number {
    const bar = this.bar * this.options.suppressionDecay;
    if (!(z > bar) || z <= 0) {
      this.bar = bar;
      return 0;
    }
    this.bar = z * this.options.suppressionBoost;
    return zToScore(z);
  }
}

/** Monotone map of a z-score to [0, 1): 0.5 at z = 4, 0.8 at z = 16. */
function zToScore(z: number): number {
  return z / (z + 4);
}
