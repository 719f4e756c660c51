import {
  builtinKinds,
  type EntityId,
  InputError,
  type Operation,
  type Twin,
  type TwinView,
} from '../../model/index.js';
import { calibrateEstate } from './calibrate-estate.js';
import { describeViolation } from './chain-messages.js';
import { solveClosedWorkload } from './closed-workload.js';
import { demandPairs } from './demand-regression.js';
import {
  type CalibrationNote,
  callOrder,
  type EstateCalibration,
  identityFit,
  type LatencyFit,
} from './estate-calibration.js';
import { type EstateConditions, normalConditions } from './estate-conditions.js';
import { EstateEvaluator, type EstateSnapshot } from './estate-evaluator.js';
import { buildEstateModel, type EstateModel } from './estate-model.js';
import { autoNetworkFlowBudget } from './estate-network.js';
import { findHeadroom, type Headroom } from './find-headroom.js';
import { compareCost } from './scenario-cost.js';
import { type EntityPrediction, predictionsOf, type ScenarioResult } from './scenario-result.js';
import type { ScenarioSpec, TrafficStep } from './scenario-spec.js';
import { ScenarioTimeline } from './scenario-timeline.js';
import { checkStations } from './station-check.js';
import { structuralOperations } from './structural-operations.js';
import { multiplierAt, peakMultiplier } from './traffic-profile.js';

/** A metric's recent history from the live mirror: (epoch ms, value) at a common step. */
export type MetricHistory = (
  entity: EntityId,
  metric: string,
) => Promise<ReadonlyArray<readonly [number, number]>>;

export interface RunScenarioOptions {
  /** Who runs it: the fork and its change sets are attributed to them. */
  readonly actor: string;
  /** Where demands without a declaration are fitted over time (the utilisation law by regression). */
  readonly history?: MetricHistory;
  /** Keep the fork with the predicted metrics written on it (default); false deletes it after. */
  readonly keepFork?: boolean;
}

/**
 * Runs a scenario: forks the base (the live twin or a fork), applies the structural steps to the
 * fork, calibrates the model on the base's measurements, plays traffic and failures through time
 * on the fork, finds the headroom of both, and writes the predicted metrics onto the fork
 * (origin `predicted`) so the fork can be read, diffed and shown like any other view.
 */
export async function runScenario(
  twin: Twin,
  spec: ScenarioSpec,
  options: RunScenarioOptions,
): Promise<ScenarioResult> {
  const started = performance.now();
  const baseView = twin.view(spec.baseFork === undefined ? {} : { fork: spec.baseFork });
  const baseModel = buildEstateModel(baseView);
  const { ops, issues } = structuralOperations(spec, baseModel);
  if (issues.length > 0)
    throw new InputError(`the scenario does not fit the estate: ${issues.length} problem(s)`, issues);
  const fork = await twin.createFork({
    name: `scenario: ${spec.name}`,
    actor: options.actor,
    ...(spec.baseFork !== undefined ? { parent: spec.baseFork } : {}),
    description: spec.description ?? `what-if scenario ${spec.name}`,
  });
  try {
    if (ops.length > 0) {
      await twin.apply(
        {
          actor: options.actor,
          reason: `scenario ${spec.name}: steps`,
          source: `scenario:${spec.name}`,
          origin: 'predicted',
          ops,
        },
        { fork: fork.id },
      );
    }
    const demandHistory = options.history ? await demandHistoryOf(baseModel, options.history) : undefined;
    const baseCalibration = calibrateEstate(baseModel, spec.limits, {
      ...spec,
      ...(demandHistory ? { demandHistory } : {}),
    });
    const base = new EstateEvaluator(
      baseModel,
      baseCalibration,
      spec.limits,
      spec.interSiteRoundTripSeconds,
      spec.network,
    );
    const baseSnapshot = base.evaluate(normalConditions(baseModel));
    const forkModel = buildEstateModel(twin.view({ fork: fork.id }));
    const evaluator = new EstateEvaluator(
      forkModel,
      transferCalibration(baseModel, baseCalibration, forkModel, spec),
      spec.limits,
      spec.interSiteRoundTripSeconds,
      spec.network,
    );
    const timeline = new ScenarioTimeline(
      evaluator,
      spec,
      normalConditions(forkModel),
      trafficAt(spec, forkModel),
    );
    const duration =
      spec.durationSeconds > 0
        ? spec.durationSeconds
        : spec.steps.some((step) => step.kind === 'fail')
          ? 3600
          : 0;
    const played = timeline.run(duration);
    const peak = peakConditions(spec, forkModel, played.finalConditions);
    const headroom = {
      base: describeHeadroom(findHeadroom(base, normalConditions(baseModel), spec.headroomMax)),
      scenario: describeHeadroom(findHeadroom(evaluator, peak, spec.headroomMax)),
    };
    const entities = predictionsOf(baseModel, baseSnapshot, forkModel, played.worst);
    await writePredictions(twin, fork.id, entities, spec, options.actor);
    const result: ScenarioResult = {
      scenario: {
        name: spec.name,
        ...(spec.description !== undefined ? { description: spec.description } : {}),
      },
      fork: fork.id,
      base: spec.baseFork ?? 'live',
      durationSeconds: duration,
      summary: summarize(forkModel, played.worst, played.violations.length, headroom),
      headroom,
      violations: played.violations.map((violation) => ({
        ...violation,
        message: describeViolation(violation),
      })),
      chain: played.chain,
      timeline: played.samples,
      entities,
      ...(spec.check !== undefined
        ? { stationChecks: checkStations(forkModel, played.worst, spec.check) }
        : {}),
      ...(spec.prices !== undefined
        ? { cost: compareCost(baseModel, baseSnapshot, forkModel, played.worst, spec.prices) }
        : {}),
      notes: [
        ...(!evaluator.networkOverBudget
          ? []
          : [
              {
                entity: 'network',
                message: `the call graph was not routed over the network (more than ${autoNetworkFlowBudget} flows); set network: true to route it`,
              },
            ]),
        ...evaluator.calibration.notes,
      ],
      elapsedMs: Math.round(performance.now() - started),
    };
    if (options.keepFork === false) await twin.deleteFork(fork.id, options.actor);
    return result;
  } catch (error) {
    await twin.deleteFork(fork.id, options.actor).catch(() => undefined);
    throw error;
  }
}

