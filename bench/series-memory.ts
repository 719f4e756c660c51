// Memory and speed of the series hot buffer (SeriesStore): node_exporter-like series, 1 h of 15-s
// samples each, appended the way remote_write delivers them (for each timestamp, every series).
// Goal: ≤ 512 bytes per active series holding 1 h of 15-s samples, all overhead included.
// Usage: npm run bench -- series-memory [--series 100000] [--samples 240] [--page-bytes 96]
//        [--seed 1] [--jitter-ms 0]
import { DEFAULT_PAGE_BYTES, SeriesStore } from '../src/model/series/index.js';
import { argValue, mulberry32, round } from './bench-utils.js';

const seriesCount = Number(argValue('--series') ?? 100_000);
const samplesPerSeries = Number(argValue('--samples') ?? 240);
const pageBytes = Number(argValue('--page-bytes') ?? DEFAULT_PAGE_BYTES);
const seed = Number(argValue('--seed') ?? 1);
/** Scrape-time jitter; 0 by default as Prometheus snaps timestamps within 2 ms to the interval. */
const jitterMs = Number(argValue('--jitter-ms') ?? 0);
const intervalMs = 15_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

const random = mulberry32(seed);
const logUniform = (low: number, high: number) => low * (high / low) ** random();

/**
 * Generator state per series: `level` is the integer the exporter reads (cpu ticks, bytes, kB,
 * tenths of a degree …), `rate` a per-series scale. The mix follows what one node_exporter
 * exposes: counters 60 % (cpu seconds from USER_HZ ticks, so 2 decimals; byte and packet
 * counters with irregular increments; error/drop/steal counters that rarely move; disk io
 * seconds with 3 decimals), gauges 40 % (meminfo kB × 1024, filesystem blocks × 4096,
 * temperatures with 1 decimal, load averages with 2, and constant ones: sizes, info, boot time).
 */
const level = new Float64Array(seriesCount);
const rate = new Float64Array(seriesCount);
const profileOf = new Uint8Array(seriesCount);

interface Profile {
  name: string;
  counter: boolean;
  weight: number;
  init(series: number): void;
  next(series: number): number;
}

const irregular = () => 0.2 + 1.6 * random();
const profiles: Profile[] = [
  counter(
    'cpu-seconds-busy',
    14,
    () => logUniform(0.002, 0.5),
    5e7,
    (s) => Math.round(1500 * rate[s]! * irregular()),
    100,
  ),
  counter(
    'cpu-seconds-idle',
    6,
    () => logUniform(0.01, 0.6),
    5e8,
    (s) => Math.round(1500 * (1 - rate[s]! * random())),
    100,
  ),
  counter(
    'bytes-total',
    12,
    () => logUniform(1e3, 1e8),
    1e12,
    (s) => Math.round(rate[s]! * irregular()),
    1,
  ),
  counter(
    'packets-total',
    12,
    () => logUniform(1, 5e3),
    1e9,
    (s) => Math.round(rate[s]! * irregular()),
    1,
  ),
  counter(
    'rarely-moving-total',
    12,
    () => 0,
    1e3,
    () => (random() < 0.03 ? 1 + Math.floor(random() * 5) : 0),
    1,
  ),
  counter(
    'io-time-seconds',
    4,
    () => logUniform(0.001, 0.5),
    1e9,
    (s) => Math.round(15_000 * rate[s]! * random()),
    1000,
  ),
  gauge(
    'memory-bytes',
    14,
    () => logUniform(4, 4e4),
    () => Math.round(logUniform(1e4, 3e7)),
    (s) => {
      if (random() < 0.6) level[s] = Math.max(0, level[s]! + Math.round((random() - 0.5) * rate[s]!));
      return level[s]! * 1024;
    },
  ),
  gauge(
    'filesystem-bytes',
    6,
    () => logUniform(1, 2000),
    () => Math.round(logUniform(1e5, 1e9)),
    (s) => {
      if (random() < 0.3) level[s] = Math.max(0, level[s]! + Math.round((random() - 0.55) * rate[s]!));
      return level[s]! * 4096;
    },
  ),
  gauge(
    'temperature-celsius',
    6,
    () => 0,
    () => 300 + Math.floor(random() * 400),
    (s) => {
      if (random() < 0.5)
        level[s] = Math.min(900, Math.max(250, level[s]! + Math.round((random() - 0.5) * 10)));
      return level[s]! / 10;
    },
  ),
  gauge(
    'load-average',
    4,
    () => logUniform(0.1, 16),
    () => 0,
    (s) => {
      level[s] = 0.92 * level[s]! + 0.08 * rate[s]! * irregular();
      return Math.round(level[s]! * 100) / 100;
    },
  ),
  gauge(
    'constant',
    10,
    () => Math.round(logUniform(1, 1e12)),
    () => 0,
    (s) => rate[s]!,
  ),
];

