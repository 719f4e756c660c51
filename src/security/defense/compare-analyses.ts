import { pathSignature } from '../analysis/analyse-attack.js';
import type { AnalysedPath, AttackAnalysis } from '../analysis/attack-analysis.js';

export interface JewelChange {
  readonly id: string;
  readonly reachableBefore: boolean;
  readonly reachableAfter: boolean;
  readonly probabilityBefore: number | null;
  readonly probabilityAfter: number | null;
  readonly pathsBefore: number;
  readonly pathsAfter: number;
  readonly shortestBefore: number | null;
  readonly shortestAfter: number | null;
  /** Listed paths (one line each) the defenses cut, and listed paths there were not before. */
  readonly pathsCut: readonly string[];
  readonly pathsOpened: readonly string[];
}

export interface AnalysisComparison {
  readonly jewels: readonly JewelChange[];
  /** Assets an attacker could compromise before and no longer can. */
  readonly secured: readonly string[];
  /** Assets an attacker can compromise now and could not before (a defense can open a way too). */
  readonly exposed: readonly string[];
  readonly compromisableBefore: number;
  readonly compromisableAfter: number;
  /** Mean compromise probability over the jewels, before and after. */
  readonly meanJewelRiskBefore: number | null;
  readonly meanJewelRiskAfter: number | null;
}

/** What a defense changed: jewel by jewel (reachability, odds, paths) and asset by asset. */
export function compareAnalyses(before: AttackAnalysis, after: AttackAnalysis): AnalysisComparison {
  const afterJewels = new Map(after.jewels.map((jewel) => [jewel.id, jewel]));
  const jewels = before.jewels.map((jewel): JewelChange => {
    const next = afterJewels.get(jewel.id);
    return {
      id: jewel.id,
      reachableBefore: jewel.reachable,
      reachableAfter: next?.reachable ?? false,
      probabilityBefore: jewel.odds?.probability ?? null,
      probabilityAfter: next ? (next.odds?.probability ?? (next.reachable ? null : 0)) : 0,
      pathsBefore: jewel.paths.length,
      pathsAfter: next?.paths.length ?? 0,
      shortestBefore: jewel.shortest?.length ?? null,
      shortestAfter: next?.shortest?.length ?? null,
      ...pathChanges(jewel.paths, next?.paths ?? []),
    };
  });
  const beforeAssets = new Set(before.assets.map((asset) => asset.id));
  const afterAssets = new Set(after.assets.map((asset) => asset.id));
  const mean = (values: Array<number | null>) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
  };
  return {
    jewels,
    secured: [...beforeAssets].filter((id) => !afterAssets.has(id)).sort(),
    exposed: [...afterAssets].filter((id) => !beforeAssets.has(id)).sort(),
    compromisableBefore: beforeAssets.size,
    compromisableAfter: afterAssets.size,
    meanJewelRiskBefore: mean(jewels.map((jewel) => jewel.probabilityBefore)),
    meanJewelRiskAfter: mean(jewels.map((jewel) => jewel.probabilityAfter)),
  };
}

function pathChanges(before: readonly AnalysedPath[], after: readonly AnalysedPath[]) {
  const was = new Set(before.map(pathSignature));
  const is = new Set(after.map(pathSignature));
  return {
    pathsCut: [...was].filter((path) => !is.has(path)),
    pathsOpened: [...is].filter((path) => !was.has(path)),
  };
}
