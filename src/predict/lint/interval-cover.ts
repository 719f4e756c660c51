/** A closed interval of integers, [first, last]. */
export interface Interval {
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * Whether every point of `target` lies in the union of `cover`: a sweep over the cover sorted by
 * start, so that adjacent or overlapping pieces (10.0.0.0/9 + 10.128.0.0/9) count as one.
 */
export function intervalsCover(cover: readonly Interval[], target: Interval): boolean {
  if (target.first > target.last) return true;
  const sorted = [...cover].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = target.first;
  for (const piece of sorted) {
    if (piece.first > next) break;
    if (piece.last >= next) next = piece.last + 1n;
    if (next > target.last) return true;
  }
  return false;
}
