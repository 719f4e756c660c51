// Remote_write ingest throughput: the same pre-built node_exporter-like payloads, sent by the same
// client, to VictoriaMetrics and to Prometheus (as a remote_write receiver), each fresh, each with a
// first round that creates every series (its rate reported apart), a warm-up and a measured run; then each is queried to prove the samples really arrived. With
// --infratwin-url and --token, infratwin's receiver is measured the same way and compared.
// Usage: npm run bench -- ingest [--seconds 20] [--warmup 3] [--hosts 200] [--series-per-host 500]
//   [--samples-per-request 2000] [--connections 4] [--max-rate 2000000] [--only vm,prometheus]
//   [--infratwin-url http://127.0.0.1:PORT --token TOKEN]
// The client and the peer share this machine's cores: the figures are for both on one box.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, stopProcess } from '../test/integration/cli-process.js';
import {
  type Peer,
  peerAvailable,
  peerBinaries,
  startPrometheus,
  startVictoriaMetrics,
} from '../test/peers/peers.js';
import { argValue, round } from './bench-utils.js';
import {
  type FreshnessFigures,
  measureFreshness,
  measureOverload,
  type OverloadFigures,
} from './remote-write/ingest-phases.js';
import { type RemoteWriteLoadResult, runRemoteWriteLoad } from './remote-write/remote-write-load.js';
import {
  type BuiltBodies,
  buildWriteBodies,
  nodeExporterSeries,
} from './remote-write/remote-write-payload.js';

const seconds = Number(argValue('--seconds') ?? 20);
const warmupSeconds = Number(argValue('--warmup') ?? 3);
const hosts = Number(argValue('--hosts') ?? 200);
const seriesPerHost = Number(argValue('--series-per-host') ?? 500);
const samplesPerRequest = Number(argValue('--samples-per-request') ?? 2_000);
const connections = Number(argValue('--connections') ?? 4);
// Bodies are pre-built for the fastest receiver expected; past this rate the run ends early
// (flagged `exhausted`) but its rate stays right.
const maxRate = Number(argValue('--max-rate') ?? 1_200_000);
const only = argValue('--only')?.split(',');
const infratwinUrl = argValue('--infratwin-url');
const infratwinToken = argValue('--token');
const stepMs = 15_000;
// Declared before the top-level awaits below use processCpuSeconds (a later `let` would still be
// in its temporal dead zone then).
let clockTicks: number | undefined;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface TargetFigures {
  samplesPerSecond: number;
  load: Omit<RemoteWriteLoadResult, 'errorSamples' | 'statuses'> & { statuses: Record<string, number> };
  warmup: { samplesAccepted: number; samplesPerSecond: number };
  /** The first round: every series sent once, each new to the receiver (series creation). */
  firstRound: { samplesAccepted: number; samplesPerSecond: number };
  errorSamples: string[];
  /** CPU of the receiver and of this client during the measured run, in cores (out of `cores`). */
  receiverCpuCores: number | null;
  clientCpuCores: number;
  verification: Verification | null;
}

interface Verification {
  query: string;
  expectedSeries: number;
  storedSeries: number;
  expectedSamples: number;
  storedSamples: number;
  ok: boolean;
}

// Anything else running skews a 2-core comparison: say so up front, and record it in the figures.
const loadAtStart = loadavg().map((value) => round(value, 2));
if ((loadAtStart[0] ?? 0) > 0.5)
  log(`!!! load average ${loadAtStart.join(' ')}: other work is running, figures will be low`);

