import { computeImpact, type LabelSelector, type TwinView } from '../../model/index.js';
import { type AttackGraph, type Consumers, consumersOf } from '../graph/attack-graph.js';
import { type BuiltAttackGraph, buildAttackGraph } from '../graph/build-attack-graph.js';
import { deriveAll } from '../graph/derive.js';
import { type HardeningResult, minimalHardeningSet } from '../hardening/minimal-hardening.js';
import type { AttackModel } from '../model/attack-model.js';
import { type TwinAttackModel, twinAttackModel } from '../model/twin-attack-model.js';
import { kBestTrees, pathOf } from '../paths/attack-paths.js';
import { type BestDerivations, bestDerivations } from '../paths/best-derivation.js';
import { type NodePropagation, propagate } from '../propagation/monte-carlo.js';
import type {
  AnalysedPath,
  AssetExposure,
  AttackAnalysis,
  CompromiseOdds,
  HardeningReport,
  JewelReport,
  ManagementPlaneEffect,
} from './attack-analysis.js';

export interface AttackAnalysisOptions {
  readonly jewels?: LabelSelector;
  readonly footholds?: LabelSelector;
  /** Paths listed per crown jewel; 5 by default. */
  readonly maxPaths?: number;
  /** How the listed paths are ranked: most likely first (default), or fewest attacker actions first. */
  readonly rankBy?: 'likelihood' | 'length';
  /** Monte Carlo trials; 0 skips the simulation. By default as many as fit in about 2 s (1,000 to 10,000). */
  readonly trials?: number;
  readonly seed?: number;
  /** Count compromises within this many attacker steps only; unlimited by default. */
  readonly maxSteps?: number;
  /** The minimal hardening set: 'auto' (default), 'exact', 'greedy' or 'none'. */
  readonly hardening?: 'auto' | 'exact' | 'greedy' | 'none';
  readonly hardeningTimeLimitSeconds?: number;
  /** Fix ids the hardening set may not use (say, taking the shop off the internet). */
  readonly keepFixes?: readonly string[];
}

/** What the physical consequence of owning a device's management card is. */
const physicalEffects: Readonly<Record<string, string>> = {
  pdu: 'switch its outlets off',
  ups: 'shut the UPS down or drop its load to bypass',
  'cooling-unit': 'stop the cooling unit or raise its setpoint',
  switch: 'drop or mirror the traffic through it',
  router: 'drop or reroute traffic',
  firewall: 'open or close any rule',
  'load-balancer': 'drain or redirect its backends',
  'storage-array': 'take its volumes offline',
};

/** The whole question set over one view of the twin: paths, odds, management planes, the cheapest cut. */
export async function analyseAttack(
  view: TwinView,
  options: AttackAnalysisOptions = {},
): Promise<AttackAnalysis> {
  const timings: Record<string, number> = {};
  const timed = <T>(name: string, work: () => T): T => {
    const started = performance.now();
    const result = work();
    timings[name] = Math.round((performance.now() - started) * 10) / 10;
    return result;
  };
  const compiled = timed('compileMs', () => twinAttackModel(view, { ...options }));
  const built = timed('graphMs', () => buildAttackGraph(compiled.model));
  const { graph } = built;
  const consumers = consumersOf(graph);
  const holds = timed('deriveMs', () => deriveAll(graph, { consumers }));
  const likely = timed('pathsMs', () => bestDerivations(graph, 'likelihood', { consumers }));
  const fewest = timed('shortestMs', () => bestDerivations(graph, 'steps', { consumers }));
  const trials = options.trials ?? defaultTrials(graph);
  const odds =
    trials > 0 ? timed('monteCarloMs', () => monteCarloOdds(built, holds, trials, options)) : undefined;
  const paths = {
    graph,
    consumers,
    likely,
    fewest,
    maxPaths: options.maxPaths ?? 5,
    rankBy: options.rankBy ?? 'likelihood',
  };
  const jewels = timed('jewelPathsMs', () => jewelReports(view, compiled, built, holds, odds, paths));
  let hardening: HardeningReport | undefined;
  if ((options.hardening ?? 'auto') !== 'none' && graph.goals.length > 0) {
    const started = performance.now();
    hardening = hardeningReport(await cheapestCut(built, options), graph, built);
    timings.hardeningMs = Math.round(performance.now() - started);
  }
  const assets = exposures(compiled.model, built, holds, odds);
  return {
    view: view.label,
    summary: {
      assets: compiled.model.assets.length,
      segments: compiled.model.segments.length,
      reachRules: compiled.model.reach.length,
      vulnerabilityInstances: compiled.model.vulnerabilities.length,
      credentials: new Set(compiled.model.credentialStores.map((s) => s.credential)).size,
      graphNodes: graph.nodeCount,
      graphEdges: graph.premises.length,
      fixes: graph.fixes.length,
      compromisable: assets.length,
      jewels: jewels.length,
      jewelsReachable: jewels.filter((jewel) => jewel.reachable).length,
    },
    jewels,
    assets,
    managementPlane: timed('managementPlaneMs', () =>
      managementPlane(view, compiled.model, built, holds, paths),
    ),
    ...(hardening ? { hardening } : {}),
    ...(odds
      ? {
          monteCarlo: {
            trials,
            seed: options.seed ?? 1,
            maxSteps: options.maxSteps ?? null,
            confidence: 0.95,
          },
        }
      : {}),
    problems: compiled.problems,
    timings,
  };
}

