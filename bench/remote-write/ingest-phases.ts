// The infratwin-only phases of the ingest benchmark: freshness (sample → WebSocket event) at half
// the maximum throughput, and overload at twice it (503 + Retry-After, bounded memory, recovery).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import WebSocket from 'ws';
import { round } from '../bench-utils.js';
import { runRemoteWriteLoad } from './remote-write-load.js';
import { type BuiltBodies, encodeWriteRequest } from './remote-write-payload.js';

export interface FreshnessFigures {
  offeredSamplesPerSecond: number;
  acceptedSamplesPerSecond: number;
  probes: number;
  /** Answers to the probe requests: a refused probe (503) makes no event. */
  probeStatuses: Record<number, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  nextIndex: number;
}

const probeEntity = 'host:bench-probe';

/**
 * Paced load at `rate` while a probe series is written every 100 ms; the probe's value is its
 * sequence number, so the WebSocket event that carries it tells when that sample became live.
 * Measured from the client's send to the client's receipt: an upper bound of arrival → event.
 */
export async function measureFreshness(options: {
  url: string;
  token: string;
  payloads: BuiltBodies;
  startIndex: number;
  rate: number;
  seconds: number;
}): Promise<FreshnessFigures> {
  const { url, token } = options;
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/live`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      entityId?: string;
      metrics?: Record<string, { value: number }>;
    };
    const value = message.metrics?.bench_probe?.value;
    if (message.type !== 'state' || message.entityId !== probeEntity || value === undefined) return;
    const sent = sentAt.get(value);
    if (sent !== undefined && value >= 5) latencies.push(performance.now() - sent);
    sentAt.delete(value);
  });
  socket.send(JSON.stringify({ type: 'subscribe', ids: [probeEntity] }));
  const load = runRemoteWriteLoad({
    url: `${url}/api/v1/write`,
    bodies: options.payloads.bodies,
    samplesPerBody: options.payloads.samplesPerBody,
    connections: 8,
    startIndex: options.startIndex,
    durationMs: options.seconds * 1000,
    samplesPerSecondTarget: options.rate,
    headers: { authorization: `Bearer ${token}` },
  });
  let probe = 0;
  const probeStatuses: Record<number, number> = {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const deadline = performance.now() + options.seconds * 1000;
  while (performance.now() < deadline) {
    const body = encodeWriteRequest([
      {
        labels: [
          ['__name__', 'bench_probe'],
          ['infratwin_entity', probeEntity],
          ['job', 'bench'],
        ],
        samples: [[Date.now(), probe]],
      },
    ]);
    sentAt.set(probe, performance.now());
    const status = await postProbe(`${url}/api/v1/write`, token, body, agent);
    probeStatuses[status] = (probeStatuses[status] ?? 0) + 1;
    probe++;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const result = await load;
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 500));
  socket.close();
  if (latencies.length === 0) {
    // Say why no probe came back: is the probe's entity there, what state does it hold, what did
    // the receiver count (rejected, quarantined), and what did discovery last create?
    for (const path of [
      `/api/entities/${encodeURIComponent(probeEntity)}`,
      '/api/ingest/status',
      '/api/ingest/quarantine',
      '/api/changes?limit=3',
    ]) {
      const answer = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      console.error(`no probe event; GET ${path}: ${answer.status} ${(await answer.text()).slice(0, 600)}`);
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN, 1);
  return {
    offeredSamplesPerSecond: round(options.rate),
    acceptedSamplesPerSecond: result.samplesPerSecond,
    probes: latencies.length,
    probeStatuses,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: round(latencies[latencies.length - 1] ?? Number.NaN, 1),
    nextIndex: result.nextIndex,
  };
}

export interface OverloadFigures {
  offeredSamplesPerSecond: number;
  acceptedSamplesPerSecond: number;
  statuses: Record<string, number>;
  retried: number;
  peakRssMb: number;
  rssBeforeMb: number;
  recovery: { samplesPerSecond: number; statuses: Record<string, number>; p99Ms: number };
  recovered: boolean;
  nextIndex: number;
}

/** Twice the maximum, open loop over many connections, then half the maximum again. */
export async function measureOverload(options: {
  url: string;
  token: string;
  /** The receiver's process, for its memory; unknown when it runs elsewhere. */
  pid: number | undefined;
  payloads: BuiltBodies;
  startIndex: number;
  maxRate: number;
  seconds: number;
}): Promise<OverloadFigures> {
  const headers = { authorization: `Bearer ${options.token}` };
  const common = {
    url: `${options.url}/api/v1/write`,
    bodies: options.payloads.bodies,
    samplesPerBody: options.payloads.samplesPerBody,
    headers,
  };
  const rssBefore = rssMb(options.pid);
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(options.pid));
  }, 250);
  const overload = await runRemoteWriteLoad({
    ...common,
    connections: 96,
    startIndex: options.startIndex,
    durationMs: options.seconds * 1000,
    samplesPerSecondTarget: options.maxRate * 2,
    maxRetryWaitMs: 2_000,
  });
  clearInterval(sampler);
  const recovery = await runRemoteWriteLoad({
    ...common,
    connections: 8,
    startIndex: overload.nextIndex,
    durationMs: 6_000,
    samplesPerSecondTarget: options.maxRate / 2,
  });
  const failures = Object.entries(recovery.statuses).filter(([status]) => !status.startsWith('2'));
  return {
    offeredSamplesPerSecond: round(options.maxRate * 2),
    acceptedSamplesPerSecond: overload.samplesPerSecond,
    statuses: overload.statuses,
    retried: overload.retried,
    peakRssMb: round(peak),
    rssBeforeMb: round(rssBefore),
    recovery: {
      samplesPerSecond: recovery.samplesPerSecond,
      statuses: recovery.statuses,
      p99Ms: recovery.p99Ms,
    },
    recovered: failures.length === 0,
    nextIndex: recovery.nextIndex,
  };
}

/** node:http with a kept-alive socket and no Nagle delay: the probe must not wait on its own client. */
function postProbe(url: string, token: string, body: Buffer, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${token}`,
        'content-encoding': 'snappy',
        'content-type': 'application/x-protobuf',
        'content-length': String(body.length),
      },
    });
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
