// Prometheus remote_write 1.0 payloads for the ingest benchmark: node_exporter-like series, their
// values round after round, and the snappy-compressed protobuf WriteRequest bodies. Everything here
// runs before the clock starts, so its speed only costs set-up time, never the measured figures.
import snappy from 'snappy';
import { WriteRequestType } from '../../src/ingest/remote-write/write-request.fixture.js';

export type LabelPair = [name: string, value: string];
export type SamplePair = [tsMs: number, value: number];

export interface SeriesWithSamples {
  labels: LabelPair[];
  samples: SamplePair[];
}

export type SeriesKind = 'counter' | 'gauge';

/** One generated series: its labels (sorted by name, `__name__` included) and how its value moves. */
export interface GeneratedSeries {
  labels: LabelPair[];
  kind: SeriesKind;
  /** Value at round 0. */
  base: number;
  /** Counter: increase per second. Gauge: amplitude of its swing around `base`. */
  rate: number;
  /** Gauge only: phase of its swing, so that series do not move in lockstep. */
  phase: number;
}

// The remote_write 1.0 schema as protobufjs reflection types: the bytes come from a reference
// encoder, not from code that shares its assumptions with our own decoder. One definition, shared
// with the decoder's tests.
export { WriteRequestType } from '../../src/ingest/remote-write/write-request.fixture.js';

/** Uncompressed protobuf bytes of a WriteRequest. */
export function encodeWriteRequestProto(series: readonly SeriesWithSamples[]): Uint8Array {
  const message = {
    timeseries: series.map((one) => ({
      labels: one.labels.map(([name, value]) => ({ name, value })),
      samples: one.samples.map(([timestamp, value]) => ({ value, timestamp })),
    })),
  };
  return WriteRequestType.encode(message).finish();
}

/** The HTTP body of a remote_write 1.0 request: the WriteRequest, snappy block-compressed. */
export function encodeWriteRequest(series: readonly SeriesWithSamples[]): Buffer {
  // compressSync is the one-shot block format remote_write requires; the streaming API is framed.
  return snappy.compressSync(encodeWriteRequestProto(series));
}

interface Family {
  name: string;
  kind: SeriesKind;
  base: number;
  rate: number;
}

const CPU_MODES = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];

// Series a node_exporter exposes once per host, whatever the hardware.
const HOST_FAMILIES: Family[] = [
  { name: 'node_load1', kind: 'gauge', base: 1.2, rate: 0.8 },
  { name: 'node_load5', kind: 'gauge', base: 1.1, rate: 0.5 },
  { name: 'node_load15', kind: 'gauge', base: 1.0, rate: 0.3 },
  { name: 'node_memory_MemTotal_bytes', kind: 'gauge', base: 68_719_476_736, rate: 0 },
  { name: 'node_memory_MemFree_bytes', kind: 'gauge', base: 8_000_000_000, rate: 2_000_000_000 },
  { name: 'node_memory_MemAvailable_bytes', kind: 'gauge', base: 30_000_000_000, rate: 4_000_000_000 },
  { name: 'node_memory_Buffers_bytes', kind: 'gauge', base: 900_000_000, rate: 50_000_000 },
  { name: 'node_memory_Cached_bytes', kind: 'gauge', base: 20_000_000_000, rate: 3_000_000_000 },
  { name: 'node_memory_SwapTotal_bytes', kind: 'gauge', base: 0, rate: 0 },
  { name: 'node_memory_SwapFree_bytes', kind: 'gauge', base: 0, rate: 0 },
  { name: 'node_context_switches_total', kind: 'counter', base: 9e9, rate: 12_000 },
  { name: 'node_intr_total', kind: 'counter', base: 5e9, rate: 8_000 },
  { name: 'node_forks_total', kind: 'counter', base: 4e7, rate: 15 },
  { name: 'node_procs_running', kind: 'gauge', base: 3, rate: 2 },
  { name: 'node_procs_blocked', kind: 'gauge', base: 0.5, rate: 0.5 },
  { name: 'node_boot_time_seconds', kind: 'gauge', base: 1_700_000_000, rate: 0 },
  { name: 'node_time_seconds', kind: 'counter', base: 1_700_100_000, rate: 1 },
  { name: 'node_filefd_allocated', kind: 'gauge', base: 4_000, rate: 800 },
  { name: 'node_filefd_maximum', kind: 'gauge', base: 9.223372036854776e18, rate: 0 },
  { name: 'node_entropy_available_bits', kind: 'gauge', base: 256, rate: 0 },
  { name: 'node_sockstat_TCP_inuse', kind: 'gauge', base: 120, rate: 40 },
  { name: 'node_sockstat_sockets_used', kind: 'gauge', base: 600, rate: 60 },
  { name: 'node_netstat_Tcp_ActiveOpens', kind: 'counter', base: 2e6, rate: 3 },
  { name: 'node_netstat_Tcp_PassiveOpens', kind: 'counter', base: 3e6, rate: 5 },
  { name: 'node_netstat_Tcp_RetransSegs', kind: 'counter', base: 5e4, rate: 0.2 },
  { name: 'node_vmstat_pgfault', kind: 'counter', base: 8e9, rate: 20_000 },
  { name: 'node_vmstat_pgmajfault', kind: 'counter', base: 3e5, rate: 0.1 },
  { name: 'node_timex_offset_seconds', kind: 'gauge', base: 0, rate: 0.0001 },
  { name: 'node_timex_sync_status', kind: 'gauge', base: 1, rate: 0 },
  { name: 'up', kind: 'gauge', base: 1, rate: 0 },
  { name: 'scrape_duration_seconds', kind: 'gauge', base: 0.03, rate: 0.01 },
  { name: 'scrape_samples_scraped', kind: 'gauge', base: 800, rate: 0 },
];