/**
 * One trial visits the whole graph (about 140 M nodes and edges a second on one core), so the default
 * number of trials shrinks with the graph: 10,000 on small estates, 1,000 at 10,000 hosts.
 */
function defaultTrials(graph: AttackGraph): number {
  const visitsPerTrial = graph.nodeCount + graph.premises.length;
  return Math.max(1_000, Math.min(10_000, Math.round(3e8 / Math.max(1, visitsPerTrial))));
}

interface PathContext {
  readonly graph: AttackGraph;
  readonly consumers: Consumers;
  readonly likely: BestDerivations;
  readonly fewest: BestDerivations;
  readonly maxPaths: number;
  readonly rankBy: 'likelihood' | 'length';
}

function monteCarloOdds(
  built: BuiltAttackGraph,
  holds: Uint8Array,
  trials: number,
  options: AttackAnalysisOptions,
): Map<number, CompromiseOdds> {
  const nodes: number[] = [];
  for (const [, exec] of built.execCode) {
    if (holds[exec.user]) nodes.push(exec.user);
    if (holds[exec.root]) nodes.push(exec.root);
  }
  const result = propagate(built.graph, {
    trials,
    seed: options.seed ?? 1,
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
    nodes,
  });
  return new Map(result.nodes.map((node: NodePropagation) => [node.node, oddsOf(node)]));
}

function oddsOf(node: NodePropagation): CompromiseOdds {
  return {
    probability: node.probability,
    low: node.low,
    high: node.high,
    meanSteps: node.meanSteps,
    byStep: node.cumulativeByStep,
  };
}

function jewelReports(
  view: TwinView,
  compiled: TwinAttackModel,
  built: BuiltAttackGraph,
  holds: Uint8Array,
  odds: Map<number, CompromiseOdds> | undefined,
  context: PathContext,
): JewelReport[] {
  return [...compiled.jewelAssets].map(([id, assets]) => {
    const entity = view.entity(id);
    const goals = assets.map((asset) => built.execCode.get(asset)?.user).filter((node) => node !== undefined);
    const reachable = goals.some((goal) => holds[goal] === 1);
    const best = (costs: BestDerivations) =>
      goals.reduce<number | undefined>(
        (chosen, goal) =>
          chosen === undefined || (costs.cost[goal] as number) < (costs.cost[chosen] as number)
            ? goal
            : chosen,
        undefined,
      );
    const likelyGoal = best(context.likely);
    const fewestGoal = best(context.fewest);
    const jewelOdds = odds && likelyGoal !== undefined ? odds.get(likelyGoal) : undefined;
    return {
      id,
      name: entity?.name ?? id,
      kind: entity?.kind ?? 'unknown',
      assets,
      reachable,
      ...(jewelOdds ? { odds: jewelOdds } : {}),
      ...(reachable && likelyGoal !== undefined
        ? { mostLikely: bestPath(context, context.likely, likelyGoal) }
        : {}),
      ...(reachable && fewestGoal !== undefined
        ? { shortest: bestPath(context, context.fewest, fewestGoal) }
        : {}),
      paths: reachable ? rankedPaths(context, goals) : [],
    };
  });
}

function bestPath(context: PathContext, costs: BestDerivations, goal: number): AnalysedPath | undefined {
  const [tree] = kBestTrees(context.graph, costs, goal, 1);
  return tree ? analysedPath(context, tree.tree) : undefined;
}