// ---- payloads, built before any clock starts --------------------------------------------------
const series = nodeExporterSeries(hosts, seriesPerHost);
const bodiesPerRound = Math.ceil(series.length / samplesPerRequest);
const rounds = Number(
  argValue('--rounds') ??
    Math.ceil(
      ((warmupSeconds + seconds + (!only || only.includes('infratwin') ? 25 : 0)) * maxRate) / series.length,
    ) + 2,
);
// The last round lands a minute before now, so no receiver sees samples from its future, and the
// whole span stays inside Prometheus's 1 h out-of-bounds window behind its newest sample.
const startMs = Math.floor((Date.now() - rounds * stepMs - 60_000) / 1000) * 1000;
log(
  `building ${rounds} rounds × ${bodiesPerRound} requests (${series.length} series from ${hosts} hosts, ${samplesPerRequest} samples per request)…`,
);
const buildStarted = performance.now();
const built = buildWriteBodies({
  series,
  rounds,
  samplesPerRequest,
  startMs,
  stepMs,
  onRound: (index) => {
    if ((index + 1) % 50 === 0) log(`  ${index + 1}/${rounds} rounds`);
  },
});
log(
  `built ${built.bodies.length} bodies, ${round(built.bytes / 1e6)} MB snappy (${round(built.bytes / built.bodies.length / 1e3, 1)} kB each), in ${round((performance.now() - buildStarted) / 1000, 1)} s`,
);

let freshness: FreshnessFigures | undefined;
let overload: OverloadFigures | undefined;

// ---- the runs --------------------------------------------------------------------------------
const results: Record<string, TargetFigures | { skipped: string }> = {};

if (!only || only.includes('vm')) {
  results.victoriaMetrics = await measurePeer(
    'VictoriaMetrics',
    'victoria-metrics',
    () => startVictoriaMetrics(),
    {
      writePath: '/api/v1/write',
      // VictoriaMetrics buffers incoming rows for a second or two before they are searchable.
      beforeQuery: (peer) => fetch(`${peer.url}/internal/force_flush`).then((response) => response.text()),
    },
  );
}
if (!only || only.includes('prometheus')) {
  results.prometheus = await measurePeer(
    'Prometheus',
    'prometheus',
    () => startPrometheus({ enableRemoteWriteReceiver: true }),
    { writePath: '/api/v1/write' },
  );
}
if (infratwinUrl && infratwinToken) {
  results.infratwin = await measureInfratwin(infratwinUrl, infratwinToken, built);
} else if (!only || only.includes('infratwin')) {
  results.infratwin = await measureFreshInfratwin(built);
}

// ---- summary ---------------------------------------------------------------------------------
const rate = (name: string): number | null => {
  const entry = results[name];
  return entry && 'samplesPerSecond' in entry ? entry.samplesPerSecond : null;
};
const ratio = (a: number | null, b: number | null) => (a !== null && b ? round(a / b, 3) : null);
log('');
log(
  `ingest, ${series.length} series, ${samplesPerRequest} samples/request, ${connections} connections, ${seconds} s`,
);
for (const [name, entry] of Object.entries(results)) {
  if ('skipped' in entry) {
    log(`  ${name.padEnd(16)} skipped: ${entry.skipped}`);
    continue;
  }
  const verified = entry.verification
    ? `${entry.verification.ok ? 'verified' : 'NOT VERIFIED'}: ${entry.verification.storedSeries} series, ${entry.verification.storedSamples}/${entry.verification.expectedSamples} samples stored`
    : 'not verified';
  log(
    `  ${name.padEnd(16)} ${(entry.samplesPerSecond / 1e6).toFixed(3)} M samples/s (first round, new series: ${(entry.firstRound.samplesPerSecond / 1e6).toFixed(3)} M)  p50 ${entry.load.p50Ms} ms  p99 ${entry.load.p99Ms} ms  receiver ${entry.receiverCpuCores ?? '?'} cores, client ${entry.clientCpuCores} cores  ${verified}`,
  );
}
log(`  (client and receiver share ${cpus().length} cores)`);

