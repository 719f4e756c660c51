// The scenario API's types, straight from the contract (types only: scripts/check-layers.mjs
// allows this import from anywhere under web/). web/src/contract.ts does not list them yet; this
// view keeps its own list so it touches no shared file.
export type {
  InputIssue,
  Problem,
  ScenarioResult,
  ScenarioSummary,
  ScenarioViolation,
} from '../../../../src/contract/index.js';

import type { ScenarioResult } from '../../../../src/contract/index.js';

export type EntityPrediction = ScenarioResult['entities'][number];
export type MetricComparison = EntityPrediction['metrics'][string];
export type ChainStep = ScenarioResult['chain'][number];
export type TimelineSample = ScenarioResult['timeline'][number];
export type Headroom = ScenarioResult['headroom']['base'];
