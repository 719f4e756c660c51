import type { NabCostMatrix } from './nab-profiles.js';
import { type NabRowLabels, PROBATION_ROW } from './nab-row-labels.js';

/** A detector's anomaly scores for one labelled file, one score per row. */
export interface NabScoredFile {
  readonly labels: NabRowLabels;
  readonly scores: ArrayLike<number>;
}

/** The raw NAB score when every row whose anomaly score is ≥ `threshold` counts as a detection. */
export interface NabThresholdScore {
  readonly threshold: number;
  readonly score: number;
  readonly detectedWindows: number;
  readonly missedWindows: number;
  readonly falsePositiveRows: number;
}

/** Above every score in [0, 1]: the first entry of a sweep, where nothing is detected. */
export const NO_DETECTION_THRESHOLD = 1.1;

/**
 * The raw score at every distinct threshold over a set of files, highest threshold first; the
 * equivalent of nab/sweeper.py `calcScoreByThreshold` over the rows of all files together. A window
 * is worth its earliest detection (or -fnWeight when missed); each false-positive row adds its
 * (negative) worth times fpWeight; probation rows are ignored.
 */
export function sweepThresholds(files: readonly NabScoredFile[], cost: NabCostMatrix): NabThresholdScore[] {
  const rows = collectScorableRows(files);
  const order = rankByScoreDescending(rows.scores);
  const best = new Float64Array(rows.windowCount).fill(-cost.fnWeight);
  const detected = new Uint8Array(rows.windowCount);
  let score = -cost.fnWeight * rows.windowCount;
  let detectedWindows = 0;
  let falsePositiveRows = 0;
  let threshold = NO_DETECTION_THRESHOLD;
  const result: NabThresholdScore[] = [];
  const record = () =>
    result.push({
      threshold,
      score,
      detectedWindows,
      missedWindows: rows.windowCount - detectedWindows,
      falsePositiveRows,
    });
  for (const row of order) {
    const rowScore = rows.scores[row] as number;
    if (rowScore !== threshold) {
      record();
      threshold = rowScore;
    }
    const window = rows.windows[row] as number;
    const worth = rows.worths[row] as number;
    if (window < 0) {
      score += worth * cost.fpWeight;
      falsePositiveRows++;
      continue;
    }
    const value = worth * cost.tpWeight;
    const previous = best[window] as number;
    if (detected[window] === 0) {
      detected[window] = 1;
      detectedWindows++;
    }
    if (value > previous) {
      score += value - previous;
      best[window] = value;
    }
  }
  record();
  return result;
}

/** The threshold with the highest score; the highest such threshold on ties, as NAB's stable sort. */
export function bestThreshold(sweep: readonly NabThresholdScore[]): NabThresholdScore {
  let best = sweep[0];
  if (!best) throw new Error('bestThreshold: empty sweep');
  for (const entry of sweep) if (entry.score > best.score) best = entry;
  return best;
}

/** The entry of a sweep in force at `threshold`: the lowest recorded threshold that is ≥ it. */
export function scoreAtThreshold(sweep: readonly NabThresholdScore[], threshold: number): NabThresholdScore {
  let match = sweep[0];
  if (!match) throw new Error('scoreAtThreshold: empty sweep');
  for (const entry of sweep) {
    if (entry.threshold < threshold) break;
    match = entry;
  }
  return match;
}

interface ScorableRows {
  scores: Float64Array;
  windows: Int32Array;
  worths: Float64Array;
  windowCount: number;
}

/** All rows after probation; windows renumbered across files so each has its own slot. */
function collectScorableRows(files: readonly NabScoredFile[]): ScorableRows {
  let total = 0;
  for (const { labels, scores } of files) {
    if (scores.length !== labels.rowCount)
      throw new Error(`${labels.name}: ${scores.length} scores for ${labels.rowCount} rows`);
    for (let row = 0; row < labels.rowCount; row++) if (labels.windowOfRow[row] !== PROBATION_ROW) total++;
  }
  const rows: ScorableRows = {
    scores: new Float64Array(total),
    windows: new Int32Array(total),
    worths: new Float64Array(total),
    windowCount: 0,
  };
  let at = 0;
  for (const { labels, scores } of files) {
    const renumber = new Map<number, number>();
    for (let row = 0; row < labels.rowCount; row++) {
      const window = labels.windowOfRow[row] as number;
      if (window === PROBATION_ROW) continue;
      let slot = -1;
      if (window >= 0) {
        slot = renumber.get(window) ?? rows.windowCount + renumber.size;
        renumber.set(window, slot);
      }
      rows.scores[at] = clampScore(scores[row] as number);
      rows.windows[at] = slot;
      rows.worths[at] = labels.worthOfRow[row] as number;
      at++;
    }
    rows.windowCount += renumber.size;
  }
  return rows;
}

/** A missing or out-of-range score must not break the sweep: NaN counts as 0, others are clamped. */
function clampScore(score: number): number {
  if (!(score > 0)) return 0;
  return Math.min(score, 1);
}

function rankByScoreDescending(scores: Float64Array): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let index = 0; index < order.length; index++) order[index] = index;
  // Ties need no order: a sweep records totals only where the score changes.
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
}