function counter(
  name: string,
  weight: number,
  scale: () => number,
  start: number,
  increase: (series: number) => number,
  divisor: number,
): Profile {
  return {
    name,
    counter: true,
    weight,
    init: (s) => {
      rate[s] = scale();
      level[s] = Math.floor(random() * start);
    },
    next: (s) => {
      // A reboot now and then: the counter restarts from 0.
      level[s] = random() < 1e-4 ? 0 : level[s]! + increase(s);
      return level[s]! / divisor;
    },
  };
}

function gauge(
  name: string,
  weight: number,
  scale: () => number,
  start: () => number,
  next: (series: number) => number,
): Profile {
  return {
    name,
    counter: false,
    weight,
    init: (s) => {
      rate[s] = scale();
      level[s] = start();
    },
    next,
  };
}

const totalWeight = profiles.reduce((sum, profile) => sum + profile.weight, 0);
for (let s = 0; s < seriesCount; s++) {
  let pick = random() * totalWeight;
  let index = 0;
  while (pick >= profiles[index]!.weight) pick -= profiles[index++]!.weight;
  profileOf[s] = index;
  profiles[index]!.init(s);
}
const tickValues = new Float64Array(seriesCount);
const tickTimestamps = new Float64Array(seriesCount);

const before = memoryInUse();
let buckets = 0;
const store = new SeriesStore({ retentionMs: 3_600_000, pageBytes }, () => {
  buckets++;
});
const ids = new Int32Array(seriesCount);
for (let s = 0; s < seriesCount; s++) ids[s] = store.create(profiles[profileOf[s]!]!.counter);

const t0 = Date.UTC(2025, 0, 1);
let appendMs = 0;
let refused = 0;
for (let i = 0; i < samplesPerSeries; i++) {
  for (let s = 0; s < seriesCount; s++) {
    tickValues[s] = profiles[profileOf[s]!]!.next(s);
    tickTimestamps[s] = t0 + i * intervalMs + (jitterMs > 0 ? Math.round((random() * 2 - 1) * jitterMs) : 0);
  }
  const started = performance.now();
  for (let s = 0; s < seriesCount; s++) {
    if (store.append(ids[s]!, tickTimestamps[s]!, tickValues[s]!) !== 'ok') refused++;
  }
  appendMs += performance.now() - started;
  if ((i + 1) % 60 === 0) log(`appended ${i + 1}/${samplesPerSeries} samples per series`);
}
const after = memoryInUse();
const stats = store.memoryStats();
const appendsPerSec = (seriesCount * samplesPerSeries) / (appendMs / 1000);
const measuredPerSeries = (after - before) / seriesCount;
log(`process memory: ${round(measuredPerSeries, 1)} bytes/series (heapUsed + arrayBuffers, after GC)`);
log(
  `store: ${round(stats.bytesPerSeries, 1)} bytes/series, ${round(stats.bytesPerSample, 3)} bytes/sample ` +
    `(pages ${round(stats.arenaBytesUsed / seriesCount, 1)} + columns ${round(stats.columnBytes / seriesCount, 1)})`,
);
log(`append: ${round(appendsPerSec / 1e6, 2)} M samples/s across ${seriesCount} series`);

