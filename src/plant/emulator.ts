import type { EntityInput, JsonValue, Operation, RelationInput, Sample } from '../model/index.js';
import { ComputeModel } from './compute-model.js';
import { EstateIndex } from './estate-index.js';
import { FabricModel } from './fabric-model.js';
import { type CheckedFault, FaultBook } from './fault-book.js';
import type { ExpectedEffect, FaultRecord, FaultSpec } from './fault-types.js';
import { PowerModel } from './power-model.js';
import type { PropOverrides } from './prop-overrides.js';
import { hash2, hashString, unitFromHash } from './random.js';
import { ServiceLoadModel } from './service-load-model.js';
import { smoothNoise } from './smooth-noise.js';
import { ThermalModel } from './thermal-model.js';

export interface EmulatorOptions {
  seed: number;
  /** When given, the plant's thermal state settles at this time and the first step integrates from it. */
  startMs?: number;
}

export interface EmulatorOutput {
  samples: Sample[];
  /** Changes the plant makes to its own configuration: a misconfiguration's patch, once. */
  ops: Operation[];
}

export interface Emulator {
  /**
   * Telemetry of the whole estate at `nowMs`. Load, CPU, power, disk, memory, traffic and
   * latency are functions of (seed, estate, faults, time) alone; temperatures integrate over
   * time, so they repeat exactly for the same sequence of step times.
   */
  step(nowMs: number): EmulatorOutput;
  /** Throws InputError for an unknown type or target, a target of the wrong kind, or bad params. */
  injectFault(spec: FaultSpec): FaultRecord;
  listFaults(): FaultRecord[];
  clearFault(id: string): boolean;
}

const source = 'plant';
const hourMs = 3_600_000;
const loadBalancerRequestsPerSecond = 40_000;
const defaultInletCelsius = 22;

/** Builds an emulator of the estate: the same seed, estate, faults and step times give the same output. */
export function createEmulator(
  estate: { entities: readonly EntityInput[]; relations: readonly RelationInput[] },
  options: EmulatorOptions,
): Emulator {
  return new PlantEmulator(new EstateIndex(estate), options);
}

class PlantEmulator implements Emulator {
  private readonly load: ServiceLoadModel;
  private readonly compute: ComputeModel;
  private readonly fabric: FabricModel;
  private readonly thermal: ThermalModel;
  private readonly power: PowerModel;
  private readonly faults: FaultBook;
  private readonly keys: Uint32Array;
  private readonly rackDevices: number[][];
  private readonly rackPower: Float64Array;
  private readonly hostRack: Int32Array;
  private readonly hostBytes: Float64Array;
  private readonly linkExtra: Float64Array;
  private readonly deviceCpu: Float64Array;
  private readonly balancerNodes: Array<Array<[number, number]>>;
  private readonly sensors: Array<{ sensor: number; rack: number; room: number }>;
  private readonly databaseVolume = new Map<number, number>();
  private readonly rooms: number[];
  private settled = false;

  constructor(
    private readonly estate: EstateIndex,
    private readonly options: EmulatorOptions,
  ) {
    const seed = options.seed;
    this.load = new ServiceLoadModel(estate, seed);
    this.compute = new ComputeModel(estate, seed);
    this.fabric = new FabricModel(estate, this.load, seed);
    this.thermal = new ThermalModel(estate);
    this.power = new PowerModel(estate);
    this.faults = new FaultBook(estate);
    this.keys = Uint32Array.from(estate.ids, (id) => hashString(id, seed));
    this.rackDevices = this.thermal.racks.map((rack) => estate.targets(rack, 'contains'));
    this.rackPower = new Float64Array(this.thermal.racks.length);
    this.hostRack = new Int32Array(estate.size).fill(-1);
    for (const host of this.compute.hosts) {
      const rack = estate.parentOfKind(host, ['rack']);
      if (rack !== undefined) this.hostRack[host] = this.thermal.rackSlotOf(rack) ?? -1;
    }
    this.hostBytes = new Float64Array(estate.size);
    this.linkExtra = new Float64Array(this.fabric.links.length);
    this.deviceCpu = new Float64Array(this.fabric.devices.length);
    this.balancerNodes = this.fabric.devices.map((device) =>
      estate.sources(device, 'depends-on').flatMap((dependent): Array<[number, number]> => {
        const node = this.load.nodeIndex(dependent);
        if (node === undefined) return [];
        const balancers = estate
          .targets(dependent, 'depends-on')
          .filter((target) => estate.kinds[target] === 'load-balancer');
        return [[node, 1 / Math.max(1, balancers.length)]];
      }),
    );
    this.sensors = estate.ofKind('sensor').map((sensor) => {
      const rack = estate.parentOfKind(sensor, ['rack']);
      const room = estate.parentOfKind(sensor, ['room']);
      return {
        sensor,
        rack: rack === undefined ? -1 : (this.thermal.rackSlotOf(rack) ?? -1),
        room: room === undefined ? -1 : this.thermal.rooms.findIndex((entry) => entry.entity === room),
      };
    });
    for (const database of estate.ofKind('database')) {
      const volume = estate
        .targets(database, 'stored-on')
        .find((target) => estate.kinds[target] === 'volume');
      if (volume !== undefined) this.databaseVolume.set(database, volume);
    }
    this.rooms = this.thermal.rooms.map((room) => room.entity);
  }

