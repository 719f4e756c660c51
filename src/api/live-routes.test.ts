import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { smallEstateOperations } from '../../test/fixtures/small-estate.js';
import type { LiveServerMessage } from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

/** A test client that queues what it receives and waits for what it expects. */
class LiveClient {
  readonly socket: WebSocket;
  readonly received: LiveServerMessage[] = [];
  readonly #waiters = new Set<() => void>();
  closeCode: number | undefined;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as LiveServerMessage);
      for (const wake of this.#waiters) wake();
    });
    this.socket.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.#waiters) wake();
    });
  }

  send(message: unknown): void {
    this.sendText(JSON.stringify(message));
  }

  sendText(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.socket.once('open', () => this.socket.send(text));
  }

  /** Resolves with the first message (received or to come) that satisfies `match`. */
  async next<T extends LiveServerMessage['type']>(
    type: T,
    match: (message: Extract<LiveServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Extract<LiveServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(
        (message) => message.type === type && match(message as Extract<LiveServerMessage, { type: T }>),
      );
      if (index !== -1) return this.received.splice(index, 1)[0] as Extract<LiveServerMessage, { type: T }>;
      if (Date.now() > deadline) throw new Error(`no ${type} message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          resolve();
        };
        this.#waiters.add(wake);
        setTimeout(wake, 50);
      });
    }
  }

  async closed(timeoutMs = 3000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return this.closeCode ?? -1;
  }

  close(): void {
    this.socket.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /api/live (WebSocket)', () => {
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), api: { live: { coalesceMs: 40 } } });
    await server.twin.apply({ actor: 'test', ops: smallEstateOperations() });
    url = `${server.base.replace('http', 'ws')}/api/live`;
  });
  afterAll(async () => {
    // A client still connected must not keep the server from closing.
    const lingering = new LiveClient(url, { authorization: `Bearer ${server.tokens.viewer}` });
    await lingering.next('ready');
    await server.close();
    expect(await lingering.closed()).toBeGreaterThan(0);
  });

  it('authenticates by header, filters state by kind and coalesces it per entity', async () => {
    const client = new LiveClient(url, { authorization: `Bearer ${server.tokens.viewer}` });
    expect(await client.next('ready')).toMatchObject({ name: 'viewer', role: 'viewer' });
    client.send({ type: 'subscribe', kinds: ['host'] });
    await client.next('subscribed');

    const ts = Date.now();
    server.twin.recordSamples([
      { entityId: 'host:h1', metric: 'cpu_utilization', value: 0.97, ts, source: 'test' },
      { entityId: 'rack:dc1/a/r1', metric: 'inlet_temperature_celsius', value: 30, ts, source: 'test' },
    ]);
    server.twin.recordSamples([
      { entityId: 'host:h1', metric: 'memory_utilization', value: 0.5, ts, source: 'test' },
    ]);
    const state = await client.next('state');
    expect(state).toMatchObject({ entityId: 'host:h1', kind: 'host', health: 'critical' });
    expect(Object.keys(state.metrics).sort()).toEqual(['cpu_utilization', 'memory_utilization']);
    await sleep(150);
    expect(client.received.filter((message) => message.type === 'state')).toEqual([]);
    client.close();
  });

  it('authenticates by a first message, filters by label selector, and sends matching changes', async () => {
    const client = new LiveClient(url);
    client.send({ type: 'auth', token: server.tokens.operator });
    expect(await client.next('ready')).toMatchObject({ role: 'operator' });
    client.send({ type: 'subscribe', selector: 'env=staging' });
    expect(await client.next('subscribed')).toMatchObject({ selector: 'env in (staging)' });

    const ts = Date.now();
    server.twin.recordSamples([
      { entityId: 'host:h1', metric: 'cpu_utilization', value: 0.1, ts, source: 'test' },
      { entityId: 'host:h3', metric: 'cpu_utilization', value: 0.1, ts, source: 'test' },
    ]);
    expect(await client.next('state')).toMatchObject({ entityId: 'host:h3', health: 'ok' });

    await server.call('POST', '/api/changes', {
      role: 'operator',
      body: {
        reason: 'label h3',
        ops: [
          { op: 'patch-entity', id: 'host:h1', labels: { owner: 'a' } },
          { op: 'patch-entity', id: 'host:h3', labels: { owner: 'b' } },
        ],
      },
    });
    const change = await client.next('change');
    expect(change).toMatchObject({
      actor: 'operator',
      reason: 'label h3',
      opCount: 2,
      entityIds: ['host:h3'],
    });
    await sleep(100);
    expect(client.received.filter((message) => message.type === 'state')).toEqual([]);
    client.close();
  });

  it('with states "health" sends a state only when an update changes the health, and "all" sends every update', async () => {
    await server.twin.apply({
      actor: 'test',
      ops: [
        { op: 'upsert-entity', entity: { id: 'host:quiet', kind: 'host' } },
        { op: 'upsert-entity', entity: { id: 'host:flappy', kind: 'host' } },
      ],
    });
    const ids = ['host:quiet', 'host:flappy'];
    const healthOnly = new LiveClient(url, { authorization: `Bearer ${server.tokens.viewer}` });
    const everything = new LiveClient(url, { authorization: `Bearer ${server.tokens.viewer}` });
    await healthOnly.next('ready');
    await everything.next('ready');
    healthOnly.send({ type: 'subscribe', ids, states: 'health' });
    everything.send({ type: 'subscribe', ids });
    expect(await healthOnly.next('subscribed')).toMatchObject({ ids, states: 'health' });
    expect(await everything.next('subscribed')).toMatchObject({ ids, states: 'all' });
    const cpu = (entityId: string, value: number) =>
      server.twin.recordSamples([
        { entityId, metric: 'cpu_utilization', value, ts: Date.now(), source: 'test' },
      ]);
    const isState = (entityId: string) => (message: LiveServerMessage) =>
      message.type === 'state' && message.entityId === entityId;

    // No metrics yet (unknown) → ok: a change of health for both.
    cpu('host:quiet', 0.2);
    cpu('host:flappy', 0.2);
    expect(await healthOnly.next('state', isState('host:quiet'))).toMatchObject({
      health: 'ok',
      metrics: {},
    });
    expect(await healthOnly.next('state', isState('host:flappy'))).toMatchObject({ health: 'ok' });
    await everything.next('state', isState('host:quiet'));
    await everything.next('state', isState('host:flappy'));

    // ok → ok for host:quiet, then ok → critical for host:flappy. Had the first been sent, it
    // would have been sent before the second: so once the second is in, the first never will be.
    cpu('host:quiet', 0.3);
    cpu('host:flappy', 0.97);
    expect(await healthOnly.next('state', isState('host:flappy'))).toEqual({
      type: 'state',
      entityId: 'host:flappy',
      kind: 'host',
      metrics: {},
      health: 'critical',
      reasons: [{ metric: 'cpu_utilization', value: 0.97, level: 'critical', limit: 0.95 }],
    });
    expect(healthOnly.received.filter(isState('host:quiet'))).toEqual([]);
    expect(await everything.next('state', isState('host:quiet'))).toMatchObject({
      health: 'ok',
      metrics: { cpu_utilization: { value: 0.3 } },
    });
    expect(await everything.next('state', isState('host:flappy'))).toMatchObject({ health: 'critical' });

    // Back to ok is a change too; another ok → ok of host:quiet is not.
    cpu('host:quiet', 0.4);
    cpu('host:flappy', 0.1);
    expect(await healthOnly.next('state', isState('host:flappy'))).toMatchObject({
      health: 'ok',
      reasons: [],
    });
    expect(healthOnly.received.filter(isState('host:quiet'))).toEqual([]);
    expect(await everything.next('state', isState('host:quiet'))).toMatchObject({
      metrics: { cpu_utilization: { value: 0.4 } },
    });
    expect(await everything.next('state', isState('host:flappy'))).toMatchObject({ health: 'ok' });
    healthOnly.close();
    everything.close();
  });

  it('answers an unknown states value with an error naming the field, and keeps the subscription', async () => {
    const client = new LiveClient(url, { authorization: `Bearer ${server.tokens.viewer}` });
    await client.next('ready');
    client.send({ type: 'subscribe', ids: ['host:h2'], states: 'health' });
    await client.next('subscribed');
    client.send({ type: 'subscribe', ids: ['host:h2'], states: 'changes' });
    expect(await client.next('error')).toMatchObject({
      message: 'malformed subscribe message',
      issues: [expect.objectContaining({ field: 'states' })],
    });
    // Still subscribed to host:h2's health: unknown or ok → critical is sent.
    server.twin.recordSamples([
      { entityId: 'host:h2', metric: 'memory_utilization', value: 0.99, ts: Date.now(), source: 'test' },
    ]);
    expect(await client.next('state')).toMatchObject({
      entityId: 'host:h2',
      health: 'critical',
      metrics: {},
    });
    expect(client.received.filter((message) => message.type === 'subscribed')).toEqual([]);
    client.close();
  });

  it('closes with 4401 on a bad token in the first message, and refuses the upgrade on a bad header', async () => {
    const byMessage = new LiveClient(url);
    byMessage.send({ type: 'auth', token: 'itw_wrong' });
    expect(await byMessage.closed()).toBe(4401);

    const notAuth = new LiveClient(url);
    notAuth.send({ type: 'subscribe' });
    expect(await notAuth.closed()).toBe(4401);

    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url, { headers: { authorization: 'Bearer itw_wrong' } });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', () => resolve(-1));
    });
    expect(status).toBe(401);
  });

  it('refuses a WebSocket upgrade on any other path with 404', async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${server.base.replace('http', 'ws')}/api/entities`, {
        headers: { authorization: `Bearer ${server.tokens.viewer}` },
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
    expect((await server.call('GET', '/api/entities/host:h1')).status).toBe(200);
  });

  it('answers bad messages with an error and stays open', async () => {
    const client = new LiveClient(url, { authorization: `Bearer ${server.tokens.viewer}` });
    await client.next('ready');
    client.sendText('not json');
    expect((await client.next('error')).message).toMatch(/JSON/);
    client.send({ type: 'subscribe', selector: 'env in (' });
    expect(await client.next('error')).toMatchObject({
      issues: [expect.objectContaining({ field: 'selector' })],
    });
    client.send({ type: 'subscribe', ids: 'host:h1' });
    expect((await client.next('error')).message).toMatch(/malformed/);
    client.send({ type: 'subscribe', ids: ['host:h2'] });
    await client.next('subscribed');
    server.twin.recordSamples([
      { entityId: 'host:h2', metric: 'cpu_utilization', value: 0.3, ts: Date.now(), source: 'test' },
    ]);
    expect(await client.next('state')).toMatchObject({ entityId: 'host:h2' });
    client.close();
  });
});