const byProfile = profiles.map((profile, index) => {
  let series = 0;
  let arenaBytes = 0;
  let pages = 0;
  for (let s = 0; s < seriesCount; s++) {
    if (profileOf[s] !== index) continue;
    const one = store.seriesStats(ids[s]!);
    series++;
    arenaBytes += one.arenaBytes;
    pages += one.pages;
  }
  const columnShare = stats.columnBytes / seriesCount;
  return {
    profile: profile.name,
    series,
    bytesPerSeries: round(arenaBytes / series + columnShare, 1),
    pagesPerSeries: round(pages / series, 2),
  };
});
for (const entry of byProfile) {
  log(
    `  ${entry.profile.padEnd(22)} ${String(entry.bytesPerSeries).padStart(7)} bytes/series, ${entry.pagesPerSeries} pages`,
  );
}

const decode = timeDecode();
log(`decode: ${round(decode.samplesPerSec / 1e6, 2)} M samples/s (raw query of every series)`);
const single = singleSeriesAppends();
log(`append, one series: ${round(single / 1e6, 2)} M samples/s`);
const shuffled = shuffledAppends();
log(`append, series in random order: ${round(shuffled / 1e6, 2)} M samples/s`);

console.log(
  JSON.stringify({
    benchmark: 'series-memory',
    series: seriesCount,
    samplesPerSeries,
    pageBytes,
    seed,
    jitterMs,
    measuredBytesPerSeries: round(measuredPerSeries, 1),
    storeBytesPerSeries: round(stats.bytesPerSeries, 1),
    storeBytesPerSample: round(stats.bytesPerSample, 3),
    arenaBytesPerSeries: round(stats.arenaBytesUsed / seriesCount, 1),
    columnBytesPerSeries: round(stats.columnBytes / seriesCount, 1),
    goalBytesPerSeries: 512,
    appendsPerSec: Math.round(appendsPerSec),
    appendsPerSecOneSeries: Math.round(single),
    appendsPerSecRandomOrder: Math.round(shuffled),
    goalAppendsPerSec: 5_000_000,
    decodeSamplesPerSec: Math.round(decode.samplesPerSec),
    refused,
    rollupBuckets: buckets,
    byProfile,
  }),
);

function timeDecode(): { samplesPerSec: number } {
  const started = performance.now();
  let samples = 0;
  for (let s = 0; s < seriesCount; s++)
    samples += store.query(ids[s]!, { start: t0, end: t0 + 2 * 3_600_000 }).ts.length;
  return { samplesPerSec: samples / ((performance.now() - started) / 1000) };
}

/** Appends 5 M samples of a 2-decimal counter to one series: the codec's speed without cache misses. */
function singleSeriesAppends(): number {
  const values = new Float64Array(1_000_000);
  let ticks = 1e7;
  for (let i = 0; i < values.length; i++) {
    ticks += Math.round(300 * random());
    values[i] = ticks;
  }
  const one = new SeriesStore({ retentionMs: 3_600_000 });
  const id = one.create(true);
  let ts = t0;
  const started = performance.now();
  for (let pass = 0; pass < 5; pass++) {
    for (let i = 0; i < values.length; i++) {
      one.append(id, ts, (values[i]! + pass * 1e9) / 100);
      ts += intervalMs;
    }
  }
  return (5 * values.length) / ((performance.now() - started) / 1000);
}

/**
 * 40 more samples for every series of the main store, each tick visiting the series in a fresh
 * random order: receivers deliver series in no useful order, so this is the cache-miss case.
 */
function shuffledAppends(): number {
  const order = Int32Array.from({ length: seriesCount }, (_, s) => s);
  let elapsed = 0;
  for (let i = samplesPerSeries; i < samplesPerSeries + 40; i++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      const swap = order[k]!;
      order[k] = order[j]!;
      order[j] = swap;
    }
    for (let s = 0; s < seriesCount; s++) tickValues[s] = profiles[profileOf[s]!]!.next(s);
    const ts = t0 + i * intervalMs;
    const started = performance.now();
    for (let k = 0; k < order.length; k++) {
      const s = order[k]!;
      store.append(ids[s]!, ts, tickValues[s]!);
    }
    elapsed += performance.now() - started;
  }
  return (40 * seriesCount) / (elapsed / 1000);
}

function memoryInUse(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
