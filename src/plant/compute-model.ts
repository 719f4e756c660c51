import { diurnalFactor } from './diurnal-factor.js';
import type { EstateIndex } from './estate-index.js';
import { hash2, hashString, unitFromHash } from './random.js';
import type { ServiceLoadModel } from './service-load-model.js';
import { smoothNoise } from './smooth-noise.js';

const dayMs = 86_400_000;
/** Share of a host's cores the hypervisor or kubelet keeps busy. */
const hostOverhead = 0.02;
/** Share of a host's memory its own OS and hypervisor hold. */
const hostMemoryOverhead = 0.04;
/** The sawtooth of a filesystem: it fills by this much over a cycle, then log rotation clears it. */
const diskCycleRise = 0.15;
const guestKinds = new Set(['vm', 'container', 'cloud-instance']);

/** A fault's contribution at one time, as the fault book reports it. */
export interface GrowthFault {
  readonly startMs: number;
  /** Share of capacity added so far. */
  readonly added: number;
}

export interface ComputeFaults {
  diskFill(entity: number, timeMs: number): GrowthFault | undefined;
  memoryLeak(entity: number, timeMs: number): number;
}

/**
 * CPU, memory, disk and network of hosts, guests and volumes. A replica's CPU is its baseline
 * plus the cores its requests keep busy; a guest no service claims runs a daily workload of
 * its own; a host carries its guests; power is linear in CPU between idle and max.
 */
export class ComputeModel {
  /** Guests deepest first (containers on VMs before those VMs), then nothing else. */
  readonly guests: number[];
  readonly hosts: number[];
  readonly volumes: number[];
  /** By estate index. */
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
  readonly disk: Float64Array;
  readonly receiveBytes: Float64Array;
  readonly transmitBytes: Float64Array;
  readonly power: Float64Array;
  private readonly parent: Int32Array;
  private readonly cores: Float64Array;
  private readonly memoryBytes: Float64Array;
  private readonly keys: Uint32Array;
  private readonly cpuBase: Float64Array;
  private readonly cpuDaily: Float64Array;
  private readonly memoryBase: Float64Array;
  private readonly diskBase: Float64Array;
  private readonly diskCycleDays: Float64Array;
  private readonly diskPhase: Float64Array;
  private readonly networkBase: Float64Array;
  private readonly childBusy: Float64Array;
  private readonly childMemory: Float64Array;
  private readonly childReceive: Float64Array;
  private readonly childTransmit: Float64Array;
  private readonly childCount: Int32Array;

