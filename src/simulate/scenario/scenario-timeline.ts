import { computeImpact, type EntityId } from '../../model/index.js';
import { type FirstOrderThermal, temperatureAt, timeToTemperature } from '../facility/index.js';
import { describeGroup, describeViolation } from './chain-messages.js';
import { copyConditions, type EstateConditions } from './estate-conditions.js';
import type { EstateEvaluator, EstateSnapshot, Violation } from './estate-evaluator.js';
import { freeCores, placeReplica } from './replica-placement.js';
import type { FailStep, ScenarioSpec } from './scenario-spec.js';
import { mergeWorst } from './worst-snapshot.js';

/** One link of a cascade: what happened to what, when, and why. */
export interface ChainStep {
  readonly atSeconds: number;
  readonly entity: EntityId;
  readonly event:
    | 'failed'
    | 'power-lost'
    | 'tripped'
    | 'on-battery'
    | 'battery-exhausted'
    | 'throttled'
    | 'shut-down'
    | 'replica-lost'
    | 'failed-over'
    | 'failover-impossible'
    | 'limit-broken';
  /** The entity or step that caused it. */
  readonly cause: string;
  readonly detail: string;
}

export interface TimelineSample {
  readonly atSeconds: number;
  /** Mean external traffic multiplier over entry points. */
  readonly multiplier: number;
  readonly violations: number;
  readonly servicesDown: number;
  readonly hostsDown: number;
  readonly maxInletCelsius: number;
  readonly maxHostUtilization: number;
}

export interface TimelineResult {
  readonly chain: ChainStep[];
  readonly samples: TimelineSample[];
  /** The state at the end of the scenario. */
  readonly final: EstateSnapshot;
  readonly finalConditions: EstateConditions;
  /** The worst value each figure reached over the scenario. */
  readonly worst: EstateSnapshot;
  /** Every limit broken at some time, with the first time. */
  readonly violations: Array<Violation & { atSeconds: number }>;
}

/** Rack air follows its target with this time constant (a first-order RC response). */
export const rackTimeConstantSeconds = 300;
/** Breakers carry an overload this long before they trip. */
const tripSeconds = 30;
const maxEventsPerInstant = 50;
const networkKinds = new Set(['switch', 'router', 'firewall', 'load-balancer', 'link']);

type Pending =
  | { kind: 'fail'; at: number; step: FailStep }
  | {
      kind: 'failover';
      at: number;
      key: string;
      service: number;
      cores: number;
      from: number;
      cause: string;
    };

/**
 * Runs a scenario through time: scheduled failures, breakers tripping, UPS batteries running
 * out, racks warming after a cooling loss (first-order response toward each new steady state),
 * hosts throttling and shutting down at their limits, replicas failing over after a delay, and
 * traffic following its profiles. Each change re-evaluates the estate; every consequence is a
 * link of the chain with its time.
 */
export class ScenarioTimeline {
  readonly chain: ChainStep[] = [];
  readonly samples: TimelineSample[] = [];
  private readonly conditions: EstateConditions;
  private readonly inlet: Float64Array;
  private readonly pending: Pending[] = [];
  private readonly lost = new Set<string>();
  private readonly overloadSince = new Map<EntityId, number>();
  private readonly battery = new Map<EntityId, number>();
  private readonly replicasByHost = new Map<number, number[]>();
  private readonly hostsByRack = new Map<number, number[]>();
  /** Steps of one instant grouped by what, where and why, so a rack of ten hosts is one line. */
  private readonly grouped = new Map<
    string,
    { entity: EntityId; event: ChainStep['event']; cause: string; items: string[] }
  >();
  private inletKnown = false;
  private readonly seenViolations = new Map<string, Violation & { atSeconds: number }>();
  private worst: EstateSnapshot | undefined;
  private now = 0;

  constructor(
    private readonly evaluator: EstateEvaluator,
    private readonly spec: ScenarioSpec,
    start: EstateConditions,
    private readonly multipliersAt: (seconds: number, into: Float64Array) => void,
  ) {
    this.conditions = copyConditions(start);
    this.inlet = new Float64Array(evaluator.model.racks.length).fill(Number.NaN);
    for (const step of spec.steps)
      if (step.kind === 'fail') this.pending.push({ kind: 'fail', at: step.atSeconds, step });
    evaluator.model.hosts.forEach((host, h) => {
      const list = this.hostsByRack.get(host.rack) ?? [];
      list.push(h);
      this.hostsByRack.set(host.rack, list);
    });
    evaluator.model.replicas.forEach((replica, r) => {
      const list = this.replicasByHost.get(replica.host) ?? [];
      list.push(r);
      this.replicasByHost.set(replica.host, list);
    });
  }

