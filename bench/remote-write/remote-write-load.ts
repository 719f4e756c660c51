// A remote_write load client: pre-built bodies over a few keep-alive connections, each sending its
// next body as soon as the previous one is answered, as a Prometheus queue shard does. Kept to
// node:http and plain loops so that, on a 2-core machine shared with the receiver, the client
// costs as little CPU as possible.
import http from 'node:http';
import https from 'node:https';
import { percentile, round } from '../bench-utils.js';

export interface RemoteWriteLoadOptions {
  /** The receiver's write endpoint, e.g. `http://127.0.0.1:8428/api/v1/write`. */
  url: string;
  /** Snappy-compressed WriteRequests, sent in order (see `buildWriteBodies`). */
  bodies: readonly Buffer[];
  /** Samples in each body (one number for all, or one per body): what a 2xx counts as accepted. */
  samplesPerBody: number | readonly number[];
  /** Concurrent requests, one per keep-alive socket. Default 4. */
  connections?: number;
  /** Stop sending new bodies after this long; in-flight ones are still awaited and counted. */
  durationMs?: number;
  /** Stop after this many bodies (default: all of them, from `startIndex`). */
  totalRequests?: number;
  /** The first body to send: a measured run continues where its warm-up stopped, so timestamps keep advancing. */
  startIndex?: number;
  /** Added to every request, e.g. `{ authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  /** Attempts per body on 429, 5xx and network errors before it is dropped. Default 10. */
  maxAttempts?: number;
  /** Longest Retry-After we honour; longer ones are capped. Default 30 s. */
  maxRetryWaitMs?: number;
  requestTimeoutMs?: number;
  /**
   * Offered load in samples per second: body k (from startIndex) is not sent before k × its
   * samples ÷ rate seconds into the run. Absent, every connection sends as fast as answers come.
   */
  samplesPerSecondTarget?: number;
}

export interface RemoteWriteLoadResult {
  /** Accepted (2xx) samples per second of wall time from the first send to the last answer. */
  samplesPerSecond: number;
  /** HTTP exchanges, retries included. */
  requests: number;
  /** Responses by status; network errors under `"error"`. */
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  /** Resends after 429, 5xx or a network error. */
  retried: number;
  samplesAccepted: number;
  /** Bodies dropped: refused with a non-retryable status or out of attempts. */
  bodiesFailed: number;
  bodiesAccepted: number;
  elapsedMs: number;
  /** The index of the first body not sent: where a following run should start. */
  nextIndex: number;
  /** True when the bodies ran out before `durationMs` (the rate is still right, over a shorter run). */
  exhausted: boolean;
  bytesSent: number;
  /** The first few error answers (status and body start), to tell why. */
  errorSamples: string[];
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  text: string;
}

export async function runRemoteWriteLoad(options: RemoteWriteLoadOptions): Promise<RemoteWriteLoadResult> {
  const connections = options.connections ?? 4;
  const startIndex = options.startIndex ?? 0;
  const end = Math.min(
    options.bodies.length,
    startIndex + (options.totalRequests ?? Number.POSITIVE_INFINITY),
  );
  const maxAttempts = options.maxAttempts ?? 10;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
  const target = new URL(options.url);
  const transport = target.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: connections });
  const baseHeaders: Record<string, string> = {
    'content-encoding': 'snappy',
    'content-type': 'application/x-protobuf',
    'user-agent': 'infratwin-bench/remote-write',
    'x-prometheus-remote-write-version': '0.1.0',
    ...lowerKeys(options.headers ?? {}),
  };
  const samplesOf = (index: number): number =>
    typeof options.samplesPerBody === 'number'
      ? options.samplesPerBody
      : (options.samplesPerBody[index] ?? 0);

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let next = startIndex;
  let requests = 0;
  let retried = 0;
  let samplesAccepted = 0;
  let bodiesAccepted = 0;
  let bodiesFailed = 0;
  let bytesSent = 0;
  let exhausted = false;
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;

  const post = (body: Buffer): Promise<Answer> =>
    new Promise((resolveAnswer, reject) => {
      const request = transport.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...baseHeaders, 'content-length': String(body.length) },
          timeout: options.requestTimeoutMs ?? 60_000,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          // Only error answers are kept, and only their start: a 2xx body is drained unread.
          response.on('data', (chunk: Buffer) => {
            if (status >= 300 && chunks.length < 4) chunks.push(chunk);
          });
          response.on('end', () => {
            const retryAfter = response.headers['retry-after'];
            resolveAnswer({
              status,
              retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
              text: Buffer.concat(chunks).toString('utf8', 0, 300),
            });
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('request timed out')));
      request.on('error', reject);
      request.end(body);
    });

  const noteError = (text: string) => {
    if (errorSamples.length < 5) errorSamples.push(text);
  };

  const connection = async () => {
    while (next < end && performance.now() < deadline) {
      const index = next++;
      const body = options.bodies[index] as Buffer;
      if (options.samplesPerSecondTarget) {
        const due =
          started + ((index - startIndex) * samplesOf(index) * 1000) / options.samplesPerSecondTarget;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (performance.now() >= deadline) break;
      }
      for (let attempt = 1; ; attempt++) {
        const sent = performance.now();
        let answer: Answer | undefined;
        try {
          answer = await post(body);
        } catch (error) {
          statuses.error = (statuses.error ?? 0) + 1;
          noteError(`network: ${(error as Error).message}`);
        }
        requests++;
        bytesSent += body.length;
        if (answer) {
          latencies.push(performance.now() - sent);
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        }
        if (answer && answer.status >= 200 && answer.status < 300) {
          samplesAccepted += samplesOf(index);
          bodiesAccepted++;
          break;
        }
        if (answer) noteError(`${answer.status}: ${answer.text}`);
        // remote_write semantics: 429 and 5xx (and a lost connection) mean "send it again later";
        // any other 4xx means the data is bad and resending cannot help.
        const retryable = !answer || answer.status === 429 || answer.status >= 500;
        if (!retryable || attempt >= maxAttempts || performance.now() >= deadline) {
          bodiesFailed++;
          break;
        }
        retried++;
        await sleep(Math.min(maxRetryWaitMs, retryDelayMs(answer?.retryAfter, attempt)));
      }
    }
    if (next >= options.bodies.length && performance.now() < deadline && options.durationMs !== undefined) {
      exhausted = true;
    }
  };

  try {
    await Promise.all(Array.from({ length: connections }, connection));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - started;
  return {
    samplesPerSecond: round(samplesAccepted / (elapsedMs / 1000)),
    requests,
    statuses,
    p50Ms: round(percentile(latencies, 0.5), 2),
    p99Ms: round(percentile(latencies, 0.99), 2),
    retried,
    samplesAccepted,
    bodiesFailed,
    bodiesAccepted,
    elapsedMs: round(elapsedMs),
    nextIndex: next,
    exhausted,
    bytesSent,
    errorSamples,
  };
}

/** Retry-After in seconds or as an HTTP date; without one, exponential backoff from 100 ms. */
export function retryDelayMs(retryAfter: string | undefined, attempt: number): number {
  const backoff = Math.min(5_000, 100 * 2 ** (attempt - 1));
  if (!retryAfter) return backoff;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? backoff : Math.max(0, date - Date.now());
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
