import type { EntityId, Sample } from '../../model/index.js';

/** What a node_exporter series contributes to its host's derived metrics. */
export type NodeRole =
  | { type: 'cpu'; idle: boolean }
  | { type: 'mem-available' }
  | { type: 'mem-total' }
  | { type: 'fs-avail'; volume: EntityId }
  | { type: 'fs-size'; volume: EntityId }
  | { type: 'net-receive'; iface: EntityId; loopback: boolean }
  | { type: 'net-transmit'; iface: EntityId; loopback: boolean }
  | { type: 'temperature' };

/** Pseudo filesystems node_exporter reports that say nothing about disks filling. */
const pseudoFilesystems = new Set([
  'tmpfs',
  'devtmpfs',
  'ramfs',
  'squashfs',
  'nsfs',
  'autofs',
  'rpc_pipefs',
  'overlay',
  'proc',
  'sysfs',
  'cgroup',
  'cgroup2',
]);

export interface NodeSeriesMapping {
  role?: NodeRole;
  /** The sub-entity the series belongs to (a volume or interface), when not the host itself. */
  child?: { id: EntityId; kind: 'volume' | 'interface'; name: string; props: Record<string, string> };
  /** Labels the child entity stands for: left out of the series' name on it. */
  consumed?: readonly string[];
}

/**
 * Maps a node_exporter series onto the host and its filesystems and interfaces. Returns undefined
 * for series that are not node_exporter's (or are pseudo filesystems, kept only as host series).
 */
export function mapNodeExporterSeries(
  name: string,
  labels: Record<string, string>,
  hostId: EntityId,
): NodeSeriesMapping | undefined {
  if (!name.startsWith('node_')) return undefined;
  const hostName = hostId.slice(hostId.indexOf(':') + 1);
  switch (name) {
    case 'node_cpu_seconds_total':
      return { role: { type: 'cpu', idle: labels.mode === 'idle' || labels.mode === 'iowait' } };
    case 'node_memory_MemAvailable_bytes':
      return { role: { type: 'mem-available' } };
    case 'node_memory_MemTotal_bytes':
      return { role: { type: 'mem-total' } };
    case 'node_hwmon_temp_celsius':
      return { role: { type: 'temperature' } };
  }
  if (name.startsWith('node_filesystem_') && labels.mountpoint) {
    if (pseudoFilesystems.has(labels.fstype ?? '')) return {};
    const volume = `volume:${hostName}${labels.mountpoint === '/' ? '/' : labels.mountpoint}`;
    const child = {
      id: volume,
      kind: 'volume' as const,
      name: `${hostName}:${labels.mountpoint}`,
      props: { mountPoint: labels.mountpoint, ...(labels.device ? { device: labels.device } : {}) },
    };
    const consumed = ['mountpoint', 'device', 'fstype'];
    if (name === 'node_filesystem_avail_bytes')
      return { role: { type: 'fs-avail', volume }, child, consumed };
    if (name === 'node_filesystem_size_bytes') return { role: { type: 'fs-size', volume }, child, consumed };
    return { child, consumed };
  }
  if (name.startsWith('node_network_') && labels.device) {
    const iface = `interface:${hostName}/${labels.device}`;
    const child = {
      id: iface,
      kind: 'interface' as const,
      name: `${hostName}:${labels.device}`,
      props: { device: labels.device },
    };
    const loopback = labels.device === 'lo';
    const consumed = ['device'];
    if (name === 'node_network_receive_bytes_total')
      return { role: { type: 'net-receive', iface, loopback }, child, consumed };
    if (name === 'node_network_transmit_bytes_total')
      return { role: { type: 'net-transmit', iface, loopback }, child, consumed };
    return { child, consumed };
  }
  return {};
}

/** The series store reads a derived group needs: latest value and counter rate. */
export interface SeriesReader {
  latest(series: number): { ts: number; value: number } | undefined;
  latestRate(series: number): number | undefined;
}

interface Pair {
  a?: number;
  b?: number;
}

/**
 * One host's node_exporter series and the metrics derived from them: CPU utilisation from
 * per-mode CPU seconds (1 − idle rate / total rate), memory in use, fullness per filesystem (the
 * host's disk_used_ratio is its fullest), traffic per interface (the host's is the sum without
 * loopback) and the hottest hwmon temperature. Recomputed once per batch that touched the host.
 */
export class NodeExporterHost {
  readonly #cpu = new Map<number, boolean>();
  readonly #memory: Pair = {};
  readonly #volumes = new Map<EntityId, Pair>();
  readonly #interfaces = new Map<EntityId, Pair & { loopback: boolean }>();
  readonly #temperatures = new Set<number>();

  constructor(readonly hostId: EntityId) {}