  step(nowMs: number): EmulatorOutput {
    if (!Number.isFinite(nowMs)) throw new RangeError(`step time must be a finite number, got ${nowMs}`);
    if (!this.settled && this.options.startMs !== undefined && this.options.startMs < nowMs) {
      this.advance(this.options.startMs);
    }
    this.settled = true;
    const ops = this.faults.takeOperations(nowMs);
    this.advance(nowMs);
    return { samples: this.samples(nowMs), ops };
  }

  injectFault(spec: FaultSpec): FaultRecord {
    const checked = this.faults.check(spec);
    return this.faults.add(checked, this.groundTruth(checked));
  }

  listFaults(): FaultRecord[] {
    return this.faults.list();
  }

  clearFault(id: string): boolean {
    return this.faults.clear(id);
  }

  /** Loads, power and thermal state at `timeMs`. */
  private advance(timeMs: number): void {
    const overrides = this.computeLoads(timeMs, undefined);
    const units = this.thermal.units;
    this.thermal.step(
      timeMs,
      this.rackPower,
      this.compute.power,
      (slot) => this.faults.coolingFailed(units[slot] as number, timeMs),
      overrides,
    );
    units.forEach((unit, slot) => {
      this.compute.power[unit] = round(this.thermal.unitPower[slot] as number, 1);
    });
    this.power.step(this.compute.power);
  }

  /** Everything that is a pure function of time: load, compute, traffic, device and rack power. */
  private computeLoads(timeMs: number, extra: PropOverrides | undefined): PropOverrides {
    const overrides = merge(this.faults.overrides(timeMs), extra);
    this.load.step(timeMs, overrides);
    this.compute.step(timeMs, this.load, this.faults);
    for (const host of this.compute.hosts) {
      this.hostBytes[host] =
        (this.compute.receiveBytes[host] as number) + (this.compute.transmitBytes[host] as number);
    }
    this.linkExtra.fill(0);
    for (const link of this.faults.congestedLinks()) {
      const slot = this.fabric.slotOf(link);
      if (slot !== undefined) this.linkExtra[slot] = this.faults.linkExtraBits(link, timeMs);
    }
    this.fabric.step(timeMs, this.load, this.hostBytes, this.linkExtra);
    this.fabric.devices.forEach((device, d) => {
      let load = this.fabric.portLoad[d] as number;
      const served = this.balancerNodes[d] as Array<[number, number]>;
      if (served.length > 0) {
        let requests = 0;
        for (const [node, share] of served) requests += (this.load.external[node] as number) * share;
        load = Math.max(load, Math.min(1, requests / loadBalancerRequestsPerSecond));
      }
      const key = this.keys[device] as number;
      const base = 0.05 + 0.1 * unitFromHash(hash2(key, 21));
      this.deviceCpu[d] = round(
        clamp(base + 0.4 * load + 0.01 * smoothNoise(hash2(key, 22), timeMs, 20_000), 0, 1),
        4,
      );
      const idle = this.estate.numberProp(device, 'idleWatts', 150);
      const max = this.estate.numberProp(device, 'maxWatts', 300);
      this.compute.power[device] = round(idle + (max - idle) * load, 1);
    });
    this.rackDevices.forEach((devices, slot) => {
      let watts = 0;
      for (const device of devices) {
        const part = this.compute.power[device] as number;
        if (!Number.isNaN(part)) watts += part;
      }
      this.rackPower[slot] = round(watts, 1);
    });
    return overrides;
  }

