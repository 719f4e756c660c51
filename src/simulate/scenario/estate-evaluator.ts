import type { EntityId } from '../../model/index.js';
import { linearPowerWatts } from '../facility/index.js';
import { applyFit, type EstateCalibration } from './estate-calibration.js';
import type { EstateConditions } from './estate-conditions.js';
import { type EstateModel, holdSeconds, type ServiceNode } from './estate-model.js';
import {
  autoNetworkFlowBudget,
  buildEstateNetwork,
  type EstateNetwork,
  estimateFlows,
  type NetworkOutcome,
  routeCalls,
} from './estate-network.js';
import { type PowerLoad, powerLoads } from './estate-power.js';
import { gammaQuantile } from './gamma-quantile.js';
import { type HostBaseline, hostArrays, hostResources } from './host-resources.js';
import { type ReplicaTimes, replicaTimes } from './replica-times.js';
import type { ScenarioLimits } from './scenario-spec.js';
import { WorkingReplicas } from './working-replicas.js';

export type ServiceStatus = 'ok' | 'saturated' | 'down' | 'unmodelled';

export type ViolationKind =
  | 'latency'
  | 'saturated'
  | 'down'
  | 'utilization'
  | 'memory'
  | 'disk'
  | 'network'
  | 'inlet'
  | 'power';

export interface Violation {
  readonly kind: ViolationKind;
  readonly entity: EntityId;
  readonly value: number;
  readonly limit: number;
}

/** Every predicted figure of the estate under one set of conditions (steady state). */
export interface EstateSnapshot {
  readonly serviceRate: Float64Array;
  /** Busiest replica's CPU utilisation. */
  readonly serviceUtilization: Float64Array;
  readonly serviceMeanSeconds: Float64Array;
  readonly serviceP95Seconds: Float64Array;
  readonly serviceP99Seconds: Float64Array;
  readonly serviceReplicas: Int32Array;
  readonly serviceStatus: ServiceStatus[];
  readonly hostUtilization: Float64Array;
  readonly hostWatts: Float64Array;
  readonly hostMemoryUtilization: Float64Array;
  readonly hostDiskUtilization: Float64Array;
  readonly hostReceiveBytes: Float64Array;
  readonly hostTransmitBytes: Float64Array;
  readonly hostNetworkUtilization: Float64Array;
  readonly rackWatts: Float64Array;
  /** Where each rack's inlet settles under these conditions. */
  readonly rackInletTargetCelsius: Float64Array;
  /** The inlet now: the target in steady state, or the transient a timeline tracks. */
  readonly rackInletCelsius: Float64Array;
  readonly roomHeatWatts: Float64Array;
  readonly roomCoolingWatts: Float64Array;
  readonly power: Map<EntityId, PowerLoad>;
  /** Busier direction's utilisation of each network link, when the network was evaluated. */
  readonly linkUtilization: Map<EntityId, number>;
  readonly violations: Violation[];
}

/** One network hop (request and answer) per synchronous call: a data-center round trip. */
const callOverheadSeconds = 0.0005;
/** Room air rise when no cooling works at all; a shortfall raises it in proportion. */
const uncooledRiseCelsius = 25;
/** Recirculation grows when the units that feed a rack's cold aisle have stopped. */
const lostAirflowPenalty = 1.5;

/**
 * The analytic model of an estate: traffic through the call graph, each replica an M/M/c
 * station (its cores the servers), synchronous calls adding their callees' time, hosts carrying
 * their replicas plus the background load calibration found, power linear in utilisation, rack
 * inlets from supply air plus recirculation, PDUs and UPSes loaded by what they feed.
 */
export class EstateEvaluator {
  private readonly hostBusy: Float64Array;
  private readonly working: WorkingReplicas;
  /** Work arrays per host, reused by every evaluation. */
  private readonly hostScratch: HostBaseline;
  /** The snapshot the headroom search reuses: it reads only the violations of each evaluation. */
  private reusable: EstateSnapshot | undefined;
  private readonly network: EstateNetwork | undefined;
  /** True when `auto` left the network out because the call graph makes too many flows. */
  readonly networkOverBudget: boolean;
  private outcome: NetworkOutcome | undefined;

