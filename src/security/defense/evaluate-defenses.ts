import type { Twin } from '../../model/index.js';
import { type AttackAnalysisOptions, analyseAttack } from '../analysis/analyse-attack.js';
import type { AttackAnalysis } from '../analysis/attack-analysis.js';
import { type AnalysisComparison, compareAnalyses } from './compare-analyses.js';
import { type Defense, defenseOperations } from './defense-operations.js';

export interface DefenseEvaluation {
  /** The fork the defenses were applied to; it stays for inspection unless `keepFork` is false. */
  readonly fork: string;
  readonly base: string;
  readonly defenses: readonly Defense[];
  readonly before: AttackAnalysis;
  readonly after: AttackAnalysis;
  readonly comparison: AnalysisComparison;
}

/**
 * Forks the base (the live twin or a fork), applies the defenses to the fork as one change set,
 * analyses base and fork with the same options (and the same Monte Carlo seed), and compares them.
 */
export async function evaluateDefenses(
  twin: Twin,
  defenses: readonly Defense[],
  options: AttackAnalysisOptions & {
    readonly actor: string;
    readonly baseFork?: string;
    readonly keepFork?: boolean;
  },
): Promise<DefenseEvaluation> {
  const baseSelector = options.baseFork === undefined ? {} : { fork: options.baseFork };
  const baseView = twin.view(baseSelector);
  const ops = defenseOperations(baseView, defenses);
  const before = await analyseAttack(baseView, options);
  const fork = await twin.createFork({
    name: `defenses: ${defenses.length} change(s)`,
    actor: options.actor,
    ...(options.baseFork === undefined ? {} : { parent: options.baseFork }),
    description: 'attack-path defenses evaluated on a fork',
  });
  try {
    await twin.apply(
      { actor: options.actor, reason: 'attack defenses', source: 'attack-defenses', ops },
      { fork: fork.id },
    );
    const after = await analyseAttack(twin.view({ fork: fork.id }), options);
    if (options.keepFork === false) await twin.deleteFork(fork.id, options.actor);
    return {
      fork: fork.id,
      base: options.baseFork ?? 'live',
      defenses,
      before,
      after,
      comparison: compareAnalyses(before, after),
    };
  } catch (error) {
    await twin.deleteFork(fork.id, options.actor).catch(() => undefined);
    throw error;
  }
}