const figures = {
  benchmark: 'ingest',
  series: series.length,
  hosts,
  seriesPerHost,
  samplesPerRequest,
  connections,
  seconds,
  warmupSeconds,
  cores: cpus().length,
  sharedCores: true,
  loadAverageAtStart: loadAtStart,
  loadAverageAtEnd: loadavg().map((value) => round(value, 2)),
  bodies: built.bodies.length,
  bodyKbMean: round(built.bytes / built.bodies.length / 1e3, 1),
  victoriaMetricsSamplesPerSecond: rate('victoriaMetrics'),
  prometheusSamplesPerSecond: rate('prometheus'),
  infratwinSamplesPerSecond: rate('infratwin'),
  infratwinVsVictoriaMetrics: ratio(rate('infratwin'), rate('victoriaMetrics')),
  infratwinVsPrometheus: ratio(rate('infratwin'), rate('prometheus')),
  firstRoundSamplesPerSecond: Object.fromEntries(
    Object.entries(results).flatMap(([name, entry]) =>
      'firstRound' in entry ? [[name, entry.firstRound.samplesPerSecond]] : [],
    ),
  ),
  freshnessP99Ms: freshness?.p99Ms ?? null,
  freshness: freshness ?? null,
  overload: overload ?? null,
  allVerified: Object.values(results).every(
    (entry) => !('verification' in entry) || entry.verification?.ok !== false,
  ),
  results,
};
console.log(JSON.stringify(figures));

// ---- helpers ---------------------------------------------------------------------------------

/**
 * Measures infratwin's remote_write receiver (`POST /api/v1/write`, `Authorization: Bearer`) on a
 * server the caller started; then asks its ingest status what it accepted.
 */
async function measureInfratwin(
  url: string,
  token: string,
  payloads: BuiltBodies,
  pid?: number,
): Promise<TargetFigures> {
  const writeUrl = new URL('/api/v1/write', url).toString();
  log(`infratwin at ${writeUrl}`);
  const figures = await measureRuns(writeUrl, payloads, { authorization: `Bearer ${token}` }, pid);
  figures.verification = await verifyInfratwin(url, token, figures);
  const v = figures.verification;
  log(
    `infratwin: ${v.ok ? 'verified' : 'MISMATCH'}: ${v.storedSeries}/${v.expectedSeries} series, ${v.storedSamples}/${v.expectedSamples} samples`,
  );
  const maxRate = figures.samplesPerSecond;
  log(`  freshness at half the maximum (${round(maxRate / 2 / 1e3)} k samples/s)…`);
  freshness = await measureFreshness({
    url: url,
    token,
    payloads,
    startIndex: figures.load.nextIndex,
    rate: maxRate / 2,
    seconds: 12,
  });
  log(
    `  freshness p50 ${freshness.p50Ms} ms, p99 ${freshness.p99Ms} ms over ${freshness.probes} probes (probe answers ${JSON.stringify(freshness.probeStatuses)})`,
  );
  log(`  overload at twice the maximum (${round((maxRate * 2) / 1e3)} k samples/s offered)…`);
  overload = await measureOverload({
    url: url,
    token,
    pid,
    payloads,
    startIndex: freshness.nextIndex,
    maxRate,
    seconds: 15,
  });
  log(
    `  overload: accepted ${round(overload.acceptedSamplesPerSecond / 1e3)} k/s, statuses ${JSON.stringify(overload.statuses)}, RSS ${overload.rssBeforeMb} → peak ${overload.peakRssMb} MB; recovery ${JSON.stringify(overload.recovery.statuses)} ${overload.recovered ? 'ok' : 'NOT RECOVERED'}`,
  );
  return figures;
}