const DISK_FAMILIES: Family[] = [
  { name: 'node_disk_read_bytes_total', kind: 'counter', base: 4e11, rate: 2e6 },
  { name: 'node_disk_written_bytes_total', kind: 'counter', base: 9e11, rate: 6e6 },
  { name: 'node_disk_reads_completed_total', kind: 'counter', base: 2e7, rate: 80 },
  { name: 'node_disk_writes_completed_total', kind: 'counter', base: 6e7, rate: 300 },
  { name: 'node_disk_io_time_seconds_total', kind: 'counter', base: 9e4, rate: 0.05 },
  { name: 'node_disk_io_now', kind: 'gauge', base: 1, rate: 1 },
];

const NETWORK_FAMILIES: Family[] = [
  { name: 'node_network_receive_bytes_total', kind: 'counter', base: 3e12, rate: 4e7 },
  { name: 'node_network_transmit_bytes_total', kind: 'counter', base: 2e12, rate: 3e7 },
  { name: 'node_network_receive_packets_total', kind: 'counter', base: 4e9, rate: 3e4 },
  { name: 'node_network_transmit_packets_total', kind: 'counter', base: 3e9, rate: 2.5e4 },
  { name: 'node_network_receive_errs_total', kind: 'counter', base: 10, rate: 0.001 },
  { name: 'node_network_receive_drop_total', kind: 'counter', base: 200, rate: 0.01 },
  { name: 'node_network_up', kind: 'gauge', base: 1, rate: 0 },
];

const FILESYSTEM_FAMILIES: Family[] = [
  { name: 'node_filesystem_size_bytes', kind: 'gauge', base: 1e12, rate: 0 },
  { name: 'node_filesystem_avail_bytes', kind: 'gauge', base: 4e11, rate: 1e9 },
  { name: 'node_filesystem_free_bytes', kind: 'gauge', base: 4.5e11, rate: 1e9 },
  { name: 'node_filesystem_files_free', kind: 'gauge', base: 6e7, rate: 1e4 },
  { name: 'node_filesystem_readonly', kind: 'gauge', base: 0, rate: 0 },
];

const MOUNTS: Array<[mountpoint: string, fstype: string]> = [
  ['/', 'ext4'],
  ['/boot', 'ext4'],
  ['/var', 'xfs'],
  ['/var/lib/docker', 'overlay'],
  ['/run', 'tmpfs'],
  ['/home', 'xfs'],
];

/**
 * Series as Prometheus would forward them after scraping `hosts` node_exporters: every host has the
 * same, realistic mix (host-wide gauges and counters first, then per CPU, disk, NIC and
 * filesystem, growing with the hardware until `seriesPerHost` is reached). Labels are sorted by
 * name, as remote_write requires. Deterministic: the same arguments give the same series.
 */
export function nodeExporterSeries(hosts: number, seriesPerHost: number): GeneratedSeries[] {
  const out: GeneratedSeries[] = [];
  for (let host = 0; host < hosts; host++) {
    const instance = `host-${String(host).padStart(4, '0')}:9100`;
    let produced = 0;
    for (const [name, extra, family] of hostSeriesTemplate()) {
      if (produced === seriesPerHost) break;
      const seed = hash(`${instance}|${name}|${extra.map((pair) => pair.join('=')).join(',')}`);
      out.push({
        labels: sortLabels([['__name__', name], ['instance', instance], ['job', 'node'], ...extra]),
        kind: family.kind,
        base: family.base * (0.5 + unit(seed)),
        rate: family.rate * (0.5 + unit(seed >>> 3)),
        phase: unit(seed >>> 7) * 2 * Math.PI,
      });
      produced++;
    }
  }
  return out;
}