  add(series: number, role: NodeRole): void {
    switch (role.type) {
      case 'cpu':
        this.#cpu.set(series, role.idle);
        return;
      case 'mem-available':
        this.#memory.a = series;
        return;
      case 'mem-total':
        this.#memory.b = series;
        return;
      case 'fs-avail':
        pairOf(this.#volumes, role.volume, {}).a = series;
        return;
      case 'fs-size':
        pairOf(this.#volumes, role.volume, {}).b = series;
        return;
      case 'net-receive':
        pairOf(this.#interfaces, role.iface, { loopback: role.loopback }).a = series;
        return;
      case 'net-transmit':
        pairOf(this.#interfaces, role.iface, { loopback: role.loopback }).b = series;
        return;
      case 'temperature':
        this.#temperatures.add(series);
        return;
    }
  }

  derive(store: SeriesReader, source: string): Sample[] {
    const out: Sample[] = [];
    const emit = (entityId: EntityId, metric: string, value: number, ts: number) => {
      if (Number.isFinite(value) && ts > 0) out.push({ entityId, metric, value, ts, source });
    };
    this.#deriveCpu(store, emit);
    this.#deriveMemory(store, emit);
    this.#deriveVolumes(store, emit);
    this.#deriveInterfaces(store, emit);
    this.#deriveTemperature(store, emit);
    return out;
  }

  #deriveCpu(store: SeriesReader, emit: Emit): void {
    let idle = 0;
    let total = 0;
    let ts = 0;
    for (const [series, isIdle] of this.#cpu) {
      const rate = store.latestRate(series);
      if (rate === undefined) continue;
      total += rate;
      if (isIdle) idle += rate;
      ts = Math.max(ts, store.latest(series)?.ts ?? 0);
    }
    if (total > 0) emit(this.hostId, 'cpu_utilization', clamp01(1 - idle / total), ts);
  }

  #deriveMemory(store: SeriesReader, emit: Emit): void {
    const available = this.#memory.a === undefined ? undefined : store.latest(this.#memory.a);
    const total = this.#memory.b === undefined ? undefined : store.latest(this.#memory.b);
    if (available && total && total.value > 0) {
      emit(
        this.hostId,
        'memory_utilization',
        clamp01(1 - available.value / total.value),
        Math.max(available.ts, total.ts),
      );
    }
  }

  #deriveVolumes(store: SeriesReader, emit: Emit): void {
    let fullest = -1;
    let ts = 0;
    for (const [volume, pair] of this.#volumes) {
      const available = pair.a === undefined ? undefined : store.latest(pair.a);
      const size = pair.b === undefined ? undefined : store.latest(pair.b);
      if (!available || !size || size.value <= 0) continue;
      const at = Math.max(available.ts, size.ts);
      const ratio = clamp01(1 - available.value / size.value);
      emit(volume, 'disk_used_ratio', ratio, at);
      emit(volume, 'used_bytes', size.value - available.value, at);
      emit(volume, 'capacity_bytes', size.value, at);
      if (ratio > fullest) fullest = ratio;
      ts = Math.max(ts, at);
    }
    if (fullest >= 0) emit(this.hostId, 'disk_used_ratio', fullest, ts);
  }

  #deriveInterfaces(store: SeriesReader, emit: Emit): void {
    let receive = 0;
    let transmit = 0;
    let ts = 0;
    for (const [iface, pair] of this.#interfaces) {
      const rx = pair.a === undefined ? undefined : store.latestRate(pair.a);
      const tx = pair.b === undefined ? undefined : store.latestRate(pair.b);
      const at = Math.max(
        pair.a === undefined ? 0 : (store.latest(pair.a)?.ts ?? 0),
        pair.b === undefined ? 0 : (store.latest(pair.b)?.ts ?? 0),
      );
      if (rx !== undefined) emit(iface, 'receive_bits_per_second', rx * 8, at);
      if (tx !== undefined) emit(iface, 'transmit_bits_per_second', tx * 8, at);
      if (pair.loopback) continue;
      receive += rx ?? 0;
      transmit += tx ?? 0;
      ts = Math.max(ts, at);
    }
    if (ts > 0) {
      emit(this.hostId, 'network_receive_bytes_per_second', receive, ts);
      emit(this.hostId, 'network_transmit_bytes_per_second', transmit, ts);
    }
  }

  #deriveTemperature(store: SeriesReader, emit: Emit): void {
    let hottest = Number.NEGATIVE_INFINITY;
    let ts = 0;
    for (const series of this.#temperatures) {
      const latest = store.latest(series);
      if (!latest) continue;
      hottest = Math.max(hottest, latest.value);
      ts = Math.max(ts, latest.ts);
    }
    if (ts > 0) emit(this.hostId, 'cpu_temperature_celsius', hottest, ts);
  }
}

type Emit = (entityId: EntityId, metric: string, value: number, ts: number) => void;

function pairOf<T extends Pair>(map: Map<EntityId, T>, key: EntityId, initial: T): T {
  let pair = map.get(key);
  if (!pair) {
    pair = initial;
    map.set(key, pair);
  }
  return pair;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