  constructor(
    private readonly estate: EstateIndex,
    seed: number,
  ) {
    const size = estate.size;
    this.parent = new Int32Array(size).fill(-1);
    this.cores = new Float64Array(size);
    this.memoryBytes = new Float64Array(size);
    this.keys = new Uint32Array(size);
    this.cpuBase = new Float64Array(size);
    this.cpuDaily = new Float64Array(size);
    this.memoryBase = new Float64Array(size);
    this.diskBase = new Float64Array(size);
    this.diskCycleDays = new Float64Array(size);
    this.diskPhase = new Float64Array(size);
    this.networkBase = new Float64Array(size);
    this.childCount = new Int32Array(size);
    this.hosts = estate.ofKind('host');
    this.volumes = estate.ofKind('volume');
    const databases = estate.ofKind('database');
    const depth = new Map<number, number>();
    const guests: number[] = [];
    for (let i = 0; i < size; i++) {
      if (guestKinds.has(estate.kinds[i] as string)) {
        guests.push(i);
        const parent = estate.targets(i, 'runs-on')[0];
        if (parent !== undefined) {
          this.parent[i] = parent;
          this.childCount[parent] = (this.childCount[parent] as number) + 1;
        }
        let d = 0;
        for (let at = i; this.parent[at] !== -1 && d < 4; at = this.parent[at] as number) d++;
        depth.set(i, d);
      }
    }
    this.guests = guests.sort((a, b) => (depth.get(b) as number) - (depth.get(a) as number) || a - b);
    for (const i of [...this.guests, ...this.hosts, ...this.volumes, ...databases]) {
      const key = hashString(estate.ids[i] as string, seed);
      this.keys[i] = key;
      const u = (salt: number) => unitFromHash(hash2(key, salt));
      this.cores[i] = Math.max(0.25, estate.numberProp(i, 'cpuCores', 2));
      this.memoryBytes[i] = estate.numberProp(i, 'memoryBytes', 4 * 1024 ** 3);
      this.cpuBase[i] = estate.kinds[i] === 'host' ? 0.03 + 0.07 * u(1) : 0.02 + 0.1 * u(1);
      this.cpuDaily[i] = 0.35 * u(2);
      this.memoryBase[i] = 0.3 + 0.4 * u(3);
      this.diskBase[i] = 0.2 + 0.35 * u(4);
      this.diskCycleDays[i] = 20 + 70 * u(5);
      this.diskPhase[i] = u(6);
      this.networkBase[i] = 5e4 + 2e6 * u(7) ** 2;
    }
    this.cpu = new Float64Array(size);
    this.memory = new Float64Array(size);
    this.disk = new Float64Array(size);
    this.receiveBytes = new Float64Array(size);
    this.transmitBytes = new Float64Array(size);
    this.power = new Float64Array(size).fill(Number.NaN);
    this.childBusy = new Float64Array(size);
    this.childMemory = new Float64Array(size);
    this.childReceive = new Float64Array(size);
    this.childTransmit = new Float64Array(size);
  }

  /** Fullness of an entity's fullest filesystem without faults: a slow sawtooth. */
  baselineDisk(entity: number, timeMs: number): number {
    const cycle = (this.diskCycleDays[entity] as number) * dayMs;
    const position = timeMs / cycle + (this.diskPhase[entity] as number);
    return (this.diskBase[entity] as number) + diskCycleRise * (position - Math.floor(position));
  }

  /** Disk fullness with a fill fault: the sawtooth stops at the fault's start (nothing is cleaned) and the fill adds. */
  diskAt(entity: number, timeMs: number, fill: GrowthFault | undefined): number {
    if (!fill) return this.baselineDisk(entity, timeMs);
    const cycleMs = (this.diskCycleDays[entity] as number) * dayMs;
    const growth = (diskCycleRise * Math.max(0, timeMs - fill.startMs)) / cycleMs;
    return Math.min(1, this.baselineDisk(entity, fill.startMs) + growth + fill.added);
  }

  step(timeMs: number, load: ServiceLoadModel, faults: ComputeFaults): void {
    const daily = diurnalFactor(timeMs);
    this.childBusy.fill(0);
    this.childMemory.fill(0);
    this.childReceive.fill(0);
    this.childTransmit.fill(0);
    for (const guest of this.guests) this.stepGuest(guest, timeMs, daily, load, faults);
    for (const host of this.hosts) this.stepHost(host, timeMs, daily, load, faults);
    for (const volume of this.volumes)
      this.disk[volume] = this.diskAt(volume, timeMs, faults.diskFill(volume, timeMs));
  }