  constructor(
    readonly model: EstateModel,
    readonly calibration: EstateCalibration,
    readonly limits: ScenarioLimits,
    /** Round trip added to calls between services at different sites (regions). */
    readonly interSiteRoundTripSeconds = 0.02,
    /** Route the call graph over the network: always, never, or when it is small enough. */
    network: boolean | 'auto' = 'auto',
  ) {
    this.hostBusy = new Float64Array(model.hosts.length);
    this.working = new WorkingReplicas(model);
    this.hostScratch = hostArrays(model.hosts.length);
    this.networkOverBudget = network === 'auto' && estimateFlows(model) > autoNetworkFlowBudget;
    const routed = network === true || (network === 'auto' && !this.networkOverBudget);
    this.network = routed ? buildEstateNetwork(model) : undefined;
  }

  /**
   * `inletCelsius`: rack inlets now, when a timeline tracks them; steady state otherwise.
   * `full: false` skips what no limit reads — routing the call graph over the network and the p95
   * — for the headroom search, which evaluates many times: its limits are p99 SLOs, utilisation,
   * temperature and power.
   */
  evaluate(conditions: EstateConditions, inletCelsius?: Float64Array, full = true): EstateSnapshot {
    const snapshot = full ? this.emptySnapshot() : this.reusedSnapshot();
    const { working } = this;
    working.fill(conditions);
    for (let s = 0; s < this.model.services.length; s++) snapshot.serviceReplicas[s] = working.count(s);
    this.propagateTraffic(conditions, snapshot);
    this.loadHosts(conditions, snapshot);
    hostResources(
      this.model,
      this.calibration.hostBaseline,
      conditions,
      working,
      snapshot.serviceRate,
      {
        memoryUtilization: snapshot.hostMemoryUtilization,
        diskUtilization: snapshot.hostDiskUtilization,
        receiveBytes: snapshot.hostReceiveBytes,
        transmitBytes: snapshot.hostTransmitBytes,
        networkUtilization: snapshot.hostNetworkUtilization,
      },
      this.hostScratch,
    );
    this.outcome = undefined;
    if (full && this.network) {
      const down = { hosts: conditions.hostDown, entities: conditions.networkDown };
      this.outcome = routeCalls(this.network, this.model, snapshot.serviceRate, working.hostLists(), down);
      for (const [id, utilization] of this.outcome.linkUtilization)
        snapshot.linkUtilization.set(id, utilization);
    }
    this.serviceTimes(conditions, snapshot, full);
    this.scaleToMeasurements(snapshot);
    this.facility(conditions, snapshot);
    snapshot.rackInletCelsius.set(inletCelsius ?? snapshot.rackInletTargetCelsius);
    this.judge(snapshot);
    return snapshot;
  }

  /** A snapshot with every figure zeroed, reusing the arrays of the last partial evaluation. */
  private reusedSnapshot(): EstateSnapshot {
    if (!this.reusable) {
      this.reusable = this.emptySnapshot();
      return this.reusable;
    }
    const previous = this.reusable;
    for (const value of Object.values(previous)) {
      if (value instanceof Float64Array || value instanceof Int32Array) value.fill(0);
    }
    previous.serviceStatus.fill('ok');
    previous.power.clear();
    previous.linkUtilization.clear();
    // A fresh list: callers keep the violations of earlier evaluations.
    this.reusable = { ...previous, violations: [] };
    return this.reusable;
  }