/** Measured facts carry over by entity id; what the scenario added gets the defaults or its step's figures. */
export function transferCalibration(
  baseModel: EstateModel,
  base: EstateCalibration,
  model: EstateModel,
  spec: ScenarioSpec,
): EstateCalibration {
  const externalRate = new Float64Array(model.services.length);
  model.services.forEach((service, s) => {
    const before = baseModel.serviceIndex.get(service.id);
    if (before === undefined) return;
    externalRate[s] = base.externalRate[before] as number;
    const demand = baseModel.services[before]?.demandSeconds;
    if (service.demandSeconds === undefined && demand !== undefined) service.demandSeconds = demand;
  });
  const notes: CalibrationNote[] = [...base.notes];
  for (const step of spec.steps) {
    if (step.kind === 'deploy' && step.requestsPerSecond !== undefined) {
      const s = model.serviceIndex.get(step.service);
      if (s !== undefined) externalRate[s] = step.requestsPerSecond;
    }
    if (step.kind === 'users') {
      const s = model.serviceIndex.get(step.service);
      if (s === undefined) continue;
      // The users' rate replaces the entry's measured open traffic.
      const closed = solveClosedWorkload(model, s, step.population, step.thinkSeconds);
      externalRate[s] = closed.throughput;
      notes.push({
        entity: step.service,
        message: `${step.population} users thinking ${step.thinkSeconds} s send ${closed.throughput.toFixed(1)} req/s (exact MVA; ${(closed.responseSeconds * 1000).toFixed(1)} ms a response)`,
      });
    }
  }
  const hostBackgroundCores = Float64Array.from(model.hosts, (host) => {
    const before = baseModel.hostIndex.get(host.id);
    return before === undefined ? 0 : (base.hostBackgroundCores[before] as number);
  });
  const rackRecirculation = Float64Array.from(model.racks, (rack) => {
    const before = baseModel.rackIndex.get(rack.id);
    return before === undefined ? 0.5 : (base.rackRecirculation[before] as number);
  });
  const carry = (fit: LatencyFit): LatencyFit => {
    const carried = identityFit(model.services.length);
    model.services.forEach((service, s) => {
      const before = baseModel.serviceIndex.get(service.id);
      if (before === undefined) return;
      carried.scale[s] = fit.scale[before] as number;
      carried.offset[s] = fit.offset[before] as number;
    });
    return carried;
  };
  const hostValue = (values: Float64Array) =>
    Float64Array.from(model.hosts, (host) => {
      const before = baseModel.hostIndex.get(host.id);
      return before === undefined ? 0 : (values[before] as number);
    });
  const hostBaseline = {
    memoryBytes: hostValue(base.hostBaseline.memoryBytes),
    diskBytes: hostValue(base.hostBaseline.diskBytes),
    receive: hostValue(base.hostBaseline.receive),
    transmit: hostValue(base.hostBaseline.transmit),
  };
  return {
    order: callOrder(model),
    externalRate,
    hostBackgroundCores,
    rackRecirculation,
    hostBaseline,
    meanFit: carry(base.meanFit),
    p99Fit: carry(base.p99Fit),
    defaultSupplyCelsius: base.defaultSupplyCelsius,
    notes,
  };
}

