// What an attack analysis reports (docs/attack.md); src/contract/attack.ts is its wire schema.
import type { TwinAttackProblem } from '../model/twin-attack-model.js';

export interface AnalysedStep {
  readonly rule: number;
  readonly ruleName: string;
  readonly technique?: string;
  readonly gains: string;
  readonly entities: readonly string[];
  readonly probability: number;
  readonly evidence: ReadonlyArray<{ readonly fact: string; readonly relation?: string }>;
}

export interface AnalysedPath {
  readonly probability: number;
  readonly length: number;
  readonly steps: readonly AnalysedStep[];
  /** Ids of the fixes any one of which cuts this path. */
  readonly cutBy: readonly string[];
}

export interface CompromiseOdds {
  /** Monte Carlo: fraction of trials that compromise it within `withinSteps`. */
  readonly probability: number;
  readonly low: number;
  readonly high: number;
  readonly meanSteps: number | null;
  /** P(compromised within k steps), k = 0, 1, … */
  readonly byStep: readonly number[];
}

export interface JewelReport {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** The assets whose compromise is its compromise. */
  readonly assets: readonly string[];
  readonly reachable: boolean;
  readonly odds?: CompromiseOdds;
  readonly mostLikely?: AnalysedPath;
  readonly shortest?: AnalysedPath;
  /** Distinct paths, most likely first (up to the analysis's `maxPaths`). */
  readonly paths: readonly AnalysedPath[];
}

export interface AssetExposure {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly privilege: 'user' | 'root';
  readonly odds?: CompromiseOdds;
}

/** A facility or network device the attacker can take over, and what its loss would take down. */
export interface ManagementPlaneEffect {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly privilege: 'user' | 'root';
  /** What it can do physically (power off outlets, stop cooling, drop traffic). */
  readonly effect: string;
  readonly blastRadius: {
    readonly failed: number;
    readonly degraded: number;
    readonly examples: readonly string[];
  };
  readonly path?: AnalysedPath;
}

export interface HardeningReport {
  readonly method: 'exact' | 'greedy';
  readonly optimal: boolean;
  readonly cost: number;
  readonly lowerBound: number;
  readonly fixes: ReadonlyArray<{
    readonly id: string;
    readonly kind: string;
    readonly target: string;
    readonly description: string;
    readonly cost: number;
  }>;
  /** Other optimal sets (exact method with enumeration), as fix ids. */
  readonly alternatives?: ReadonlyArray<readonly string[]>;
  /** Jewels no allowed fix can protect. */
  readonly uncuttable: readonly string[];
  readonly seconds: number;
}

export interface AttackAnalysis {
  readonly view: string;
  readonly summary: {
    readonly assets: number;
    readonly segments: number;
    readonly reachRules: number;
    readonly vulnerabilityInstances: number;
    readonly credentials: number;
    readonly graphNodes: number;
    readonly graphEdges: number;
    readonly fixes: number;
    readonly compromisable: number;
    readonly jewels: number;
    readonly jewelsReachable: number;
  };
  readonly jewels: readonly JewelReport[];
  /** Assets an attacker can compromise, most likely first. */
  readonly assets: readonly AssetExposure[];
  readonly managementPlane: readonly ManagementPlaneEffect[];
  readonly hardening?: HardeningReport;
  readonly monteCarlo?: {
    readonly trials: number;
    readonly seed: number;
    readonly maxSteps: number | null;
    readonly confidence: number;
  };
  readonly problems: readonly TwinAttackProblem[];
  readonly timings: Readonly<Record<string, number>>;
}