/** Paths to any of the jewel's assets, merged and ranked by probability then length, or the other way round. */
function rankedPaths(context: PathContext, goals: readonly number[]): AnalysedPath[] {
  const byLength = context.rankBy === 'length';
  const costs = byLength ? context.fewest : context.likely;
  const all = goals.flatMap((goal) => kBestTrees(context.graph, costs, goal, context.maxPaths));
  const seen = new Set<string>();
  return all
    .map((entry) => analysedPath(context, entry.tree))
    .filter((path) => {
      const key = pathSignature(path);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) =>
      byLength
        ? a.length - b.length || b.probability - a.probability
        : b.probability - a.probability || a.length - b.length,
    )
    .slice(0, context.maxPaths);
}

/** A path in one line: what each step gains, in order. */
export function pathSignature(path: AnalysedPath): string {
  return path.steps.map((step) => step.gains).join(' → ');
}

function analysedPath(context: PathContext, tree: { ands: number[]; leaves: number[] }): AnalysedPath {
  const path = pathOf(context.graph, context.consumers, tree);
  return {
    probability: path.probability,
    length: path.length,
    steps: path.steps.map(({ node: _node, ...step }) => step),
    cutBy: path.fixes.map((fix) => context.graph.fixes[fix]?.id ?? String(fix)),
  };
}

function exposures(
  model: AttackModel,
  built: BuiltAttackGraph,
  holds: Uint8Array,
  odds: Map<number, CompromiseOdds> | undefined,
): AssetExposure[] {
  const out: AssetExposure[] = [];
  for (const asset of model.assets) {
    const exec = built.execCode.get(asset.id);
    if (!exec || !holds[exec.user]) continue;
    const privilege = holds[exec.root] ? 'root' : 'user';
    // The odds of any foothold on it (user), whatever privilege it can reach in the end.
    const assetOdds = odds?.get(exec.user);
    out.push({
      id: asset.id,
      kind: asset.kind,
      name: asset.name,
      privilege,
      ...(assetOdds ? { odds: assetOdds } : {}),
    });
  }
  return out.sort(
    (a, b) => (b.odds?.probability ?? 1) - (a.odds?.probability ?? 1) || a.id.localeCompare(b.id),
  );
}

function managementPlane(
  view: TwinView,
  model: AttackModel,
  built: BuiltAttackGraph,
  holds: Uint8Array,
  context: PathContext,
): ManagementPlaneEffect[] {
  const effects: ManagementPlaneEffect[] = [];
  for (const asset of model.assets) {
    const effect = physicalEffects[asset.kind];
    const exec = built.execCode.get(asset.id);
    if (!effect || !exec || !holds[exec.user]) continue;
    const impact = computeImpact(view, [asset.id]);
    const path = bestPath(context, context.likely, exec.user);
    effects.push({
      id: asset.id,
      kind: asset.kind,
      name: asset.name,
      privilege: holds[exec.root] ? 'root' : 'user',
      effect,
      blastRadius: {
        failed: impact.counts.failed,
        degraded: impact.counts.degraded,
        examples: impact.affected.slice(0, 8).map((entity) => entity.id),
      },
      ...(path ? { path } : {}),
    });
  }
  return effects.sort((a, b) => b.blastRadius.failed - a.blastRadius.failed);
}

async function cheapestCut(
  built: BuiltAttackGraph,
  options: AttackAnalysisOptions,
): Promise<HardeningResult> {
  const keep = new Set(options.keepFixes ?? []);
  const method = options.hardening === 'exact' || options.hardening === 'greedy' ? options.hardening : 'auto';
  return minimalHardeningSet(built.graph, {
    method,
    allowedFixes: (fix) => !keep.has(built.graph.fixes[fix]?.id ?? ''),
    ...(options.hardeningTimeLimitSeconds === undefined
      ? {}
      : { timeLimitSeconds: options.hardeningTimeLimitSeconds }),
  });
}

function hardeningReport(
  result: HardeningResult,
  graph: AttackGraph,
  built: BuiltAttackGraph,
): HardeningReport {
  const fixOf = (index: number) => {
    const fix = graph.fixes[index];
    if (!fix) throw new Error(`no fix ${index}`);
    return { id: fix.id, kind: fix.kind, target: fix.target, description: fix.description, cost: fix.cost };
  };
  const goalOwner = new Map([...built.goals].map(([jewel, node]) => [node, jewel]));
  return {
    method: result.method,
    optimal: result.optimal,
    cost: result.cost,
    lowerBound: result.lowerBound,
    fixes: result.fixes.map(fixOf),
    ...(result.alternatives
      ? { alternatives: result.alternatives.map((set) => set.map((i) => fixOf(i).id)) }
      : {}),
    uncuttable: result.uncuttableGoals.map((goal) => goalOwner.get(goal) ?? String(goal)),
    seconds: result.seconds,
  };
}