  private samples(timeMs: number): Sample[] {
    const samples: Sample[] = [];
    const ids = this.estate.ids;
    const emit = (entity: number, metric: string, value: number) => {
      samples.push({ entityId: ids[entity] as string, metric, value, ts: timeMs, source });
    };
    const noise = (entity: number, salt: number, bucketMs: number) =>
      smoothNoise(hash2(this.keys[entity] as number, salt), timeMs, bucketMs);
    const compute = this.compute;
    const thermal = this.thermal;
    const inletOf = (rackSlot: number) =>
      rackSlot >= 0 ? (thermal.rackInlet[rackSlot] as number) : defaultInletCelsius;

    for (const host of compute.hosts) {
      this.emitCompute(host, emit);
      emit(host, 'power_watts', compute.power[host] as number);
      const cpu = compute.cpu[host] as number;
      const temperature =
        inletOf(this.hostRack[host] as number) +
        12 +
        40 * cpu +
        this.faults.fanHeat(host, timeMs) +
        0.3 * noise(host, 31, 15_000);
      emit(host, 'cpu_temperature_celsius', round(temperature, 2));
    }
    for (const guest of compute.guests) this.emitCompute(guest, emit);
    this.load.nodes.forEach((node, n) => {
      emit(node.entity, 'request_rate_per_second', round(this.load.rate[n] as number, 3));
      emit(node.entity, 'latency_p99_seconds', round(this.load.latencyP99[n] as number, 6));
      if (this.estate.kinds[node.entity] === 'database') {
        const volume = this.databaseVolume.get(node.entity);
        const disk =
          volume !== undefined
            ? (compute.disk[volume] as number)
            : compute.diskAt(node.entity, timeMs, undefined);
        emit(node.entity, 'disk_used_ratio', round(disk, 4));
      } else {
        emit(node.entity, 'error_ratio', round(this.load.errorRatio[n] as number, 6));
      }
    });
    for (const volume of compute.volumes) {
      const ratio = round(compute.disk[volume] as number, 4);
      emit(volume, 'disk_used_ratio', ratio);
      emit(volume, 'used_bytes', Math.round(ratio * this.estate.numberProp(volume, 'capacityBytes', 0)));
    }
    this.fabric.devices.forEach((device, d) => {
      emit(device, 'cpu_utilization', this.deviceCpu[d] as number);
      emit(device, 'power_watts', compute.power[device] as number);
    });
    this.fabric.links.forEach((link, slot) => {
      emit(link, 'traffic_bits_per_second', Math.round(this.fabric.trafficBits[slot] as number));
      emit(link, 'utilization_ratio', round(this.fabric.utilization[slot] as number, 4));
    });
    thermal.racks.forEach((rack, slot) => {
      emit(
        rack,
        'inlet_temperature_celsius',
        round((thermal.rackInlet[slot] as number) + 0.05 * noise(rack, 41, 30_000), 2),
      );
      emit(rack, 'power_watts', this.rackPower[slot] as number);
    });
    this.rooms.forEach((room, r) => {
      emit(
        room,
        'temperature_celsius',
        round((thermal.roomTemperature[r] as number) + 0.05 * noise(room, 42, 30_000), 2),
      );
    });
    for (const { sensor, rack, room } of this.sensors) {
      const base =
        rack >= 0
          ? inletOf(rack)
          : room >= 0
            ? (thermal.roomTemperature[room] as number)
            : defaultInletCelsius;
      const temperature = base + 0.15 * noise(sensor, 43, 15_000);
      emit(sensor, 'temperature_celsius', round(temperature, 2));
      // Warmer air at the same moisture reads drier.
      const humidity = 0.45 + 0.05 * noise(sensor, 44, 600_000) - 0.01 * (base - defaultInletCelsius);
      emit(sensor, 'humidity_ratio', round(clamp(humidity, 0.05, 0.95), 3));
    }
    thermal.units.forEach((unit, slot) => {
      emit(
        unit,
        'supply_temperature_celsius',
        round((thermal.unitSupply[slot] as number) + 0.05 * noise(unit, 45, 30_000), 2),
      );
      emit(
        unit,
        'return_temperature_celsius',
        round((thermal.unitReturn[slot] as number) + 0.05 * noise(unit, 46, 30_000), 2),
      );
      emit(unit, 'cooling_watts', round(thermal.unitCooling[slot] as number, 1));
      emit(unit, 'fan_speed_ratio', round(thermal.unitFan[slot] as number, 4));
      emit(unit, 'power_watts', compute.power[unit] as number);
    });
    this.power.sources.forEach((entity, slot) => {
      const watts = round(this.power.output[slot] as number, 1);
      emit(entity, 'power_watts', watts);
      const rated = this.power.rated[slot] as number;
      if (rated > 0) emit(entity, 'load_ratio', round(watts / rated, 4));
      if (this.estate.kinds[entity] === 'ups') {
        emit(
          entity,
          'battery_charge_ratio',
          round(0.97 + 0.03 * unitFromHash(hash2(this.keys[entity] as number, 47)), 3),
        );
      }
    });
    return samples;
  }