  private evaluate(): EstateSnapshot {
    if (this.inletKnown) return this.evaluator.evaluate(this.conditions, this.inlet);
    // The racks start where the estate stood before the scenario changed anything.
    const before = this.evaluator.evaluate(this.conditions);
    this.inlet.set(before.rackInletTargetCelsius);
    this.inletKnown = true;
    return this.evaluator.evaluate(this.conditions, this.inlet);
  }

  run(durationSeconds: number): TimelineResult {
    let snapshot = this.settle();
    for (;;) {
      const next = this.nextEventTime(snapshot, durationSeconds);
      if (next === undefined) break;
      this.advanceThermal(snapshot, next - this.now);
      this.now = next;
      snapshot = this.settle();
    }
    return {
      chain: this.chain,
      samples: this.samples,
      final: snapshot,
      finalConditions: this.conditions,
      worst: this.worst ?? snapshot,
      violations: [...this.seenViolations.values()],
    };
  }

  /** Applies everything due now and re-evaluates until nothing more changes at this instant. */
  private settle(): EstateSnapshot {
    this.multipliersAt(this.now, this.conditions.multipliers);
    let snapshot = this.evaluate();
    for (let round = 0; round < maxEventsPerInstant; round++) {
      const changed = this.applyDue() + this.applyInstantConsequences(snapshot);
      this.flushGrouped();
      if (changed === 0) break;
      snapshot = this.evaluate();
    }
    this.record(snapshot);
    return snapshot;
  }

  private applyDue(): number {
    let changed = 0;
    const due = this.pending.filter((event) => event.at <= this.now + 1e-9);
    for (const event of due) {
      this.pending.splice(this.pending.indexOf(event), 1);
      changed++;
      if (event.kind === 'fail') this.fail(event.step.entity, `step: fail ${event.step.entity}`);
      else this.failover(event);
    }
    return changed;
  }

  private step(entity: EntityId, event: ChainStep['event'], cause: string, detail: string): void {
    this.chain.push({ atSeconds: this.now, entity, event, cause, detail });
  }

  private group(entity: EntityId, event: ChainStep['event'], cause: string, item: string): void {
    const key = `${event}|${entity}|${cause}`;
    const entry = this.grouped.get(key) ?? { entity, event, cause, items: [] };
    entry.items.push(item);
    this.grouped.set(key, entry);
  }

  private flushGrouped(): void {
    for (const { entity, event, cause, items } of this.grouped.values()) {
      this.step(entity, event, cause, describeGroup(event, items, this.evaluator.limits));
    }
    this.grouped.clear();
  }

  /** A failed entity: power and cooling act physically; everything else by the twin's blast radius. */
  private fail(id: EntityId, cause: string): void {
    const { model } = this.evaluator;
    const kind = id.slice(0, id.indexOf(':'));
    this.step(id, 'failed', cause, `${kind} failed`);
    if (kind === 'pdu' || kind === 'ups' || kind === 'power-feed') {
      this.conditions.powerDown.add(id);
      return;
    }
    const unit = model.coolingIndex.get(id);
    if (unit !== undefined) {
      this.conditions.coolingDown[unit] = 1;
      return;
    }
    if (networkKinds.has(kind)) this.conditions.networkDown.add(id);
    const service = model.serviceIndex.get(id);
    if (service !== undefined) {
      for (const r of model.services[service]?.replicas ?? []) this.conditions.replicaDown[r] = 1;
      this.conditions.placed.splice(
        0,
        this.conditions.placed.length,
        ...this.conditions.placed.filter((p) => p.service !== service),
      );
      return;
    }
    const failed = new Set<EntityId>([id]);
    if (model.view.entity(id))
      for (const hit of computeImpact(model.view, [id]).affected)
        if (hit.effect === 'failed') failed.add(hit.id);
    for (const hit of failed) this.takeDown(hit, id);
  }

  private takeDown(id: EntityId, cause: string): void {
    const { model } = this.evaluator;
    const host = model.hostIndex.get(id);
    if (host !== undefined) this.hostDown(host, cause, 'failed');
    const replica = model.replicaIndex.get(id);
    if (replica !== undefined && this.conditions.replicaDown[replica] !== 1) {
      this.conditions.replicaDown[replica] = 1;
      this.loseReplica(
        `replica:${replica}`,
        model.replicas[replica]?.service ?? 0,
        model.replicas[replica]?.cores ?? 1,
        model.replicas[replica]?.host ?? -1,
        id,
        cause,
      );
    }
  }

