// The API's types, shared with the server through its contract module (src/contract). Types only:
// a value import would bring TypeBox and every schema into the bundle, and
// scripts/check-layers.mjs refuses it.
export type {
  Alert,
  AlertSeverity,
  AlertStatus,
  AssetExplanationResult,
  AttackAnalysisRequest,
  AttackAnalysisResult,
  AttackPath,
  ChangeSet,
  ChangeSetSummary,
  DefenseEvaluationResult,
  DefenseRequest,
  Entity,
  EntityBrief,
  ExplanationRequest,
  Health,
  HealthCounts,
  HealthReason,
  ImpactedEntity,
  ImpactReport,
  InputIssue,
  KindAccuracy,
  KindSpec,
  List,
  LiveAlertMessage,
  LiveChangeMessage,
  LiveServerMessage,
  LiveStateMessage,
  LiveSubscribeMessage,
  MetricSpec,
  MetricValue,
  Operation,
  Page,
  Problem,
  Relation,
  RelationType,
  Role,
  ScenarioResult,
  ScenarioSummary,
  ScenarioViolation,
  SeriesInfo,
  SeriesRange,
  Session,
  Thresholds,
  TwinSummary,
} from '../../src/contract/index.js';

import type {
  AssetExplanationResult,
  AttackAnalysisResult,
  AttackPath,
  DefenseEvaluationResult,
  ScenarioResult,
} from '../../src/contract/index.js';

// Parts of those types that the contract has a schema for but exports no type of, named as its
// schemas are (src/contract/attack.ts, src/contract/scenario.ts).

/** One attacker action of an attack path. */
export type AttackStep = AttackPath['steps'][number];
/** One step of a scenario's cascade. */
export type ChainStep = ScenarioResult['chain'][number];
/** Monte Carlo odds of a compromise, with their interval. */
export type CompromiseOdds = NonNullable<JewelReport['odds']>;
/** A defense the API applies on a fork. */
export type Defense = DefenseEvaluationResult['defenses'][number];
/** A derivation tree node of an attack explanation. */
export type Explanation = NonNullable<AssetExplanationResult['explanation']>;
/** One fix of the minimal hardening set. */
export type Fix = NonNullable<AttackAnalysisResult['hardening']>['fixes'][number];
/** How much more traffic an estate takes before a limit breaks, and what breaks first. */
export type Headroom = ScenarioResult['headroom']['base'];
/** One crown jewel of an attack analysis: its reachability, odds and paths. */
export type JewelReport = AttackAnalysisResult['jewels'][number];
/** One sample of a scenario played over time. */
export type TimelineSample = ScenarioResult['timeline'][number];