  private emitCompute(entity: number, emit: (entity: number, metric: string, value: number) => void): void {
    const compute = this.compute;
    emit(entity, 'cpu_utilization', compute.cpu[entity] as number);
    emit(entity, 'memory_utilization', compute.memory[entity] as number);
    emit(entity, 'disk_used_ratio', compute.disk[entity] as number);
    emit(entity, 'network_receive_bytes_per_second', compute.receiveBytes[entity] as number);
    emit(entity, 'network_transmit_bytes_per_second', compute.transmitBytes[entity] as number);
  }

  /**
   * What the fault will do, from the same model that produces the telemetry: the plant's loads
   * at the fault's start are computed with and without it and compared. Leaves no state behind
   * (the next step recomputes every load).
   */
  private groundTruth(fault: CheckedFault): ExpectedEffect[] {
    const { spec, entity, params } = fault;
    const id = spec.target;
    const start = spec.startMs;
    const end = spec.durationMs === undefined ? Number.POSITIVE_INFINITY : start + spec.durationMs;
    const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
    switch (spec.type) {
      case 'fan-failure':
        return [
          {
            entityId: id,
            metric: 'cpu_temperature_celsius',
            change: 'rises',
            by: 45,
            threshold: 75,
            expected: 'rises by about 45 °C within 5 minutes, above 75 °C',
          },
        ];
      case 'disk-fill': {
        const rate = params.ratioPerHour as number;
        const level = this.compute.diskAt(entity, start, undefined);
        const effects: ExpectedEffect[] = [];
        const atMs = level < 0.95 ? start + ((0.95 - level) / rate) * hourMs : start;
        const reaches = atMs <= end;
        const fill: ExpectedEffect = {
          entityId: id,
          metric: 'disk_used_ratio',
          change: 'rises',
          expected: `rises by ${rate} per hour from ${round(level, 3)}${reaches ? `, past 0.95 after ${minutes(atMs - start)}` : ''}`,
        };
        if (reaches) Object.assign(fill, { threshold: 0.95, atMs: Math.round(atMs) });
        effects.push(fill);
        for (const database of this.estate.sources(entity, 'stored-on')) {
          if (this.estate.kinds[database] !== 'database') continue;
          effects.push({ ...fill, entityId: this.estate.ids[database] as string });
        }
        return effects;
      }
      case 'memory-leak': {
        const rate = params.ratioPerHour as number;
        this.computeLoads(start, undefined);
        const level = this.compute.memory[entity] as number;
        const atMs = level < 0.9 ? start + ((0.9 - level) / rate) * hourMs : start;
        const leak: ExpectedEffect = {
          entityId: id,
          metric: 'memory_utilization',
          change: 'rises',
          expected: `climbs by ${rate} per hour from ${round(level, 3)}`,
        };
        if (atMs <= end) Object.assign(leak, { threshold: 0.9, atMs: Math.round(atMs) });
        const effects = [leak];
        const host = this.compute.hostShareOfLeak(entity, rate);
        if (host) {
          effects.push({
            entityId: this.estate.ids[host.host] as string,
            metric: 'memory_utilization',
            change: 'rises',
            expected: `climbs by about ${round(host.ratioPerHour, 4)} per hour (its guest leaks)`,
          });
        }
        return effects;
      }
      case 'link-congestion': {
        this.computeLoads(start, undefined);
        const slot = this.fabric.slotOf(entity) as number;
        const capacity = this.fabric.capacity[slot] as number;
        const after = Math.min(
          1,
          ((this.fabric.trafficBits[slot] as number) + (params.extraBitsPerSecond as number)) / capacity,
        );
        const effect: ExpectedEffect = {
          entityId: id,
          metric: 'utilization_ratio',
          change: 'rises',
          by: round(after - (this.fabric.utilization[slot] as number), 4),
          expected: `rises to about ${round(after, 3)}`,
        };
        if (after >= 0.7) effect.threshold = after >= 0.9 ? 0.9 : 0.7;
        return [
          effect,
          {
            entityId: id,
            metric: 'traffic_bits_per_second',
            change: 'rises',
            expected: `rises by up to ${params.extraBitsPerSecond} bit/s (capped at the line rate)`,
          },
        ];
      }
      case 'cooling-failure':
        return this.coolingTruth(fault, (slot) => slot === this.thermal.unitSlotOf(entity), undefined);
      case 'misconfiguration':
        return this.misconfigurationTruth(fault);
    }
  }

