import { NAB_PROFILE_NAMES, NAB_PROFILES, type NabCostMatrix, type NabProfileName } from './nab-profiles.js';
import {
  bestThreshold,
  type NabScoredFile,
  type NabThresholdScore,
  scoreAtThreshold,
  sweepThresholds,
} from './nab-threshold-sweep.js';

/** One profile's result over a set of files, raw and normalised as NAB's scoreboard reports it. */
export interface NabProfileScore {
  readonly profile: NabProfileName;
  /** 0 = the null detector, 100 = a detection on the first row of every window and nothing else. */
  readonly normalisedScore: number;
  readonly threshold: number;
  readonly rawScore: number;
  readonly nullScore: number;
  readonly perfectScore: number;
  readonly detectedWindows: number;
  readonly missedWindows: number;
  readonly falsePositiveRows: number;
}

export interface NabScoreOptions {
  /** Fixed thresholds per profile (e.g. chosen on other files); otherwise the best one over these files. */
  readonly thresholds?: Partial<Record<NabProfileName, number>>;
}

/**
 * NAB's benchmark score for one detector's output: per profile, the threshold that maximises the
 * summed raw score over all files (unless given), then normalised between the null detector
 * (a constant score, itself given its best threshold) and the perfect detector (tpWeight per
 * labelled window), as nab/runner.py `normalize` does.
 */
export function scoreNabCorpus(
  files: readonly NabScoredFile[],
  options: NabScoreOptions = {},
): Record<NabProfileName, NabProfileScore> {
  const nullFiles = files.map((file) => ({
    labels: file.labels,
    scores: new Float64Array(file.labels.rowCount).fill(0.5),
  }));
  const windowCount = files.reduce((sum, file) => sum + file.labels.labelledWindowCount, 0);
  const result = {} as Record<NabProfileName, NabProfileScore>;
  for (const profile of NAB_PROFILE_NAMES) {
    const cost = NAB_PROFILES[profile];
    const sweep = sweepThresholds(files, cost);
    const fixed = options.thresholds?.[profile];
    const chosen = fixed === undefined ? bestThreshold(sweep) : scoreAtThreshold(sweep, fixed);
    const nullScore = bestThreshold(sweepThresholds(nullFiles, cost)).score;
    result[profile] = normalise(profile, cost, chosen, nullScore, windowCount);
  }
  return result;
}

function normalise(
  profile: NabProfileName,
  cost: NabCostMatrix,
  chosen: NabThresholdScore,
  nullScore: number,
  windowCount: number,
): NabProfileScore {
  const perfectScore = windowCount * cost.tpWeight;
  const span = perfectScore - nullScore;
  return {
    profile,
    normalisedScore: span > 0 ? (100 * (chosen.score - nullScore)) / span : 0,
    threshold: chosen.threshold,
    rawScore: chosen.score,
    nullScore,
    perfectScore,
    detectedWindows: chosen.detectedWindows,
    missedWindows: chosen.missedWindows,
    falsePositiveRows: chosen.falsePositiveRows,
  };
}
