import type { EntityId } from '../../model/index.js';
import type { CostDiff } from '../cost/index.js';
import type { CalibrationNote } from './estate-calibration.js';
import type { EstateSnapshot, ServiceStatus, Violation } from './estate-evaluator.js';
import type { EstateModel } from './estate-model.js';
import type { ChainStep, TimelineSample } from './scenario-timeline.js';
import type { StationCheck } from './station-check.js';

/** A figure before and after; null where it is infinite (a saturated queue) or does not exist. */
export interface MetricComparison {
  readonly base: number | null;
  readonly scenario: number | null;
  /** scenario − base, where both exist. */
  readonly change: number | null;
}

export interface EntityPrediction {
  readonly id: EntityId;
  readonly kind: string;
  readonly status?: { readonly base: ServiceStatus | null; readonly scenario: ServiceStatus };
  readonly metrics: Readonly<Record<string, MetricComparison>>;
}

export interface DescribedViolation extends Violation {
  readonly message: string;
}

export interface HeadroomResult {
  readonly multiplier: number;
  readonly bounded: boolean;
  readonly bottlenecks: DescribedViolation[];
  /** Limits already broken at factor 1, left out of the search (the first 50). */
  readonly alreadyBroken: DescribedViolation[];
}

export interface ScenarioResult {
  readonly scenario: { readonly name: string; readonly description?: string };
  /** The fork holding the scenario's changes and its predicted metrics. */
  readonly fork: string;
  readonly base: string;
  readonly durationSeconds: number;
  readonly summary: {
    readonly services: number;
    readonly hosts: number;
    readonly servicesDown: number;
    readonly servicesSaturated: number;
    readonly violations: number;
    readonly headroomBase: number;
    readonly headroomScenario: number;
  };
  readonly headroom: { readonly base: HeadroomResult; readonly scenario: HeadroomResult };
  /** Limits broken during the scenario, each with the first time it broke. */
  readonly violations: Array<DescribedViolation & { readonly atSeconds: number }>;
  /** The cascade, step by step. */
  readonly chain: ChainStep[];
  readonly timeline: TimelineSample[];
  /** Per entity: the base's predicted figures against the scenario's worst. */
  readonly entities: EntityPrediction[];
  /** The busiest replica stations simulated beside their closed forms, when the scenario asks. */
  readonly stationChecks?: StationCheck[];
  /** Monthly cost at list prices, base against scenario; present when the scenario gives prices. */
  readonly cost?: CostDiff;
  readonly notes: CalibrationNote[];
  readonly elapsedMs: number;
}

const finite = (value: number | undefined): number | null =>
  value === undefined || !Number.isFinite(value) ? null : value;

function compare(base: number | undefined, scenario: number | undefined): MetricComparison {
  const before = finite(base);
  const after = finite(scenario);
  return { base: before, scenario: after, change: before === null || after === null ? null : after - before };
}

function changed(metrics: Readonly<Record<string, MetricComparison>>): boolean {
  return Object.values(metrics).some(
    (value) =>
      value.base === null ||
      value.scenario === null ||
      Math.abs(value.change ?? 0) > 1e-3 * Math.max(1e-9, Math.abs(value.base)),
  );
}

/**
 * The comparison the result reports: every service, rack and power node, and the hosts and
 * links whose figures moved. Base figures are the model's own at today's traffic (not raw measurements), so
 * the difference is the scenario's effect alone.
 */
export function predictionsOf(
  baseModel: EstateModel,
  base: EstateSnapshot,
  model: EstateModel,
  scenario: EstateSnapshot,
): EntityPrediction[] {
  const out: EntityPrediction[] = [];
  model.services.forEach((service, s) => {
    const b = baseModel.serviceIndex.get(service.id);
    const at = (array: Float64Array | Int32Array, index: number | undefined) =>
      index === undefined ? undefined : (array[index] as number);
    out.push({
      id: service.id,
      kind: service.kind,
      status: {
        base: b === undefined ? null : (base.serviceStatus[b] ?? null),
        scenario: scenario.serviceStatus[s] ?? 'ok',
      },
      metrics: {
        request_rate_per_second: compare(at(base.serviceRate, b), at(scenario.serviceRate, s)),
        latency_mean_seconds: compare(at(base.serviceMeanSeconds, b), at(scenario.serviceMeanSeconds, s)),
        latency_p95_seconds: compare(at(base.serviceP95Seconds, b), at(scenario.serviceP95Seconds, s)),
        latency_p99_seconds: compare(at(base.serviceP99Seconds, b), at(scenario.serviceP99Seconds, s)),
        replica_cpu_utilization: compare(at(base.serviceUtilization, b), at(scenario.serviceUtilization, s)),
        replicas: compare(at(base.serviceReplicas, b), at(scenario.serviceReplicas, s)),
      },
    });
  });
  model.hosts.forEach((host, h) => {
    const b = baseModel.hostIndex.get(host.id);
    const pair = (before: Float64Array, after: Float64Array) =>
      compare(b === undefined ? undefined : before[b], after[h]);
    const metrics = {
      cpu_utilization: pair(base.hostUtilization, scenario.hostUtilization),
      power_watts: pair(base.hostWatts, scenario.hostWatts),
      memory_utilization: pair(base.hostMemoryUtilization, scenario.hostMemoryUtilization),
      disk_used_ratio: pair(base.hostDiskUtilization, scenario.hostDiskUtilization),
      network_receive_bytes_per_second: pair(base.hostReceiveBytes, scenario.hostReceiveBytes),
      network_transmit_bytes_per_second: pair(base.hostTransmitBytes, scenario.hostTransmitBytes),
    };
    if (changed(metrics)) out.push({ id: host.id, kind: 'host', metrics });
  });
  model.racks.forEach((rack, r) => {
    const b = baseModel.rackIndex.get(rack.id);
    const metrics = {
      power_watts: compare(b === undefined ? undefined : base.rackWatts[b], scenario.rackWatts[r]),
      inlet_temperature_celsius: compare(
        b === undefined ? undefined : base.rackInletCelsius[b],
        scenario.rackInletCelsius[r],
      ),
    };
    out.push({ id: rack.id, kind: 'rack', metrics });
  });
  for (const [id, utilization] of scenario.linkUtilization) {
    if (!id.startsWith('link:')) continue;
    const metrics = { utilization: compare(base.linkUtilization.get(id), utilization) };
    if (changed(metrics)) out.push({ id, kind: 'link', metrics });
  }
  for (const [id, load] of scenario.power) {
    const before = base.power.get(id);
    const metrics = {
      power_watts: compare(before?.watts, load.watts),
      load_ratio: compare(before?.ratio, load.ratio),
    };
    out.push({ id, kind: load.kind, metrics });
  }
  return out;
}