  private misconfigurationTruth(fault: CheckedFault): ExpectedEffect[] {
    const { spec, entity, params, kind } = fault;
    const prop = params.prop as string;
    const value = params.value as number;
    const previous = this.estate.prop(entity, prop);
    const patched: ExpectedEffect = {
      entityId: spec.target,
      prop,
      change: 'set',
      expected: `set to ${value} (was ${previous === undefined ? 'unset' : JSON.stringify(previous)}) by one patch-entity operation`,
    };
    const extra = new Map<number, Record<string, JsonValue>>([[entity, { [prop]: value }]]);
    if (kind === 'cooling-unit') return [patched, ...this.coolingTruth(fault, () => false, extra)];
    return [patched, ...this.serviceTruth(spec.startMs, extra)];
  }

  /** Inlet and unit changes in the room, steady state, when `failed` units stop or `extra` props apply. */
  private coolingTruth(
    fault: CheckedFault,
    failedExtra: (slot: number) => boolean,
    extra: PropOverrides | undefined,
  ): ExpectedEffect[] {
    const start = fault.spec.startMs;
    const overrides = this.computeLoads(start, undefined);
    const after = merge(overrides, extra);
    const thermal = this.thermal;
    const target = thermal.unitSlotOf(fault.entity) as number;
    const room = thermal.unitRoom[target] as number;
    if (room < 0) return [];
    const units = thermal.units;
    const failedNow = (slot: number) => this.faults.coolingFailed(units[slot] as number, start);
    const failedAfter = (slot: number) => failedNow(slot) || failedExtra(slot);
    const before = thermal.condition(
      room,
      this.rackPower,
      this.compute.power,
      failedNow,
      overrides,
      undefined,
    );
    const then = thermal.condition(room, this.rackPower, this.compute.power, failedAfter, after, undefined);
    const effects: ExpectedEffect[] = [];
    const stops = failedAfter(target) && !failedNow(target);
    const roomUnits = thermal.rooms[room]?.units ?? [];
    if (stops) {
      const id = this.estate.ids[units[target] as number] as string;
      effects.push(
        { entityId: id, metric: 'fan_speed_ratio', change: 'falls', threshold: 0.05, expected: 'falls to 0' },
        { entityId: id, metric: 'cooling_watts', change: 'falls', expected: 'falls to 0' },
      );
      for (const other of roomUnits) {
        if (other === target || failedNow(other)) continue;
        const otherId = this.estate.ids[units[other] as number] as string;
        effects.push({
          entityId: otherId,
          metric: 'cooling_watts',
          change: 'rises',
          expected: 'rises as it takes over the stopped unit’s heat',
        });
      }
    } else {
      const k = roomUnits.indexOf(target);
      const rise = (then.supply[k] as number) - (before.supply[k] as number);
      if (Math.abs(rise) >= 0.05) {
        effects.push({
          entityId: this.estate.ids[units[target] as number] as string,
          metric: 'supply_temperature_celsius',
          change: rise > 0 ? 'rises' : 'falls',
          by: round(Math.abs(rise), 2),
          expected: `${rise > 0 ? 'rises' : 'falls'} by about ${round(Math.abs(rise), 1)} °C`,
        });
      }
    }
    const racks = thermal.rooms[room]?.racks ?? [];
    let total = 0;
    racks.forEach((rack, i) => {
      const rise = (then.inletTargets[i] as number) - (before.inletTargets[i] as number);
      total += rise;
      if (rise < 0.05) return;
      const level = then.inletTargets[i] as number;
      const effect: ExpectedEffect = {
        entityId: this.estate.ids[thermal.racks[rack] as number] as string,
        metric: 'inlet_temperature_celsius',
        change: 'rises',
        by: round(rise, 2),
        expected: `rises by about ${round(rise, 1)} °C to about ${round(level, 1)} °C within 10 minutes`,
      };
      if (level >= 27 && (before.inletTargets[i] as number) < 27) effect.threshold = 27;
      effects.push(effect);
      for (const { sensor, rack: sensorRack } of this.sensors) {
        if (sensorRack !== rack) continue;
        effects.push({
          ...effect,
          entityId: this.estate.ids[sensor] as string,
          metric: 'temperature_celsius',
        });
      }
    });
    const mean = racks.length > 0 ? total / racks.length : 0;
    if (mean >= 0.05) {
      effects.push({
        entityId: this.estate.ids[thermal.rooms[room]?.entity as number] as string,
        metric: 'temperature_celsius',
        change: 'rises',
        by: round(mean, 2),
        expected: `rises by about ${round(mean, 1)} °C on average`,
      });
    }
    return effects;
  }

