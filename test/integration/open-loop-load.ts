// An open-loop load generator.
//
// Open loop: requests arrive as a Poisson process at a set rate whether or not earlier ones have
// been answered, and each is timed from its SCHEDULED send time. A closed loop (autocannon: N
// connections, each sending its next request when the last returns) slows its own arrivals down
// when the server queues, so it never sees the queue it should measure ("coordinated omission").
//
// Timing: Node's setTimeout has millisecond granularity and fires 0.5–1 ms late on average, an
// offset that would sit in every latency. So a worker thread sleeps to each scheduled instant
// with Atomics.wait (a futex with a sub-millisecond timeout, no CPU while it waits) and posts the
// request's index; the main thread sends it at once. Its lateness still counts in the latency and
// is reported as `sendLagMeanSeconds`.
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';

// ---------------------------------------------------------------------------------------------
// The generator

/** A stretch of constant arrival rate; a `label` means its requests are measured under it. */
export interface LoadPhase {
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly label?: string;
}

export interface OpenLoopOptions {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly path: string;
  readonly phases: readonly LoadPhase[];
  /** The arrival times repeat for the same seed. */
  readonly seed: number;
  /** Connections kept open; more requests than this in flight wait in the client (still timed). */
  readonly connections?: number;
}

/** What one label's requests saw, over all its phases. */
export interface LatencySummary {
  /** Requests scheduled in the label's phases. */
  readonly scheduled: number;
  readonly errors: number;
  /** Response times in seconds from the scheduled send, ascending. */
  readonly latencies: Float64Array;
  readonly meanSeconds: number;
  readonly p50Seconds: number;
  readonly p99Seconds: number;
  /** How late the sender was on average: part of every latency, not the server's doing. */
  readonly sendLagMeanSeconds: number;
}

export interface OpenLoopRun {
  /** performance.now() at each phase's start and end, known before the load starts. */
  readonly windows: ReadonlyArray<{
    readonly phase: LoadPhase;
    readonly startMs: number;
    readonly endMs: number;
  }>;
  readonly done: Promise<Map<string, LatencySummary>>;
}

/** mulberry32: a small seeded generator, so a run's arrivals repeat. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Plain JavaScript, evaluated in the worker: it needs no TypeScript loader. Its clock is epoch
// milliseconds (timeOrigin + now) because a worker's performance.now() has its own origin.
const timerThread = `
const { parentPort, workerData } = require('node:worker_threads');
const cell = new Int32Array(new SharedArrayBuffer(4));
const at = workerData;
for (let i = 0; i < at.length; i++) {
  const wait = at[i] - (performance.timeOrigin + performance.now());
  if (wait > 0.05) Atomics.wait(cell, 0, 0, wait);
  parentPort.postMessage(i);
}
`;

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/**
 * Starts an open-loop run and returns at once with its phase windows, so a caller can sample the
 * server (CPU time, counters) at their edges while the load runs. Gaps are exponential within a
 * phase; a phase boundary restarts them, which memorylessness allows.
 */
export function startOpenLoop(options: OpenLoopOptions): OpenLoopRun {
  const url = new URL(options.baseUrl);
  const uniform = seededUniform(options.seed);
  const times: number[] = [];
  const labels: Array<string | undefined> = [];
  const windows: Array<{ phase: LoadPhase; startMs: number; endMs: number }> = [];
  let phaseStart = performance.now() + 20;
  for (const phase of options.phases) {
    const endMs = phaseStart + phase.seconds * 1000;
    windows.push({ phase, startMs: phaseStart, endMs });
    for (let t = phaseStart; ; ) {
      t += (-Math.log(1 - uniform()) / phase.ratePerSecond) * 1000;
      if (t >= endMs) break;
      times.push(t);
      labels.push(phase.label);
    }
    phaseStart = endMs;
  }
  const schedule = Float64Array.from(times);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 64 });
  const done = new Promise<Map<string, LatencySummary>>((resolvePromise, reject) => {
    const finishedAt = new Float64Array(schedule.length).fill(Number.NaN);
    const sentAt = new Float64Array(schedule.length).fill(Number.NaN);
    let outstanding = schedule.length;
    const finish = () => {
      agent.destroy();
      resolvePromise(summarise(schedule, labels, sentAt, finishedAt));
    };
    const settle = (index: number, ok: boolean) => {
      if (ok) finishedAt[index] = performance.now();
      if (--outstanding === 0) finish();
    };
    const send = (index: number) => {
      sentAt[index] = performance.now();
      const call = request(
        { agent, host: url.hostname, port: url.port, path: options.path, method: 'GET' },
        (response) => {
          response.resume();
          response.on('end', () => settle(index, response.statusCode === 200));
          response.on('error', () => settle(index, false));
        },
      );
      call.on('error', () => settle(index, false));
      // A request that never returns would hang the run; at these loads 10 s means a broken server.
      call.setTimeout(10_000, () => call.destroy(new Error('no answer in 10 s')));
      call.end();
    };
    if (schedule.length === 0) return finish();
    const timer = new Worker(timerThread, {
      eval: true,
      workerData: Float64Array.from(schedule, (ms) => ms + performance.timeOrigin),
    });
    timer.on('message', (index: number) => send(index));
    timer.on('error', reject);
    // The timer ends with its schedule; unref'd, it never holds the process open.
    timer.unref();
  });
  return { windows, done };
}

function summarise(
  schedule: Float64Array,
  labels: ReadonlyArray<string | undefined>,
  sentAt: Float64Array,
  finishedAt: Float64Array,
): Map<string, LatencySummary> {
  const groups = new Map<string, { latencies: number[]; scheduled: number; lag: number }>();
  for (let i = 0; i < schedule.length; i++) {
    const label = labels[i];
    if (label === undefined) continue;
    let group = groups.get(label);
    if (!group) {
      group = { latencies: [], scheduled: 0, lag: 0 };
      groups.set(label, group);
    }
    const scheduled = schedule[i] as number;
    group.scheduled++;
    group.lag += (sentAt[i] as number) - scheduled;
    const finished = finishedAt[i] as number;
    if (!Number.isNaN(finished)) group.latencies.push((finished - scheduled) / 1000);
  }
  const out = new Map<string, LatencySummary>();
  for (const [label, group] of groups) {
    const sorted = Float64Array.from(group.latencies).sort();
    let sum = 0;
    for (const value of sorted) sum += value;
    out.set(label, {
      scheduled: group.scheduled,
      errors: group.scheduled - sorted.length,
      latencies: sorted,
      meanSeconds: sorted.length > 0 ? sum / sorted.length : Number.NaN,
      p50Seconds: quantile(sorted, 0.5),
      p99Seconds: quantile(sorted, 0.99),
      sendLagMeanSeconds: group.scheduled > 0 ? group.lag / group.scheduled / 1000 : Number.NaN,
    });
  }
  return out;
}
