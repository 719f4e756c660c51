import type {
  AttackAnalysisResult,
  CompromiseOdds,
  Defense,
  DefenseEvaluationResult,
  Fix,
  JewelReport,
} from '../../contract';
import { idsInFact } from './attack-paths-graph';

/** A defense the view offers, with where the offer comes from. */
export interface DefenseOption {
  key: string;
  defense: Defense;
  label: string;
  group: DefenseGroup;
}

export type DefenseGroup = 'hardening' | 'cuts' | 'patch' | 'block' | 'isolate';

export const groupTitles: Readonly<Record<DefenseGroup, string>> = {
  hardening: 'Minimal hardening set',
  cuts: 'Other fixes that cut listed paths',
  patch: 'Patch a vulnerability everywhere',
  block: 'Block a reach rule',
  isolate: 'Isolate a segment',
};

/** The same defense always has the same key. */
export function defenseKey(defense: Defense): string {
  return JSON.stringify(defense);
}

/** The defense that makes a fix of the hardening set (as the server's defenseOfFix). */
export function defenseOfFix(fix: Pick<Fix, 'kind' | 'target'>): Defense | undefined {
  switch (fix.kind) {
    case 'patch':
      return { patchRelation: fix.target };
    case 'block-rule':
      return { blockRule: fix.target };
    case 'rotate-credential':
      return { rotateCredential: fix.target };
    case 'remove-trust':
      return { removeTrust: fix.target };
    case 'remove-exposure':
      return { unexpose: fix.target };
    default:
      return undefined;
  }
}

const fixPrefixes: ReadonlyArray<[string, Fix['kind']]> = [
  ['patch:', 'patch'],
  ['block:', 'block-rule'],
  ['rotate:', 'rotate-credential'],
  ['untrust:', 'remove-trust'],
  ['unexpose:', 'remove-exposure'],
];

/** The defense of a fix named only by its id, as paths list them in `cutBy`: `rotate:credential:k`. */
export function defenseOfFixId(id: string): Defense | undefined {
  for (const [prefix, kind] of fixPrefixes) {
    if (id.startsWith(prefix)) return defenseOfFix({ kind, target: id.slice(prefix.length) });
  }
  return undefined;
}

/** A defense in words. */
export function describeDefense(defense: Defense): string {
  if ('patch' in defense) {
    const on = defense.patch.on === undefined ? 'everywhere' : `on ${defense.patch.on}`;
    return `patch ${defense.patch.vulnerability} ${on}`;
  }
  if ('patchRelation' in defense) return `patch ${defense.patchRelation}`;
  if ('blockRule' in defense) return `block ${defense.blockRule}`;
  if ('addRule' in defense) return `allow ${defense.addRule.from} → ${defense.addRule.to}`;
  if ('isolate' in defense) return `isolate ${defense.isolate}`;
  if ('rotateCredential' in defense) return `rotate ${defense.rotateCredential}`;
  if ('removeTrust' in defense) return `remove trust ${defense.removeTrust}`;
  return `take ${defense.unexpose} off the internet`;
}

/**
 * What the view offers to try on a fork for a jewel: the hardening set first, then the other
 * fixes that cut its listed paths, then patching each vulnerability its paths exploit, blocking
 * each reach rule and isolating each segment their evidence names. Each defense once.
 */
export function defenseOptions(
  analysis: AttackAnalysisResult,
  jewel: JewelReport | undefined,
): DefenseOption[] {
  const options = new Map<string, DefenseOption>();
  const offer = (defense: Defense | undefined, group: DefenseGroup, label?: string) => {
    if (defense === undefined) return;
    const key = defenseKey(defense);
    if (!options.has(key))
      options.set(key, { key, defense, group, label: label ?? describeDefense(defense) });
  };
  for (const fix of analysis.hardening?.fixes ?? []) offer(defenseOfFix(fix), 'hardening', fix.description);
  const paths = jewel?.paths ?? [];
  for (const path of paths) for (const id of path.cutBy) offer(defenseOfFixId(id), 'cuts');
  const steps = paths.flatMap((path) => path.steps);
  for (const step of steps) {
    for (const entity of step.entities) {
      if (entity.startsWith('vulnerability:')) offer({ patch: { vulnerability: entity } }, 'patch');
    }
  }
  for (const step of steps) {
    for (const item of step.evidence) {
      if (item.relation?.startsWith('allows:')) offer({ blockRule: item.relation }, 'block');
    }
  }
  for (const step of steps) {
    for (const item of step.evidence) {
      for (const id of idsInFact(item.fact)) {
        if (id.startsWith('network-segment:')) offer({ isolate: id }, 'isolate');
      }
    }
  }
  return [...options.values()];
}

export type Verdict = 'secured' | 'exposed' | 'safer' | 'riskier' | 'unchanged';

/** One jewel before and after the defenses, side by side. */
export interface ComparisonRow {
  id: string;
  name: string;
  reachable: [boolean, boolean];
  odds: [CompromiseOdds | undefined, CompromiseOdds | undefined];
  probability: [number | null, number | null];
  paths: [number, number];
  shortest: [number | null, number | null];
  pathsCut: string[];
  pathsOpened: string[];
  verdict: Verdict;
}

/** The comparison of a defense evaluation, a row per jewel, the chosen jewel first. */
export function comparisonRows(evaluation: DefenseEvaluationResult, firstId?: string): ComparisonRow[] {
  const reportOf = (analysis: AttackAnalysisResult, id: string) =>
    analysis.jewels.find((jewel) => jewel.id === id);
  const rows = evaluation.comparison.jewels.map((jewel): ComparisonRow => {
    const before = reportOf(evaluation.before, jewel.id);
    const after = reportOf(evaluation.after, jewel.id);
    return {
      id: jewel.id,
      name: before?.name ?? after?.name ?? jewel.id,
      reachable: [jewel.reachableBefore, jewel.reachableAfter],
      odds: [before?.odds, after?.odds],
      probability: [jewel.probabilityBefore, jewel.probabilityAfter],
      paths: [jewel.pathsBefore, jewel.pathsAfter],
      shortest: [jewel.shortestBefore, jewel.shortestAfter],
      pathsCut: jewel.pathsCut,
      pathsOpened: jewel.pathsOpened,
      verdict: verdictOf(
        jewel.reachableBefore,
        jewel.reachableAfter,
        jewel.probabilityBefore,
        jewel.probabilityAfter,
      ),
    };
  });
  return rows.sort((a, b) => Number(b.id === firstId) - Number(a.id === firstId));
}

export function verdictOf(
  reachableBefore: boolean,
  reachableAfter: boolean,
  before: number | null,
  after: number | null,
): Verdict {
  if (reachableBefore && !reachableAfter) return 'secured';
  if (!reachableBefore && reachableAfter) return 'exposed';
  if (before !== null && after !== null && after < before) return 'safer';
  if (before !== null && after !== null && after > before) return 'riskier';
  return 'unchanged';
}

export const verdictText: Readonly<Record<Verdict, string>> = {
  secured: 'no longer reachable',
  exposed: 'newly reachable',
  safer: 'lower odds',
  riskier: 'higher odds',
  unchanged: 'unchanged',
};