/**
 * Multiplies each entry point's traffic by the factor `factorOf` gives each traffic step: global
 * steps every entry point, service steps only theirs.
 */
function applyTraffic(
  steps: readonly TrafficStep[],
  model: EstateModel,
  factorOf: (step: TrafficStep) => number,
  into: Float64Array,
): void {
  into.fill(1);
  for (const step of steps) {
    const factor = factorOf(step);
    if (step.service === undefined) {
      for (let s = 0; s < into.length; s++) into[s] = (into[s] as number) * factor;
    } else {
      const s = model.serviceIndex.get(step.service);
      if (s !== undefined) into[s] = (into[s] as number) * factor;
    }
  }
}

function trafficSteps(spec: ScenarioSpec): TrafficStep[] {
  return spec.steps.filter((step): step is TrafficStep => step.kind === 'traffic');
}

/** Traffic multipliers at a time of the scenario. */
export function trafficAt(
  spec: ScenarioSpec,
  model: EstateModel,
): (seconds: number, into: Float64Array) => void {
  const steps = trafficSteps(spec);
  return (seconds, into) => applyTraffic(steps, model, (step) => multiplierAt(step.profile, seconds), into);
}

/** The end state of the scenario at its peak traffic: what the headroom search starts from. */
function peakConditions(spec: ScenarioSpec, model: EstateModel, final: EstateConditions): EstateConditions {
  const multipliers = new Float64Array(model.services.length);
  applyTraffic(trafficSteps(spec), model, (step) => peakMultiplier(step.profile), multipliers);
  return { ...final, multipliers };
}

function describeHeadroom(headroom: Headroom): ScenarioResult['headroom']['base'] {
  return {
    multiplier: headroom.multiplier,
    bounded: headroom.bounded,
    bottlenecks: headroom.bottlenecks
      .slice(0, 10)
      .map((violation) => ({ ...violation, message: describeViolation(violation) })),
    alreadyBroken: headroom.alreadyBroken
      .slice(0, 50)
      .map((violation) => ({ ...violation, message: describeViolation(violation) })),
  };
}

function summarize(
  model: EstateModel,
  worst: EstateSnapshot,
  violations: number,
  headroom: ScenarioResult['headroom'],
): ScenarioResult['summary'] {
  return {
    services: model.services.length,
    hosts: model.hosts.length,
    servicesDown: worst.serviceStatus.filter((status) => status === 'down').length,
    servicesSaturated: worst.serviceStatus.filter((status) => status === 'saturated').length,
    violations,
    headroomBase: headroom.base.multiplier,
    headroomScenario: headroom.scenario.multiplier,
  };
}

/** Predicted values land on the fork as metrics with origin `predicted`, where the entity's kind has that metric. */
async function writePredictions(
  twin: Twin,
  fork: string,
  entities: readonly EntityPrediction[],
  spec: ScenarioSpec,
  actor: string,
): Promise<void> {
  const view: TwinView = twin.view({ fork });
  const ops: Operation[] = [];
  for (const entity of entities) {
    const kind = view.entity(entity.id)?.kind;
    const known = kind === undefined ? undefined : builtinKinds.get(kind)?.metrics;
    if (!known) continue;
    for (const [metric, value] of Object.entries(entity.metrics)) {
      if (!(metric in known) || value.scenario === null) continue;
      ops.push({ op: 'set-metric', id: entity.id, metric, value: value.scenario, confidence: 0.8 });
    }
  }
  if (ops.length === 0) return;
  await twin.apply(
    {
      actor,
      reason: `scenario ${spec.name}: predicted metrics`,
      source: `scenario:${spec.name}`,
      origin: 'predicted',
      ops,
    },
    { fork },
  );
}

/** (rate, busy cores) over the history, for the services that declare no demand but show traffic. */
async function demandHistoryOf(
  model: EstateModel,
  history: MetricHistory,
): Promise<Map<EntityId, ReadonlyArray<readonly [number, number]>>> {
  const pairs = new Map<EntityId, ReadonlyArray<readonly [number, number]>>();
  for (const service of model.services) {
    if (service.demandSeconds !== undefined || service.observedRate === undefined) continue;
    const rate = await history(service.id, 'request_rate_per_second');
    if (rate.length === 0) continue;
    const replicas = await Promise.all(
      service.replicas.map(async (r) => {
        const replica = model.replicas[r];
        return {
          cores: replica?.cores ?? 1,
          utilization: replica ? await history(replica.id, 'cpu_utilization') : [],
        };
      }),
    );
    pairs.set(service.id, demandPairs(rate, replicas));
  }
  return pairs;
}