  private hostDown(host: number, cause: string, why: string): void {
    const { model } = this.evaluator;
    if (this.conditions.hostDown[host] === 1) return;
    this.conditions.hostDown[host] = 1;
    const hostId = model.hosts[host]?.id ?? '';
    if (why === 'thermal') this.group(cause, 'shut-down', cause, hostId);
    else if (why === 'power') {
      const rack = model.racks[model.hosts[host]?.rack ?? -1]?.id ?? hostId;
      this.group(rack, 'power-lost', cause, hostId);
    }
    for (const r of this.replicasByHost.get(host) ?? []) {
      const replica = model.replicas[r];
      if (replica && this.conditions.replicaDown[r] !== 1) {
        this.loseReplica(`replica:${r}`, replica.service, replica.cores, host, replica.id, hostId);
      }
    }
    for (const placed of this.conditions.placed) {
      if (placed.host === host)
        this.loseReplica(placed.id, placed.service, placed.cores, host, placed.id, hostId);
    }
  }

  private loseReplica(
    key: string,
    service: number,
    cores: number,
    from: number,
    id: string,
    cause: string,
  ): void {
    if (this.lost.has(key)) return;
    this.lost.add(key);
    this.group(cause, 'replica-lost', cause, this.evaluator.model.services[service]?.id ?? id);
    this.pending.push({
      kind: 'failover',
      at: this.now + this.spec.failoverSeconds,
      key,
      service,
      cores,
      from,
      cause: id,
    });
  }

  /** The memory and disk of a lost replica, which its replacement takes on its new host. */
  private footprintOf(key: string): { memoryBytes: number; diskBytes: number } {
    const { model } = this.evaluator;
    const replica = key.startsWith('replica:') ? model.replicas[Number(key.slice(8))] : undefined;
    const placed = replica ? undefined : this.conditions.placed.find((entry) => entry.id === key);
    const source = replica ?? placed;
    return { memoryBytes: source?.memoryBytes ?? 0, diskBytes: source?.diskBytes ?? 0 };
  }

  private failover(event: Extract<Pending, { kind: 'failover' }>): void {
    const { model } = this.evaluator;
    const free = freeCores(model, this.conditions);
    const id = `${event.key}@${Math.round(this.now)}`;
    const placed = placeReplica(
      model,
      this.conditions,
      free,
      { service: event.service, cores: event.cores, from: event.from, ...this.footprintOf(event.key) },
      id,
    );
    const service = model.services[event.service]?.id ?? '';
    if (!placed) {
      this.step(
        service,
        'failover-impossible',
        event.cause,
        'no host of the same role and site has the cores',
      );
      return;
    }
    this.conditions.placed.push(placed);
    this.group(service, 'failed-over', event.cause, model.hosts[placed.host]?.id ?? '');
  }

  /** Consequences that follow at once: hosts without power, breakers past their delay, thermal limits. */
  private applyInstantConsequences(snapshot: EstateSnapshot): number {
    let changed = 0;
    const { model } = this.evaluator;
    model.hosts.forEach((host, h) => {
      if (this.conditions.hostDown[h] === 1 || host.supplies.length === 0) return;
      const powered = host.supplies.some((supply) => snapshot.power.get(supply)?.up ?? true);
      if (!powered) {
        this.hostDown(h, host.supplies.join(' + '), 'power');
        changed++;
      }
    });
    for (const [id, load] of snapshot.power) {
      if (!load.up || this.conditions.powerDown.has(id)) continue;
      changed += this.checkBreaker(id, load.ratio);
      changed += this.checkBattery(id, load.onBattery, load.batterySeconds);
    }
    changed += this.checkThermal();
    return changed;
  }

  private checkBreaker(id: EntityId, ratio: number | undefined): number {
    if (ratio === undefined || ratio <= 1) {
      this.overloadSince.delete(id);
      return 0;
    }
    const since = this.overloadSince.get(id);
    if (since === undefined) {
      this.overloadSince.set(id, this.now);
      return 0;
    }
    if (this.now - since < tripSeconds - 1e-9) return 0;
    this.conditions.powerDown.add(id);
    this.step(id, 'tripped', id, `load ${(ratio * 100).toFixed(0)} % of its rating for ${tripSeconds} s`);
    return 1;
  }

  private checkBattery(id: EntityId, onBattery: boolean, seconds: number | undefined): number {
    if (!onBattery) {
      this.battery.delete(id);
      return 0;
    }
    const started = this.battery.get(id);
    if (started === undefined) {
      this.battery.set(id, this.now);
      this.step(
        id,
        'on-battery',
        id,
        seconds === undefined ? 'on battery' : `on battery, ${Math.round(seconds / 60)} min left`,
      );
      return 0;
    }
    if (seconds === undefined || this.now - started < seconds - 1e-9) return 0;
    this.conditions.powerDown.add(id);
    this.step(id, 'battery-exhausted', id, 'battery empty');
    return 1;
  }

