// The attack API's types, from the server's contract (src/contract/attack.ts), types only. They
// belong in web/src/contract.ts beside the others; kept here while other views edit that file.
export type {
  AssetExplanationResult,
  AttackAnalysisRequest,
  AttackAnalysisResult,
  AttackPath,
  DefenseEvaluationResult,
  DefenseRequest,
  ExplanationRequest,
} from '../../../../src/contract/index.js';

import type {
  AssetExplanationResult,
  AttackAnalysisResult,
  DefenseEvaluationResult,
} from '../../../../src/contract/index.js';

/** One crown jewel of an analysis: its reachability, odds and paths. */
export type JewelReport = AttackAnalysisResult['jewels'][number];
/** One attacker action of a path. */
export type AttackStep = JewelReport['paths'][number]['steps'][number];
/** Monte Carlo odds of a compromise, with their interval. */
export type CompromiseOdds = NonNullable<JewelReport['odds']>;
/** The minimal hardening set. */
export type Hardening = NonNullable<AttackAnalysisResult['hardening']>;
/** One fix of a hardening set. */
export type Fix = Hardening['fixes'][number];
/** A defense the API applies on a fork. */
export type Defense = DefenseEvaluationResult['defenses'][number];
/** A jewel's row of the before/after comparison. */
export type JewelComparison = DefenseEvaluationResult['comparison']['jewels'][number];
/** A derivation tree node of an explanation. */
export type Explanation = NonNullable<AssetExplanationResult['explanation']>;