  private emptySnapshot(): EstateSnapshot {
    const { services, hosts, racks, rooms } = this.model;
    return {
      serviceRate: new Float64Array(services.length),
      serviceUtilization: new Float64Array(services.length),
      serviceMeanSeconds: new Float64Array(services.length),
      serviceP95Seconds: new Float64Array(services.length),
      serviceP99Seconds: new Float64Array(services.length),
      serviceReplicas: new Int32Array(services.length),
      serviceStatus: new Array<ServiceStatus>(services.length).fill('ok'),
      hostUtilization: new Float64Array(hosts.length),
      hostWatts: new Float64Array(hosts.length),
      hostMemoryUtilization: new Float64Array(hosts.length),
      hostDiskUtilization: new Float64Array(hosts.length),
      hostReceiveBytes: new Float64Array(hosts.length),
      hostTransmitBytes: new Float64Array(hosts.length),
      hostNetworkUtilization: new Float64Array(hosts.length),
      rackWatts: new Float64Array(racks.length),
      rackInletTargetCelsius: new Float64Array(racks.length),
      rackInletCelsius: new Float64Array(racks.length),
      roomHeatWatts: new Float64Array(rooms.length),
      roomCoolingWatts: new Float64Array(rooms.length),
      power: new Map(),
      linkUtilization: new Map(),
      violations: [],
    };
  }

  /** Requests per second service `s`'s working replicas can serve at their hosts' speeds. */
  private capacityOf(s: number, demand: number, conditions: EstateConditions): number {
    const { start, host, cores } = this.working;
    let total = 0;
    for (let k = start[s] as number; k < (start[s + 1] as number); k++) {
      const h = host[k] as number;
      total += (cores[k] as number) * (h >= 0 ? (conditions.hostSpeed[h] as number) : 1);
    }
    return total / demand;
  }

  /** Callers before callees: each passes on what it serves, never more than it can. */
  private propagateTraffic(conditions: EstateConditions, snapshot: EstateSnapshot): void {
    const { services } = this.model;
    const rate = snapshot.serviceRate;
    rate.fill(0);
    for (const s of this.calibration.order) {
      const service = services[s];
      if (!service) continue;
      const offered =
        (rate[s] as number) +
        (this.calibration.externalRate[s] as number) * (conditions.multipliers[s] as number);
      rate[s] = offered;
      const count = this.working.count(s);
      const hold = holdSeconds(service);
      let served = count === 0 ? 0 : offered;
      if (hold !== undefined && count > 0) served = Math.min(offered, this.capacityOf(s, hold, conditions));
      for (const call of service.callees) rate[call.to] = (rate[call.to] as number) + served * call.calls;
    }
  }

  private loadHosts(conditions: EstateConditions, snapshot: EstateSnapshot): void {
    const { hosts, services } = this.model;
    const { start, host, cores } = this.working;
    const busy = this.hostBusy;
    busy.set(this.calibration.hostBackgroundCores);
    for (let s = 0; s < services.length; s++) {
      const demand = services[s]?.demandSeconds;
      const count = this.working.count(s);
      if (demand === undefined || count === 0) continue;
      const perReplica = (snapshot.serviceRate[s] as number) / count;
      for (let k = start[s] as number; k < (start[s + 1] as number); k++) {
        const h = host[k] as number;
        if (h < 0) continue;
        const speed = conditions.hostSpeed[h] as number;
        busy[h] = (busy[h] as number) + Math.min(perReplica * demand, (cores[k] as number) * speed) / speed;
      }
    }
    hosts.forEach((entry, h) => {
      if (conditions.hostDown[h] === 1) return;
      const utilization = (busy[h] as number) / entry.cores;
      snapshot.hostUtilization[h] = utilization;
      snapshot.hostWatts[h] = linearPowerWatts(entry.idleWatts, entry.maxWatts, utilization);
    });
  }

