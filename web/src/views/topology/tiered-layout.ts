/** A directed edge of a tiered graph: `from` is drawn above `to`. */
export interface TierEdge {
  from: string;
  to: string;
}

const names = new Intl.Collator('en', { numeric: true });

/**
 * Each node's tier, by the longest path from a node nothing points at: every edge goes from a
 * lower tier to a higher one when the graph is acyclic. A cycle is cut at its first node by id
 * (placed below what already reaches it), so every node gets a tier. Linear in nodes and edges
 * when acyclic. Edges to nodes outside `ids` are ignored.
 */
export function longestPathTiers(ids: readonly string[], edges: readonly TierEdge[]): Map<string, number> {
  const known = new Set(ids);
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  const waiting = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const { from, to } of edges) {
    if (!known.has(from) || !known.has(to) || from === to) continue;
    successors.set(from, [...(successors.get(from) ?? []), to]);
    predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
    waiting.set(to, (waiting.get(to) ?? 0) + 1);
  }
  const tiers = new Map<string, number>();
  const ready = ids.filter((id) => waiting.get(id) === 0);
  const place = (id: string) => {
    const above = (predecessors.get(id) ?? []).map((pred) => tiers.get(pred) ?? -1);
    tiers.set(id, Math.max(-1, ...above) + 1);
    for (const next of successors.get(id) ?? []) {
      const left = (waiting.get(next) ?? 0) - 1;
      waiting.set(next, left);
      if (left === 0 && !tiers.has(next)) ready.push(next);
    }
  };
  let leftovers: string[] | undefined;
  while (tiers.size < known.size) {
    const next = ready.pop();
    if (next !== undefined) {
      if (!tiers.has(next)) place(next);
      continue;
    }
    // Only cycles remain: cut the first of them by id.
    leftovers ??= [...known].sort(names.compare);
    const cut = leftovers.find((id) => !tiers.has(id));
    if (cut === undefined) break;
    place(cut);
  }
  return tiers;
}

export interface TieredLayoutOptions {
  /** Nodes of one tier placed first (left), in this order; the rest follow their predecessors. */
  rank?: (id: string) => number;
  /** Wrap a tier into several rows beyond this many nodes. */
  maxPerRow?: number;
  columnGap?: number;
  tierGap?: number;
  rowGap?: number;
}

export interface Position {
  x: number;
  y: number;
}

/**
 * Places tiers top to bottom, each tier's nodes in rows centred on x = 0. The first tier is in
 * rank then name order; each later tier is ordered by the mean position of its predecessors
 * (the barycentre), so a host sits under its switches. A tier wider than `maxPerRow` wraps.
 * Deterministic, and linear apart from the sorts.
 */
export function tieredPositions(
  tiers: ReadonlyMap<string, number>,
  edges: readonly TierEdge[],
  options: TieredLayoutOptions = {},
): Map<string, Position> {
  const { rank = () => 0, maxPerRow = 40, columnGap = 70, tierGap = 140, rowGap = 60 } = options;
  const predecessors = new Map<string, string[]>();
  const successors = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!tiers.has(from) || !tiers.has(to)) continue;
    predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
    successors.set(from, [...(successors.get(from) ?? []), to]);
  }
  const byTier: string[][] = [];
  for (const [id, tier] of tiers) {
    const members = byTier[tier] ?? [];
    members.push(id);
    byTier[tier] = members;
  }

  const positions = new Map<string, Position>();
  const singleRow: string[][] = [];
  let y = 0;
  for (const members of byTier) {
    if (members === undefined || members.length === 0) continue;
    const barycentre = new Map<string, number>();
    for (const id of members) {
      const xs = (predecessors.get(id) ?? [])
        .map((pred) => positions.get(pred)?.x)
        .filter((x): x is number => x !== undefined);
      barycentre.set(id, xs.length > 0 ? xs.reduce((sum, x) => sum + x, 0) / xs.length : Number.NaN);
    }
    const placed = (id: string) => !Number.isNaN(barycentre.get(id) ?? Number.NaN);
    members.sort(
      (a, b) =>
        Number(placed(a)) - Number(placed(b)) ||
        (placed(a) ? (barycentre.get(a) ?? 0) - (barycentre.get(b) ?? 0) : rank(a) - rank(b)) ||
        names.compare(a, b),
    );
    for (let start = 0; start < members.length; start += maxPerRow) {
      const row = members.slice(start, start + maxPerRow);
      const xs =
        members.length <= maxPerRow && row.some(placed)
          ? underPredecessors(
              row.map((id) => barycentre.get(id) ?? Number.NaN),
              columnGap,
            )
          : row.map((_, k) => (-(row.length - 1) * columnGap) / 2 + k * columnGap);
      row.forEach((id, k) => {
        positions.set(id, { x: xs[k] ?? 0, y });
      });
      y += rowGap;
    }
    if (members.length <= maxPerRow) singleRow.push(members);
    y += tierGap - rowGap;
  }
  centreAboveSuccessors(singleRow, successors, positions, columnGap);
  return positions;
}

/**
 * From the bottom up, moves each single-row tier's nodes over the mean of what they point at,
 * keeping their order and gap: the way down spreads the lowest tier (the hosts) wide, and this
 * brings each switch over its hosts, so their links fall straight rather than fanning across.
 */
function centreAboveSuccessors(
  tiersTopDown: readonly (readonly string[])[],
  successors: ReadonlyMap<string, readonly string[]>,
  positions: Map<string, Position>,
  gap: number,
): void {
  for (const members of [...tiersTopDown].reverse()) {
    const ordered = [...members].sort((a, b) => (positions.get(a)?.x ?? 0) - (positions.get(b)?.x ?? 0));
    const wanted = ordered.map((id) => {
      const xs = (successors.get(id) ?? []).flatMap((next) => positions.get(next)?.x ?? []);
      return xs.length > 0 ? xs.reduce((sum, x) => sum + x, 0) / xs.length : Number.NaN;
    });
    if (wanted.every(Number.isNaN)) continue;
    const xs = underPredecessors(wanted, gap);
    ordered.forEach((id, k) => {
      const position = positions.get(id);
      if (position !== undefined) position.x = xs[k] ?? position.x;
    });
  }
}

/**
 * A row's x positions as near as may be to where its nodes want to be (under their
 * predecessors; NaN: anywhere), in order and at least `gap` apart: each is pushed right past the
 * one before, then the row is shifted back by the mean push so it stays centred on its parents.
 */
function underPredecessors(wanted: readonly number[], gap: number): number[] {
  const xs: number[] = [];
  for (const [k, want] of wanted.entries()) {
    const after = k === 0 ? Number.NEGATIVE_INFINITY : (xs[k - 1] as number) + gap;
    xs.push(Number.isNaN(want) ? (k === 0 ? 0 : after) : Math.max(want, after));
  }
  const pushes = wanted.flatMap((want, k) => (Number.isNaN(want) ? [] : [(xs[k] as number) - want]));
  const shift = pushes.reduce((sum, push) => sum + push, 0) / pushes.length;
  return xs.map((x) => x - shift);
}
