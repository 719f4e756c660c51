import { EventEmitter } from 'node:events';
import type { WebSocket } from '@fastify/websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../model/index.js';
import { createAuthService } from './auth-service.js';
import { LiveSession } from './live-session.js';

/** Just enough of a ws socket to watch what the session sends, with a settable send buffer. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Array<{ type: string; [key: string]: unknown }> = [];
  closedWith: number | undefined;
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
    this.emit('close');
  }
  ping(): void {}
  terminate(): void {
    this.close(1006);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done` holds, checking every few milliseconds; fails after a generous while. */
async function until(done: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('LiveSession', () => {
  const sessions: FakeSocket[] = [];
  afterEach(() => {
    for (const socket of sessions.splice(0)) socket.close(1000);
  });

  async function open() {
    const store = new MemoryTwinStore();
    const twin = await Twin.open({ store });
    await twin.apply({
      actor: 'test',
      ops: [
        { op: 'upsert-entity', entity: { id: 'host:a', kind: 'host' } },
        { op: 'upsert-entity', entity: { id: 'host:b', kind: 'host' } },
      ],
    });
    const auth = createAuthService(store);
    const { secret } = await auth.create('watcher', 'viewer', 'test');
    const socket = new FakeSocket();
    sessions.push(socket);
    const principal = auth.verify(secret) ?? null;
    const session = new LiveSession(
      socket as unknown as WebSocket,
      { twin, auth, onError: () => undefined },
      principal,
      { coalesceMs: 20, maxBufferedBytes: 1000, authTimeoutMs: 1000, heartbeatMs: 60_000 },
    );
    session.start();
    socket.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe' })), false);
    return { twin, auth, socket };
  }

  it('merges state of one entity within the window into one message', async () => {
    const { twin, socket } = await open();
    const ts = Date.now();
    for (let index = 0; index < 10; index++) {
      twin.recordSamples([
        { entityId: 'host:a', metric: 'cpu_utilization', value: index / 10, ts: ts + index, source: 't' },
      ]);
    }
    twin.recordSamples([{ entityId: 'host:a', metric: 'memory_utilization', value: 0.5, ts, source: 't' }]);
    await sleep(60);
    const states = socket.sent.filter((message) => message.type === 'state');
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({
      entityId: 'host:a',
      metrics: { cpu_utilization: { value: 0.9 }, memory_utilization: { value: 0.5 } },
    });
  });

  it('drops messages while the client is behind, then says how many it lost', async () => {
    const { twin, socket } = await open();
    socket.bufferedAmount = 5000;
    twin.recordSamples([
      { entityId: 'host:a', metric: 'cpu_utilization', value: 0.1, ts: Date.now(), source: 't' },
    ]);
    await twin.apply({ actor: 'test', ops: [{ op: 'patch-entity', id: 'host:b', name: 'bee' }] });
    await sleep(60);
    const before = socket.sent.length;
    socket.bufferedAmount = 0;
    twin.recordSamples([
      { entityId: 'host:b', metric: 'cpu_utilization', value: 0.2, ts: Date.now(), source: 't' },
    ]);
    await sleep(60);
    expect(socket.sent.slice(before)).toEqual([
      { type: 'lagged', dropped: 2 },
      expect.objectContaining({ type: 'state', entityId: 'host:b' }),
    ]);
  });

  it('stops listening to the twin when the socket closes', async () => {
    const { twin, socket } = await open();
    socket.close(1000);
    const sent = socket.sent.length;
    twin.recordSamples([
      { entityId: 'host:a', metric: 'cpu_utilization', value: 0.1, ts: Date.now(), source: 't' },
    ]);
    await twin.apply({ actor: 'test', ops: [{ op: 'patch-entity', id: 'host:a', name: 'ay' }] });
    await sleep(60);
    expect(socket.sent.length).toBe(sent);
  });

  it('with states "health", sends entities going stale and coming back, not updates that keep their health', async () => {
    let now = 1_000_000;
    const store = new MemoryTwinStore();
    const twin = await Twin.open({ store, clock: () => now, staleAfterMs: 10_000 });
    await twin.apply({
      actor: 't',
      ops: [
        { op: 'upsert-entity', entity: { id: 'host:a', kind: 'host' } },
        { op: 'upsert-entity', entity: { id: 'host:b', kind: 'host' } },
      ],
    });
    const auth = createAuthService(store);
    const { secret } = await auth.create('watcher', 'viewer', 'test');
    const socket = new FakeSocket();
    sessions.push(socket);
    new LiveSession(
      socket as unknown as WebSocket,
      { twin, auth, onError: () => undefined },
      auth.verify(secret) ?? null,
      { coalesceMs: 20, maxBufferedBytes: 100_000, authTimeoutMs: 1000, heartbeatMs: 60_000 },
    ).start();
    socket.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', states: 'health' })), false);
    expect(socket.sent.at(-1)).toMatchObject({ type: 'subscribed', states: 'health' });
    const states = () => socket.sent.filter((message) => message.type === 'state');
    const cpu = (entityId: string, value: number) =>
      twin.recordSamples([{ entityId, metric: 'cpu_utilization', value, ts: now, source: 't' }]);

    cpu('host:a', 0.5);
    await until(() => states().length === 1);
    // host:a stays ok; host:b's change goes out with or after anything sent for host:a.
    cpu('host:a', 0.6);
    cpu('host:b', 0.99);
    await until(() => states().length >= 2);
    now += 10_001;
    expect(twin.sweepStale()).toBe(2);
    await until(() => states().length >= 4);
    cpu('host:a', 0.7);
    await until(() => states().length >= 5);
    expect(states().map(({ entityId, health, metrics }) => ({ entityId, health, metrics }))).toEqual([
      { entityId: 'host:a', health: 'ok', metrics: {} },
      { entityId: 'host:b', health: 'critical', metrics: {} },
      { entityId: 'host:a', health: 'unknown', metrics: {} },
      { entityId: 'host:b', health: 'unknown', metrics: {} },
      { entityId: 'host:a', health: 'ok', metrics: {} },
    ]);
  });

  it('switches between all and health on a new subscribe', async () => {
    const { twin, socket } = await open();
    const states = () => socket.sent.filter((message) => message.type === 'state');
    const cpu = (entityId: string, value: number) =>
      twin.recordSamples([{ entityId, metric: 'cpu_utilization', value, ts: Date.now(), source: 't' }]);
    cpu('host:a', 0.1);
    await until(() => states().length === 1);
    socket.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', states: 'health' })), false);
    cpu('host:a', 0.2);
    cpu('host:b', 0.99);
    await until(() => states().length >= 2);
    socket.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', states: 'all' })), false);
    cpu('host:b', 0.98);
    await until(() => states().length >= 3);
    expect(states().map(({ entityId, health, metrics }) => ({ entityId, health, metrics }))).toEqual([
      {
        entityId: 'host:a',
        health: 'ok',
        metrics: { cpu_utilization: expect.objectContaining({ value: 0.1 }) },
      },
      { entityId: 'host:b', health: 'critical', metrics: {} },
      {
        entityId: 'host:b',
        health: 'critical',
        metrics: { cpu_utilization: expect.objectContaining({ value: 0.98 }) },
      },
    ]);
  });

  it('closes the session of a revoked token at the next heartbeat', async () => {
    const store = new MemoryTwinStore();
    const twin = await Twin.open({ store });
    const auth = createAuthService(store);
    await auth.ensureAdmin();
    const { token, secret } = await auth.create('soon-gone', 'viewer', 'test');
    const socket = new FakeSocket();
    sessions.push(socket);
    new LiveSession(
      socket as unknown as WebSocket,
      { twin, auth, onError: () => undefined },
      auth.verify(secret) ?? null,
      {
        coalesceMs: 20,
        maxBufferedBytes: 1000,
        authTimeoutMs: 1000,
        heartbeatMs: 30,
      },
    ).start();
    await auth.revoke(token.id, 'test');
    await sleep(80);
    expect(socket.closedWith).toBe(4401);
  });
});
