// The simulate layer: what-if scenarios on forks of the twin and the models they run — queueing
// (exact M/M/c, Jackson networks, MVA), discrete-event simulation, power, thermal, network and
// cost. It imports only src/model (see ARCHITECTURE.md), so every engine is tested on its own.

// --- discrete-event simulation (docs/discrete-event-simulation.md) ---
export type { DistributionSpec, NetworkSpec, SimulationResult, StationModel } from './des/index.js';
export { simulateNetwork, simulateStation } from './des/index.js';
// --- queueing (docs/queueing.md) ---
export type { MmcInput, MmcResult, QueueingCaseResult } from './queueing/index.js';
export {
  erlangC,
  solveClosedNetwork,
  solveMmc,
  solveOpenNetwork,
  solveQueueingCase,
  solveQueueingCases,
} from './queueing/index.js';
// --- scenarios ---
export type { Locate } from './scenario/parse-scenario.js';
export { parseScenario } from './scenario/parse-scenario.js';
export type { MetricHistory, RunScenarioOptions } from './scenario/run-scenario.js';
export { runScenario } from './scenario/run-scenario.js';
export type { EntityPrediction, MetricComparison, ScenarioResult } from './scenario/scenario-result.js';
export type { ScenarioLimits, ScenarioSpec, ScenarioStep } from './scenario/scenario-spec.js';
export { defaultLimits } from './scenario/scenario-spec.js';