  /** Service metrics that move when `extra` props apply, from the load model run both ways. */
  private serviceTruth(start: number, extra: PropOverrides): ExpectedEffect[] {
    this.computeLoads(start, undefined);
    const rate = this.load.rate.slice();
    const latency = this.load.latencyP99.slice();
    const errors = this.load.errorRatio.slice();
    const cpu = this.compute.cpu.slice();
    this.computeLoads(start, extra);
    const effects: ExpectedEffect[] = [];
    this.load.nodes.forEach((node, n) => {
      const id = this.estate.ids[node.entity] as string;
      const errorAfter = this.load.errorRatio[n] as number;
      if (errorAfter - (errors[n] as number) >= 0.01) {
        const effect: ExpectedEffect = {
          entityId: id,
          metric: 'error_ratio',
          change: 'rises',
          by: round(errorAfter - (errors[n] as number), 4),
          expected: `rises to about ${round(errorAfter, 3)}`,
        };
        if (errorAfter >= 0.05) effect.threshold = 0.05;
        effects.push(effect);
      }
      const latencyAfter = this.load.latencyP99[n] as number;
      if (latencyAfter > (latency[n] as number) * 1.2 && latencyAfter - (latency[n] as number) > 0.005) {
        effects.push({
          entityId: id,
          metric: 'latency_p99_seconds',
          change: 'rises',
          by: round(latencyAfter - (latency[n] as number), 4),
          expected: `rises to about ${round(latencyAfter, 3)} s`,
        });
      }
      const rateAfter = this.load.rate[n] as number;
      if (rateAfter < (rate[n] as number) * 0.9) {
        effects.push({
          entityId: id,
          metric: 'request_rate_per_second',
          change: 'falls',
          expected: `falls to about ${round(rateAfter, 1)} req/s (its callers stop calling)`,
        });
      }
      for (const replica of node.replicas) {
        const change = (this.compute.cpu[replica] as number) - (cpu[replica] as number);
        if (Math.abs(change) < 0.02) continue;
        effects.push({
          entityId: this.estate.ids[replica] as string,
          metric: 'cpu_utilization',
          change: change > 0 ? 'rises' : 'falls',
          by: round(Math.abs(change), 3),
          expected: `${change > 0 ? 'rises' : 'falls'} by about ${round(Math.abs(change), 2)}`,
        });
      }
    });
    return effects;
  }
}

function merge(base: PropOverrides, extra: PropOverrides | undefined): PropOverrides {
  if (!extra || extra.size === 0) return base;
  const merged = new Map(base);
  for (const [entity, props] of extra) merged.set(entity, { ...(merged.get(entity) ?? {}), ...props });
  return merged;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
