// The attack layer (docs/attack.md): attack graphs over the twin, paths, odds, defenses and the
// cheapest cut. Imports only the model.

export type { AttackAnalysisOptions } from './analysis/analyse-attack.js';
export { analyseAttack } from './analysis/analyse-attack.js';
export type {
  AnalysedPath,
  AnalysedStep,
  AssetExposure,
  AttackAnalysis,
  CompromiseOdds,
  HardeningReport,
  JewelReport,
  ManagementPlaneEffect,
} from './analysis/attack-analysis.js';
export type { AssetExplanation } from './analysis/explain-asset.js';
export { explainAsset } from './analysis/explain-asset.js';
export type { AnalysisComparison, JewelChange } from './defense/compare-analyses.js';
export { compareAnalyses } from './defense/compare-analyses.js';
export type { Defense } from './defense/defense-operations.js';
export { DefenseError, defenseOfFix, defenseOperations } from './defense/defense-operations.js';
export type { DefenseEvaluation } from './defense/evaluate-defenses.js';
export { evaluateDefenses } from './defense/evaluate-defenses.js';
export type { CyberBattleNode, CyberBattleVulnerability } from './examples/cyberbattle-network.js';
export { cyberBattleModel } from './examples/cyberbattle-network.js';
export type { AttackGraph, Fix, NodeFact } from './graph/attack-graph.js';
export { consumersOf, NodeType } from './graph/attack-graph.js';
export type { AttackRule } from './graph/attack-rules.js';
export { attackRuleList, attackRules } from './graph/attack-rules.js';
export type { BuiltAttackGraph } from './graph/build-attack-graph.js';
export { buildAttackGraph } from './graph/build-attack-graph.js';
export { deriveAll } from './graph/derive.js';
export type { AttackModel, Privilege } from './model/attack-model.js';
export type { TwinAttackModel, TwinAttackOptions, TwinAttackProblem } from './model/twin-attack-model.js';
export { attackableKinds, twinAttackModel } from './model/twin-attack-model.js';
export { bestDerivations } from './paths/best-derivation.js';
export type { Explanation } from './paths/explain.js';
export { explainNode } from './paths/explain.js';
export { propagate } from './propagation/index.js';
export * from './scan/index.js';
export * from './vulnerability/index.js';