  /** Callees before callers: a caller's time holds its own queueing plus its synchronous calls. */
  private serviceTimes(conditions: EstateConditions, snapshot: EstateSnapshot, withP95: boolean): void {
    const { services } = this.model;
    const variance = new Float64Array(services.length);
    const order = this.calibration.order;
    for (let k = order.length - 1; k >= 0; k--) {
      const s = order[k] as number;
      const service = services[s];
      if (!service) continue;
      if (this.working.count(s) === 0) {
        snapshot.serviceStatus[s] = 'down';
        continue;
      }
      if (service.demandSeconds === undefined) {
        snapshot.serviceStatus[s] = 'unmodelled';
        continue;
      }
      const own = this.ownTimes(s, service, snapshot.serviceRate[s] as number, conditions, withP95);
      snapshot.serviceUtilization[s] = own.utilization;
      if (!own.stable) snapshot.serviceStatus[s] = 'saturated';
      let mean = own.mean;
      let spread = own.variance;
      let hasCalls = false;
      for (const [c, call] of service.callees.entries()) {
        const unreachable = this.outcome?.unreachableCalls.has(`${s}/${c}`) === true;
        const status = unreachable ? 'down' : snapshot.serviceStatus[call.to];
        if (status === 'down' || status === 'saturated') {
          if (!call.optional && snapshot.serviceStatus[s] === 'ok') snapshot.serviceStatus[s] = status;
          if (status === 'down') continue;
        }
        if (status === 'unmodelled') continue;
        hasCalls = true;
        const calleeMean =
          (snapshot.serviceMeanSeconds[call.to] as number) + this.callOverhead(service, s, c, call.to);
        const whole = Math.floor(call.calls);
        const fraction = call.calls - whole;
        mean += call.calls * calleeMean;
        spread +=
          call.calls * (variance[call.to] as number) + fraction * (1 - fraction) * calleeMean * calleeMean;
      }
      snapshot.serviceMeanSeconds[s] = mean;
      variance[s] = spread;
      snapshot.serviceP99Seconds[s] = endToEndTail(own, hasCalls, mean, spread, own.p99, 0.99);
      snapshot.serviceP95Seconds[s] = withP95
        ? endToEndTail(own, hasCalls, mean, spread, own.p95, 0.95)
        : Number.NaN;
    }
  }

  /** Callers add their callees' modelled times; what is reported is fitted to what was measured. */
  private scaleToMeasurements(snapshot: EstateSnapshot): void {
    const { meanFit, p99Fit } = this.calibration;
    for (let s = 0; s < meanFit.scale.length; s++) {
      snapshot.serviceMeanSeconds[s] = applyFit(meanFit, s, snapshot.serviceMeanSeconds[s] as number);
      // Nothing measures a p95 here: it moves as the p99's fit moves the p99, in proportion.
      const p99 = snapshot.serviceP99Seconds[s] as number;
      const fitted = applyFit(p99Fit, s, p99);
      const ratio = p99 > 0 && Number.isFinite(p99) ? fitted / p99 : 1;
      snapshot.serviceP95Seconds[s] = (snapshot.serviceP95Seconds[s] as number) * ratio;
      snapshot.serviceP99Seconds[s] = fitted;
    }
  }

  /** A call's own cost: the network stack, the round trip over the routed path, and a WAN hop between sites. */
  private callOverhead(caller: ServiceNode, s: number, k: number, callee: number): number {
    const site = this.model.services[callee]?.site;
    const remote = caller.site !== undefined && site !== undefined && caller.site !== site;
    const path = this.outcome?.callRoundTrip.get(`${s}/${k}`) ?? 0;
    return callOverheadSeconds + path + (remote ? this.interSiteRoundTripSeconds : 0);
  }

