import { nabProbationLength } from './nab-profiles.js';
import { MAX_TRUE_POSITIVE, scaledSigmoid } from './scaled-sigmoid.js';

/** One labelled anomaly window, inclusive at both ends, as in NAB's combined_windows.json. */
export interface NabWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** One data file as the scorer sees it: the row timestamps (oldest first) and its windows. */
export interface NabLabelledSeries {
  readonly name: string;
  readonly timestampsMs: ArrayLike<number>;
  readonly windows: readonly NabWindow[];
}

/** Row kinds in {@link NabRowLabels.windowOfRow}; values ≥ 0 are window numbers within the file. */
export const PROBATION_ROW = -2;
export const OUTSIDE_ROW = -1;

/**
 * What a detection on each row would be worth before a profile's weights are applied; the
 * equivalent of nab/sweeper.py `calcSweepScore`. Inside a window the worth is the scaled sigmoid of
 * the row's position divided by its maximum (1 on the window's first row); outside, the (negative)
 * scaled sigmoid of the distance past the preceding window, or -1 before any window.
 */
export interface NabRowLabels {
  readonly name: string;
  readonly rowCount: number;
  readonly windowOfRow: Int32Array;
  readonly worthOfRow: Float64Array;
  /** Windows of the labels file, including any that lie wholly in the probation period. */
  readonly labelledWindowCount: number;
  /** Windows with at least one row after probation: the only ones that can be missed. */
  readonly scorableWindowCount: number;
}

export function labelRows(series: NabLabelledSeries, probationFraction?: number): NabRowLabels {
  const { timestampsMs, windows } = series;
  const rowCount = timestampsMs.length;
  const probation = nabProbationLength(rowCount, probationFraction);
  const windowOfRow = new Int32Array(rowCount).fill(OUTSIDE_ROW);
  const worthOfRow = new Float64Array(rowCount);
  const spans = windows.map((window) => rowSpan(timestampsMs, window));
  let next = 0;
  let previous: { right: number; width: number } | undefined;
  const scorable = new Set<number>();
  for (let row = 0; row < rowCount; ) {
    const span = spans[next];
    if (span && row === span.left && span.right >= span.left) {
      const width = span.right - span.left + 1;
      for (; row <= span.right; row++) {
        windowOfRow[row] = row < probation ? PROBATION_ROW : next;
        if (row >= probation) scorable.add(next);
        worthOfRow[row] = scaledSigmoid(-(span.right - row + 1) / width) / MAX_TRUE_POSITIVE;
      }
      previous = { right: span.right, width };
      next++;
      continue;
    }
    // A window that starts before the current row (overlapping or out of order) is never entered,
    // as in NAB, which only looks for the next window's start timestamp.
    if (span && span.left < row) next++;
    worthOfRow[row] = previous ? outsideWorth(row - previous.right, previous.width) : -1;
    if (row < probation) windowOfRow[row] = PROBATION_ROW;
    row++;
  }
  return {
    name: series.name,
    rowCount,
    windowOfRow,
    worthOfRow,
    labelledWindowCount: windows.length,
    scorableWindowCount: scorable.size,
  };
}

/** NAB divides by (width - 1): a one-row window makes every later false positive cost fully. */
function outsideWorth(distance: number, width: number): number {
  return width > 1 ? scaledSigmoid(distance / (width - 1)) : -1;
}

/**
 * The rows a window covers. NAB requires window limits to be row timestamps; this also accepts
 * limits that fall between rows (first row at or after the start, last row at or before the end).
 */
function rowSpan(timestampsMs: ArrayLike<number>, window: NabWindow): { left: number; right: number } {
  const left = lowerBound(timestampsMs, window.startMs);
  const right = lowerBound(timestampsMs, window.endMs + 1) - 1;
  return { left, right };
}

function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