/** A fresh `infratwin serve` in its own process on a new database (journal on, as by default). */
async function measureFreshInfratwin(payloads: BuiltBodies): Promise<TargetFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'infratwin-bench-'));
  const token = `itw_bench_${Date.now()}`;
  const server = await startServerProcess(['serve', '--db', join(dir, 'bench.db')], {
    INFRATWIN_ADMIN_TOKEN: token,
    NODE_OPTIONS: '--max-old-space-size=8192',
  });
  log(`infratwin started on ${server.url} (pid ${server.child.pid})`);
  // What the server says on stderr (warnings and errors), shown when a phase goes wrong.
  let serverLog = '';
  server.child.stderr?.on('data', (chunk: Buffer) => {
    serverLog = (serverLog + chunk.toString()).slice(-20_000);
  });
  try {
    const figures = await measureInfratwin(server.url, token, payloads, server.child.pid);
    if (serverLog.trim() !== '') log(`infratwin's log (tail):\n${serverLog.slice(-4_000)}`);
    return figures;
  } finally {
    await stopProcess(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** infratwin's own count of series and of accepted samples, against what the client sent. */
async function verifyInfratwin(url: string, token: string, figures: TargetFigures): Promise<Verification> {
  const response = await fetch(new URL('/api/ingest/status', url), {
    headers: { authorization: `Bearer ${token}` },
  });
  const status = (await response.json()) as { series: number; samples: { accepted: number } };
  const expectedSamples =
    figures.firstRound.samplesAccepted + figures.warmup.samplesAccepted + figures.load.samplesAccepted;
  const expectedSeries = Math.min(series.length, figures.load.nextIndex * samplesPerRequest);
  return {
    query: 'GET /api/ingest/status: series, samples.accepted',
    expectedSeries,
    storedSeries: status.series,
    expectedSamples,
    storedSamples: status.samples.accepted,
    ok: status.series === expectedSeries && status.samples.accepted === expectedSamples,
  };
}

async function measurePeer(
  label: string,
  name: 'victoria-metrics' | 'prometheus',
  start: () => Promise<Peer>,
  how: { writePath: string; beforeQuery?: (peer: Peer) => Promise<unknown> },
): Promise<TargetFigures | { skipped: string }> {
  if (!peerAvailable(peerBinaries[name])) {
    log(`!!! ${label}: ${peerBinaries[name]} is not installed; skipped (see shared/PEERS.md)`);
    return { skipped: `${peerBinaries[name]} not installed` };
  }
  const peer = await start();
  log(`${label} started on ${peer.url} (pid ${peer.pid})`);
  try {
    const figures = await measureRuns(`${peer.url}${how.writePath}`, built, {}, peer.pid);
    await how.beforeQuery?.(peer);
    figures.verification = await verify(peer.url, figures);
    const v = figures.verification;
    log(
      `${label}: ${v.ok ? 'verified' : 'MISMATCH'}: ${v.storedSeries}/${v.expectedSeries} series, ${v.storedSamples}/${v.expectedSamples} samples`,
    );
    return figures;
  } catch (error) {
    log(`${label} failed: ${(error as Error).message}\n${peer.logs().slice(-4_000)}`);
    throw error;
  } finally {
    await peer.stop();
  }
}

async function measureRuns(
  writeUrl: string,
  payloads: BuiltBodies,
  headers: Record<string, string>,
  receiverPid: number | undefined,
): Promise<TargetFigures> {
  const common = {
    url: writeUrl,
    bodies: payloads.bodies,
    samplesPerBody: payloads.samplesPerBody,
    connections,
    headers,
  };
  // Every series once first, new to the receiver: creating a series costs each receiver far more
  // than appending to it, and a time-boxed warm-up alone would leave a slow creator still
  // creating inside the measured run. Its rate is reported on its own.
  log(`  first round: ${series.length} new series…`);
  const firstRound = await runRemoteWriteLoad({ ...common, totalRequests: bodiesPerRound });
  log(
    `  first round: ${round(firstRound.samplesPerSecond / 1e3)} k samples/s, statuses ${JSON.stringify(firstRound.statuses)}`,
  );
  log(`  warm-up ${warmupSeconds} s…`);
  const warmup = await runRemoteWriteLoad({
    ...common,
    startIndex: firstRound.nextIndex,
    durationMs: warmupSeconds * 1000,
  });
  log(
    `  warm-up: ${round(warmup.samplesPerSecond / 1e3)} k samples/s, statuses ${JSON.stringify(warmup.statuses)}`,
  );
  log(`  measuring ${seconds} s…`);
  const cpuBefore = receiverPid === undefined ? undefined : processCpuSeconds(receiverPid);
  const clientBefore = process.cpuUsage();
  const progress = setInterval(() => log('  …'), 5_000);
  const load = await runRemoteWriteLoad({
    ...common,
    startIndex: warmup.nextIndex,
    durationMs: seconds * 1000,
  });
  clearInterval(progress);
  const client = process.cpuUsage(clientBefore);
  const cpuAfter = receiverPid === undefined ? undefined : processCpuSeconds(receiverPid);
  const wallSeconds = load.elapsedMs / 1000;
  log(
    `  ${round(load.samplesPerSecond / 1e3)} k samples/s, ${load.requests} requests, statuses ${JSON.stringify(load.statuses)}, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms${load.exhausted ? ' (bodies EXHAUSTED: raise --max-rate)' : ''}`,
  );
  for (const sample of [...firstRound.errorSamples, ...warmup.errorSamples, ...load.errorSamples].slice(0, 3))
    log(`  error answer: ${sample}`);
  const { errorSamples, ...rest } = load;
  return {
    samplesPerSecond: load.samplesPerSecond,
    load: rest,
    warmup: { samplesAccepted: warmup.samplesAccepted, samplesPerSecond: warmup.samplesPerSecond },
    firstRound: {
      samplesAccepted: firstRound.samplesAccepted,
      samplesPerSecond: firstRound.samplesPerSecond,
    },
    errorSamples: [...firstRound.errorSamples, ...warmup.errorSamples, ...errorSamples].slice(0, 5),
    receiverCpuCores:
      cpuBefore !== undefined && cpuAfter !== undefined
        ? round((cpuAfter - cpuBefore) / wallSeconds, 2)
        : null,
    clientCpuCores: round((client.user + client.system) / 1e6 / wallSeconds, 2),
    verification: null,
  };
}

/**
 * Asks the peer what it stored: distinct series at the last round sent, and the total of samples
 * over the whole span (`count_over_time`), to compare with what the client saw acknowledged.
 */
async function verify(baseUrl: string, figures: TargetFigures): Promise<Verification> {
  const sentBodies = figures.load.nextIndex;
  const lastRound = Math.floor((sentBodies - 1) / bodiesPerRound);
  const lastTs = startMs + lastRound * stepMs;
  const expectedSamples =
    figures.firstRound.samplesAccepted + figures.warmup.samplesAccepted + figures.load.samplesAccepted;
  const expectedSeries = Math.min(series.length, sentBodies * samplesPerRequest);
  const at = (lastTs + 1_000) / 1000;
  const spanSeconds = Math.ceil((lastTs - startMs) / 1000) + 60;
  const seriesQuery = 'count({__name__=~".+"})';
  const storedSeries = await instantQuery(baseUrl, seriesQuery, at);
  // One count_over_time per metric name: it drops `__name__`, and Prometheus refuses a vector in
  // which two metrics then share a label set, so one query over all names fails there.
  const names = await labelValues(baseUrl, '__name__');
  let storedSamples = 0;
  for (const name of names) {
    storedSamples += await instantQuery(
      baseUrl,
      `sum(count_over_time({__name__="${name}"}[${spanSeconds}s]))`,
      at,
    );
  }
  const samplesQuery = `sum(count_over_time({__name__="<each of ${names.length} names>"}[${spanSeconds}s]))`;
  return {
    query: `${seriesQuery}; ${samplesQuery}`,
    expectedSeries,
    storedSeries,
    expectedSamples,
    storedSamples,
    ok: storedSeries === expectedSeries && storedSamples === expectedSamples,
  };
}

async function instantQuery(baseUrl: string, query: string, timeSeconds: number): Promise<number> {
  const url = `${baseUrl}/api/v1/query?query=${encodeURIComponent(query)}&time=${timeSeconds}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result?: Array<{ value: [number, string] }> };
  };
  if (body.status !== 'success') throw new Error(`query ${query} failed: ${body.error ?? response.status}`);
  return Number(body.data?.result?.[0]?.value[1] ?? 0);
}

async function labelValues(baseUrl: string, label: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/v1/label/${label}/values`, {
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await response.json()) as { status: string; data?: string[] };
  if (body.status !== 'success') throw new Error(`label values of ${label} failed: ${response.status}`);
  return body.data ?? [];
}

/** utime + stime of a process, from /proc (Linux); undefined elsewhere. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}