  /** The service's own time: replicas share its traffic evenly; the slowest sets the tail. */
  private ownTimes(
    s: number,
    service: ServiceNode,
    rate: number,
    conditions: EstateConditions,
    withP95: boolean,
  ): ReplicaTimes & { utilization: number } {
    const { start, host, cores } = this.working;
    const demand = service.demandSeconds as number;
    const hold = holdSeconds(service) as number;
    const count = this.working.count(s);
    const perReplica = rate / count;
    let mean = 0;
    let secondMoment = 0;
    let stable = true;
    let utilization = 0;
    let slowestMean = -1;
    let slowestRate = 0;
    let slowestCores = 1;
    for (let k = start[s] as number; k < (start[s + 1] as number); k++) {
      const h = host[k] as number;
      const replicaCores = cores[k] as number;
      const hostSpeed = h >= 0 ? (conditions.hostSpeed[h] as number) : 1;
      // An over-committed host shares its cores: every replica on it slows by the excess.
      const contention = h >= 0 ? (this.hostBusy[h] as number) / (this.model.hosts[h]?.cores ?? 1) : 0;
      const speed = hostSpeed / Math.max(1, contention);
      const times = replicaTimes(perReplica, speed / hold, replicaCores, service.serviceTimeScv, false);
      utilization = Math.max(utilization, (perReplica * demand) / (replicaCores * speed));
      stable &&= times.stable;
      mean += times.mean / count;
      secondMoment += (times.variance + times.mean * times.mean) / count;
      if (times.mean > slowestMean) {
        slowestMean = times.mean;
        slowestRate = speed / hold;
        slowestCores = replicaCores;
      }
    }
    // The slowest replica sets the tail; only its p99 is worth the root search.
    const slowest = stable
      ? replicaTimes(perReplica, slowestRate, slowestCores, service.serviceTimeScv, true, withP95)
      : { p95: Number.POSITIVE_INFINITY, p99: Number.POSITIVE_INFINITY };
    const variance = Math.max(0, secondMoment - mean * mean);
    return { stable, mean, variance, p95: slowest.p95, p99: slowest.p99, utilization };
  }

  private facility(conditions: EstateConditions, snapshot: EstateSnapshot): void {
    const { hosts, racks, rooms, coolingUnits } = this.model;
    hosts.forEach((host, h) => {
      if (host.rack >= 0)
        snapshot.rackWatts[host.rack] =
          (snapshot.rackWatts[host.rack] as number) + (snapshot.hostWatts[h] as number);
    });
    racks.forEach((rack, r) => {
      snapshot.rackWatts[r] = (snapshot.rackWatts[r] as number) + rack.otherWatts;
      if (rack.room >= 0)
        snapshot.roomHeatWatts[rack.room] =
          (snapshot.roomHeatWatts[rack.room] as number) + (snapshot.rackWatts[r] as number);
    });
    const power = powerLoads(this.model, conditions, snapshot.hostWatts);
    for (const [id, load] of power) snapshot.power.set(id, load);
    const coolingUp = (unit: number) =>
      conditions.coolingDown[unit] !== 1 && this.coolingPowered(unit, power);
    rooms.forEach((room, m) => {
      let capacity = 0;
      for (const unit of room.coolingUnits)
        if (coolingUp(unit)) capacity += coolingUnits[unit]!.capacityWatts;
      snapshot.roomCoolingWatts[m] = capacity;
    });
    racks.forEach((rack, r) => {
      snapshot.rackInletTargetCelsius[r] = this.inletTarget(
        r,
        rack.room,
        rack.coolingUnits,
        coolingUp,
        snapshot,
      );
    });
  }

  private coolingPowered(unit: number, power: ReadonlyMap<EntityId, PowerLoad>): boolean {
    const supplies = this.model.coolingUnits[unit]!.supplies;
    return supplies.length === 0 || supplies.some((supply) => power.get(supply)?.up !== false);
  }