/** The series' value at `round` (rounds `stepSeconds` apart): counters only grow, gauges swing. */
export function seriesValue(series: GeneratedSeries, round: number, stepSeconds = 15): number {
  const seconds = round * stepSeconds;
  if (series.kind === 'counter') return series.base + series.rate * seconds;
  if (series.rate === 0) return series.base;
  return Math.max(0, series.base + series.rate * Math.sin(series.phase + seconds / 300));
}

export interface BuildBodiesOptions {
  series: readonly GeneratedSeries[];
  rounds: number;
  /** Series per request; each carries one sample per round. */
  samplesPerRequest: number;
  /** Timestamp of round 0. */
  startMs: number;
  stepMs?: number;
  /** Called after each built round, for progress lines. */
  onRound?: (round: number) => void;
}

export interface BuiltBodies {
  bodies: Buffer[];
  samplesPerBody: number[];
  totalSamples: number;
  /** Sum of the body sizes (compressed). */
  bytes: number;
  /** Timestamp of the last round, so a caller can check it is not in the receiver's future. */
  lastMs: number;
}

/**
 * Pre-builds the request bodies of `rounds` successive scrapes of `series`, in the order a sender
 * would send them: round by round, each round split into requests of `samplesPerRequest` series.
 */
export function buildWriteBodies(options: BuildBodiesOptions): BuiltBodies {
  const stepMs = options.stepMs ?? 15_000;
  const { series, samplesPerRequest } = options;
  const bodies: Buffer[] = [];
  const samplesPerBody: number[] = [];
  let bytes = 0;
  // Label messages are built once per series, not once per round: they never change, and this
  // halves the build time of a few hundred rounds.
  const labelMessages = series.map((one) => one.labels.map(([name, value]) => ({ name, value })));
  for (let round = 0; round < options.rounds; round++) {
    const ts = options.startMs + round * stepMs;
    for (let start = 0; start < series.length; start += samplesPerRequest) {
      const timeseries = [];
      for (let i = start; i < Math.min(series.length, start + samplesPerRequest); i++) {
        const value = seriesValue(series[i] as GeneratedSeries, round, stepMs / 1000);
        timeseries.push({ labels: labelMessages[i], samples: [{ value, timestamp: ts }] });
      }
      const body = snappy.compressSync(WriteRequestType.encode({ timeseries }).finish());
      bodies.push(body);
      samplesPerBody.push(timeseries.length);
      bytes += body.length;
    }
    options.onRound?.(round);
  }
  return {
    bodies,
    samplesPerBody,
    totalSamples: samplesPerBody.reduce((sum, count) => sum + count, 0),
    bytes,
    lastMs: options.startMs + (options.rounds - 1) * stepMs,
  };
}

/** Sorted by label name: remote_write receivers may rely on it and Prometheus always sends it so. */
export function sortLabels(labels: LabelPair[]): LabelPair[] {
  return labels.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// An endless per-host sequence, so any `seriesPerHost` can be met: host-wide families once, then
// "hardware units" k = 0, 1, 2, … each adding a CPU and, less often, a disk, a NIC, a filesystem.
function* hostSeriesTemplate(): Generator<[string, LabelPair[], Family]> {
  for (const family of HOST_FAMILIES) yield [family.name, [], family];
  for (let k = 0; ; k++) {
    for (const mode of CPU_MODES) {
      yield [
        'node_cpu_seconds_total',
        [
          ['cpu', String(k)],
          ['mode', mode],
        ],
        { name: 'node_cpu_seconds_total', kind: 'counter', base: 1e6, rate: mode === 'idle' ? 0.7 : 0.04 },
      ];
    }
    if (k % 4 === 0) {
      const disk = k / 4;
      const device =
        disk === 0 ? 'nvme0n1' : `sd${String.fromCharCode(97 + ((disk - 1) % 26))}${disk > 26 ? disk : ''}`;
      for (const family of DISK_FAMILIES) yield [family.name, [['device', device]], family];
    }
    if (k % 8 === 0) {
      const device = k === 0 ? 'eth0' : `ens${k / 8}`;
      for (const family of NETWORK_FAMILIES) yield [family.name, [['device', device]], family];
    }
    if (k % 8 === 4) {
      const index = (k - 4) / 8;
      const [mount, fstype] = MOUNTS[index % MOUNTS.length] as [string, string];
      const mountpoint = index < MOUNTS.length ? mount : `/data${index}`;
      const device = fstype === 'tmpfs' || fstype === 'overlay' ? fstype : `/dev/sdb${index + 1}`;
      for (const family of FILESYSTEM_FAMILIES) {
        yield [
          family.name,
          [
            ['device', device],
            ['fstype', fstype],
            ['mountpoint', mountpoint],
          ],
          family,
        ];
      }
    }
  }
}

// FNV-1a: cheap and stable, so the generated estate is the same on every run.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function unit(seed: number): number {
  return (seed % 10_007) / 10_007;
}