  private checkThermal(): number {
    const { model, limits } = this.evaluator;
    let changed = 0;
    model.racks.forEach((rack, r) => {
      const inlet = this.inlet[r] as number;
      if (Number.isNaN(inlet) || inlet < limits.throttleCelsius - 1e-6) return;
      for (const h of this.hostsByRack.get(r) ?? []) {
        const host = model.hosts[h];
        if (!host || this.conditions.hostDown[h] === 1) continue;
        if (inlet >= limits.shutdownCelsius - 1e-6) {
          this.hostDown(h, rack.id, 'thermal');
          changed++;
        } else if (this.conditions.hostSpeed[h] === 1) {
          this.conditions.hostSpeed[h] = limits.throttleFactor;
          this.group(rack.id, 'throttled', rack.id, host.id);
          changed++;
        }
      }
    });
    return changed;
  }

  /** Racks move toward their targets, each a first-order response. */
  private advanceThermal(snapshot: EstateSnapshot, seconds: number): void {
    this.inlet.forEach((current, r) => {
      this.inlet[r] = temperatureAt(rackAir(current, snapshot.rackInletTargetCelsius[r] as number), seconds);
    });
  }

  /** The earliest of: the next sample, a pending event, a breaker's or battery's deadline, a thermal crossing. */
  private nextEventTime(snapshot: EstateSnapshot, duration: number): number | undefined {
    if (this.now >= duration) return undefined;
    const candidates = [
      Math.min(duration, (Math.floor(this.now / this.spec.stepSeconds + 1e-9) + 1) * this.spec.stepSeconds),
    ];
    for (const event of this.pending) candidates.push(event.at);
    for (const since of this.overloadSince.values()) candidates.push(since + tripSeconds);
    for (const [id, started] of this.battery) {
      const seconds = snapshot.power.get(id)?.batterySeconds;
      if (seconds !== undefined) candidates.push(started + seconds);
    }
    const { limits } = this.evaluator;
    this.inlet.forEach((current, r) => {
      const air = rackAir(current, snapshot.rackInletTargetCelsius[r] as number);
      for (const threshold of [limits.inletCelsius, limits.throttleCelsius, limits.shutdownCelsius]) {
        // Crossings upward only: a rack cooling down past a limit changes nothing here.
        if (current >= threshold) continue;
        const crossing = timeToTemperature(air, threshold);
        if (Number.isFinite(crossing)) candidates.push(this.now + Math.max(1, crossing));
      }
    });
    const next = Math.min(...candidates.filter((at) => at > this.now + 1e-9));
    return Number.isFinite(next) && next <= duration + 1e-9
      ? Math.min(next, duration)
      : duration > this.now
        ? duration
        : undefined;
  }

  private record(snapshot: EstateSnapshot): void {
    this.worst = mergeWorst(this.worst, snapshot);
    for (const violation of snapshot.violations) {
      const key = `${violation.kind}|${violation.entity}`;
      if (this.seenViolations.has(key)) continue;
      this.seenViolations.set(key, { ...violation, atSeconds: this.now });
      this.step(violation.entity, 'limit-broken', violation.entity, describeViolation(violation));
    }
    const { model } = this.evaluator;
    let multiplier = 0;
    let entries = 0;
    model.services.forEach((service, s) => {
      if (!service.entryPoint) return;
      multiplier += this.conditions.multipliers[s] as number;
      entries++;
    });
    this.samples.push({
      atSeconds: this.now,
      multiplier: entries > 0 ? multiplier / entries : 1,
      violations: snapshot.violations.length,
      servicesDown: snapshot.serviceStatus.filter((status) => status === 'down').length,
      hostsDown: this.conditions.hostDown.reduce((sum, down) => sum + down, 0),
      maxInletCelsius: this.inlet.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY),
      maxHostUtilization: snapshot.hostUtilization.reduce((max, value) => Math.max(max, value), 0),
    });
  }
}

/**
 * A rack's air as a first-order thermal mass moving from `from` toward `target` with the rack time
 * constant: R = 1 K/W and C = τ, so that T∞ = ambient + P·R is the target.
 */
function rackAir(from: number, target: number): FirstOrderThermal {
  return {
    capacitanceJPerK: rackTimeConstantSeconds,
    resistanceKPerW: 1,
    powerWatts: target,
    ambientC: 0,
    initialC: from,
  };
}