  /** Supply air of the rack's working units, plus recirculation of its heat, plus the room's warming. */
  private inletTarget(
    r: number,
    room: number,
    units: readonly number[],
    coolingUp: (unit: number) => boolean,
    snapshot: EstateSnapshot,
  ): number {
    const { coolingUnits, rooms } = this.model;
    const candidates = units.length > 0 ? units : room >= 0 ? rooms[room]!.coolingUnits : [];
    const working = candidates.filter(coolingUp);
    const pool = working.length > 0 ? working : room >= 0 ? rooms[room]!.coolingUnits.filter(coolingUp) : [];
    const supply =
      pool.length > 0
        ? pool.reduce((sum, unit) => sum + coolingUnits[unit]!.setpointCelsius, 0) / pool.length
        : this.calibration.defaultSupplyCelsius;
    const lostShare = candidates.length > 0 ? 1 - working.length / candidates.length : 0;
    const recirculation =
      (this.calibration.rackRecirculation[r] as number) * (1 + lostAirflowPenalty * lostShare);
    let roomRise = 0;
    if (room >= 0) {
      const heat = snapshot.roomHeatWatts[room] as number;
      const cooling = snapshot.roomCoolingWatts[room] as number;
      if (heat > cooling && heat > 0) roomRise = (uncooledRiseCelsius * (heat - cooling)) / heat;
    }
    return supply + (recirculation * (snapshot.rackWatts[r] as number)) / 1000 + roomRise;
  }

  private judge(snapshot: EstateSnapshot): void {
    const { services, hosts, racks } = this.model;
    const { limits } = this;
    const out = snapshot.violations;
    services.forEach((service, s) => {
      const status = snapshot.serviceStatus[s];
      if (status === 'down') out.push({ kind: 'down', entity: service.id, value: 0, limit: 1 });
      else if (status === 'saturated') {
        out.push({
          kind: 'saturated',
          entity: service.id,
          value: snapshot.serviceUtilization[s] as number,
          limit: 1,
        });
      } else if (status === 'ok') {
        const p99 = snapshot.serviceP99Seconds[s] as number;
        if (service.sloP99Seconds !== undefined && p99 > service.sloP99Seconds)
          out.push({ kind: 'latency', entity: service.id, value: p99, limit: service.sloP99Seconds });
        const utilization = snapshot.serviceUtilization[s] as number;
        if (utilization > limits.utilization)
          out.push({
            kind: 'utilization',
            entity: service.id,
            value: utilization,
            limit: limits.utilization,
          });
      }
    });
    const hostLimits: Array<[ViolationKind, Float64Array, number]> = [
      ['utilization', snapshot.hostUtilization, limits.utilization],
      ['memory', snapshot.hostMemoryUtilization, limits.memoryUtilization],
      ['disk', snapshot.hostDiskUtilization, limits.diskUtilization],
      ['network', snapshot.hostNetworkUtilization, limits.networkUtilization],
    ];
    for (const [kind, values, limit] of hostLimits) {
      values.forEach((value, h) => {
        if (value > limit) out.push({ kind, entity: hosts[h]?.id ?? '', value, limit });
      });
    }
    racks.forEach((rack, r) => {
      const inlet = snapshot.rackInletCelsius[r] as number;
      if (inlet > limits.inletCelsius)
        out.push({ kind: 'inlet', entity: rack.id, value: inlet, limit: limits.inletCelsius });
    });
    for (const [id, utilization] of snapshot.linkUtilization) {
      if (utilization > limits.utilization)
        out.push({ kind: 'utilization', entity: id, value: utilization, limit: limits.utilization });
    }
    for (const [id, load] of snapshot.power) {
      if (load.ratio !== undefined && load.ratio > limits.powerLoad)
        out.push({ kind: 'power', entity: id, value: load.ratio, limit: limits.powerLoad });
    }
  }
}

/** A caller's end-to-end tail: its own exact tail alone, or with calls the gamma fit (never below its own). */
function endToEndTail(
  own: { stable: boolean },
  hasCalls: boolean,
  mean: number,
  spread: number,
  ownValue: number,
  q: number,
): number {
  if (!own.stable) return Number.POSITIVE_INFINITY;
  return hasCalls ? Math.max(ownValue, gammaQuantile(mean, spread, q)) : ownValue;
}