  private stepGuest(
    g: number,
    timeMs: number,
    daily: number,
    load: ServiceLoadModel,
    faults: ComputeFaults,
  ): void {
    const key = this.keys[g] as number;
    const cores = this.cores[g] as number;
    const node = load.replicaOf[g] as number;
    const busy = (load.busyCores[g] as number) + (this.childBusy[g] as number);
    const own =
      node >= 0
        ? (this.cpuBase[g] as number) * 0.5
        : (this.cpuBase[g] as number) + (this.cpuDaily[g] as number) * daily;
    const cpu = round4(clamp(own + busy / cores + 0.01 * smoothNoise(hash2(key, 11), timeMs, 20_000), 0, 1));
    this.cpu[g] = cpu;
    const memoryBytes = this.memoryBytes[g] as number;
    const memory = clamp(
      (this.memoryBase[g] as number) +
        0.1 * cpu +
        (this.childMemory[g] as number) / memoryBytes +
        faults.memoryLeak(g, timeMs) +
        0.005 * smoothNoise(hash2(key, 12), timeMs, 30_000),
      0,
      0.99,
    );
    this.memory[g] = round4(memory);
    this.disk[g] = round4(this.diskAt(g, timeMs, faults.diskFill(g, timeMs)));
    const share = load.replicaShare[g] as number;
    const background = (this.networkBase[g] as number) * (0.3 + 0.7 * daily);
    const receive =
      background +
      (node >= 0 ? (load.receiveBytes[node] as number) * share : 0) +
      (this.childReceive[g] as number);
    const transmit =
      background * 0.6 +
      (node >= 0 ? (load.transmitBytes[node] as number) * share : 0) +
      (this.childTransmit[g] as number);
    this.receiveBytes[g] = Math.round(receive);
    this.transmitBytes[g] = Math.round(transmit);
    const parent = this.parent[g] as number;
    if (parent >= 0) {
      this.childBusy[parent] = (this.childBusy[parent] as number) + cpu * cores;
      this.childMemory[parent] =
        (this.childMemory[parent] as number) + (this.memory[g] as number) * memoryBytes;
      this.childReceive[parent] = (this.childReceive[parent] as number) + receive;
      this.childTransmit[parent] = (this.childTransmit[parent] as number) + transmit;
    }
  }

  private stepHost(
    h: number,
    timeMs: number,
    daily: number,
    load: ServiceLoadModel,
    faults: ComputeFaults,
  ): void {
    const estate = this.estate;
    const key = this.keys[h] as number;
    const cores = this.cores[h] as number;
    const bare = (this.childCount[h] as number) === 0 && (load.replicaOf[h] as number) < 0;
    // A host with neither guests nor services runs a workload of its own.
    const own = bare ? (this.cpuBase[h] as number) + (this.cpuDaily[h] as number) * daily : hostOverhead;
    const busy = own * cores + (this.childBusy[h] as number) + (load.busyCores[h] as number);
    const cpu = round4(clamp(busy / cores + 0.005 * smoothNoise(hash2(key, 11), timeMs, 20_000), 0, 1));
    this.cpu[h] = cpu;
    const idle = estate.numberProp(h, 'idleWatts', 150);
    const max = estate.numberProp(h, 'maxWatts', 450);
    this.power[h] = round1(idle + (max - idle) * cpu);
    const memoryBytes = this.memoryBytes[h] as number;
    const ownMemory = bare ? (this.memoryBase[h] as number) : hostMemoryOverhead;
    this.memory[h] = round4(
      clamp(
        ownMemory +
          (this.childMemory[h] as number) / memoryBytes +
          faults.memoryLeak(h, timeMs) +
          0.002 * smoothNoise(hash2(key, 12), timeMs, 30_000),
        0,
        0.99,
      ),
    );
    this.disk[h] = round4(this.diskAt(h, timeMs, faults.diskFill(h, timeMs)));
    const node = load.replicaOf[h] as number;
    const share = load.replicaShare[h] as number;
    const background = (this.networkBase[h] as number) * 0.2;
    this.receiveBytes[h] = Math.round(
      background +
        (this.childReceive[h] as number) +
        (node >= 0 ? (load.receiveBytes[node] as number) * share : 0),
    );
    this.transmitBytes[h] = Math.round(
      background +
        (this.childTransmit[h] as number) +
        (node >= 0 ? (load.transmitBytes[node] as number) * share : 0),
    );
  }

  /** What a leak of `ratioPerHour` of `entity`'s memory adds to its host's memory_utilization per hour. */
  hostShareOfLeak(entity: number, ratioPerHour: number): { host: number; ratioPerHour: number } | undefined {
    const host = this.estate.hostOf(entity);
    if (host === undefined || host === entity) return undefined;
    return {
      host,
      ratioPerHour:
        (ratioPerHour * (this.memoryBytes[entity] as number)) / (this.memoryBytes[host] as number),
    };
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
