// Shared by the receiver integration tests: raw HTTP posts (the receivers take bodies that
// TestServer.call cannot send), typed reads of the twin through the API, and polling.
import { connect as tcpConnect } from 'node:net';
import type { TestServer } from '../../src/api/start-test-server.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body parsed as JSON when it is JSON, else its text ('' when empty). */
  body: unknown;
  text: string;
}

/** A POST with exactly these headers and bytes: for binary, compressed or header-sensitive bodies. */
export async function post(
  url: string,
  body: Uint8Array | string,
  headers: Record<string, string>,
): Promise<RawResponse> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export function remoteWriteHeaders(token: string | undefined): Record<string, string> {
  return {
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    'content-encoding': 'snappy',
    'content-type': 'application/x-protobuf',
    'x-prometheus-remote-write-version': '0.1.0',
  };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  issues?: Array<{ message: string; field?: string; line?: number; column?: number }>;
}

/** The response must be an RFC 9457 problem with this status; returns it for further checks. */
export function problemOf(response: RawResponse, status: number): Problem {
  const context = `HTTP ${response.status}: ${response.text.slice(0, 500)}`;
  if (response.status !== status) throw new Error(`expected ${status}, got ${context}`);
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/problem+json'))
    throw new Error(`expected problem+json, got '${contentType}': ${context}`);
  const problem = response.body as Problem;
  if (problem.status !== status || typeof problem.detail !== 'string')
    throw new Error(`not a problem document: ${context}`);
  return problem;
}

export interface MetricValue {
  value: number;
  ts: number;
  origin: string;
  source?: string;
}

export interface EntityAnswer {
  id: string;
  kind: string;
  name: string;
  props: Record<string, unknown>;
  labels: Record<string, string>;
  provenance: { origin: string };
  state: {
    metrics: Record<string, MetricValue>;
    health: 'ok' | 'warning' | 'critical' | 'unknown';
    reasons: Array<{ metric: string; value: number; level: string; limit: number }>;
  };
}

/** GET /api/entities/{id} as a viewer; undefined on 404. */
export async function getEntity(server: TestServer, id: string): Promise<EntityAnswer | undefined> {
  const answer = await server.call('GET', `/api/entities/${encodeURIComponent(id)}`, { role: 'viewer' });
  if (answer.status === 404) return undefined;
  if (answer.status !== 200)
    throw new Error(`GET entity ${id}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as EntityAnswer;
}

export interface SeriesItem {
  name: string;
  counter: boolean;
  latest?: { ts: number; value: number };
}

/** GET /api/series?entity= as a viewer, by series name. */
export async function getSeries(server: TestServer, entityId: string): Promise<Map<string, SeriesItem>> {
  const answer = await server.call('GET', `/api/series?entity=${encodeURIComponent(entityId)}`, {
    role: 'viewer',
  });
  if (answer.status !== 200)
    throw new Error(`GET series of ${entityId}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  const { items } = answer.body as { items: SeriesItem[] };
  return new Map(items.map((item) => [item.name, item]));
}

/** The raw samples of one series over the last `windowMs` (the hot buffer). */
export async function rawPoints(
  server: TestServer,
  entityId: string,
  series: string,
  windowMs = 600_000,
): Promise<Array<[number, number]>> {
  const end = Date.now() + 60_000;
  const query = new URLSearchParams({
    entity: entityId,
    series,
    start: String(end - windowMs),
    end: String(end),
  });
  const answer = await server.call('GET', `/api/series/query?${query}`, { role: 'viewer' });
  if (answer.status !== 200)
    throw new Error(
      `GET series ${series} of ${entityId}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  return (answer.body as { points: Array<[number, number]> }).points;
}

/**
 * The per-second rate the mirror shows for a counter, recomputed from its last two raw samples
 * with the same arithmetic: (v₂ − v₁) · 1000 / (t₂ − t₁), or v₂ · 1000 / (t₂ − t₁) after a reset.
 */
export function expectedRate(points: ReadonlyArray<[number, number]>): number {
  const last = points.at(-1);
  const previous = points.at(-2);
  if (!last || !previous) throw new Error(`a rate needs two samples, got ${points.length}`);
  const increase = last[1] >= previous[1] ? last[1] - previous[1] : last[1];
  return (increase * 1000) / (last[0] - previous[0]);
}

export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  explain: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${explain()}`);
    await sleep(25);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Whether an MQTT broker accepts clients at host:port: a CONNECT answered by a CONNACK with
 * return code 0 (an open port alone could be anything).
 */
export function mqttBrokerAccepts(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  // MQTT 3.1.1 CONNECT: empty client id, clean session, keep-alive 60 s.
  const connectPacket = Buffer.from([
    0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00,
  ]);
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    let received = Buffer.alloc(0);
    const done = (accepted: boolean) => {
      clearTimeout(timer);
      if (accepted) socket.end(Buffer.from([0xe0, 0x00]));
      else socket.destroy();
      resolve(accepted);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write(connectPacket));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4) done(received[0] === 0x20 && received[3] === 0x00);
    });
    socket.once('error', () => done(false));
  });
}
