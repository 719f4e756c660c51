/**
 * NAB's weighting of a detection by its position relative to an anomaly window: -1 is the window's
 * left edge (≈ 0.987), 0 its right edge (0), positive values lie after the window (down to -1; -1
 * beyond 3 window lengths). Same formula as nab/sweeper.py `scaledSigmoid`.
 */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition > 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** The largest weight a true positive can get: a detection on a window's first row. */
export const MAX_TRUE_POSITIVE = scaledSigmoid(-1);
