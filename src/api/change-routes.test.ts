import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet, ChangeSetSummary, List } from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

describe('change routes', () => {
  let server: TestServer;
  let now = 10_000;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), clock: () => now });
  });
  afterAll(() => server.close());

  const body = {
    reason: 'add a host',
    actor: 'someone-else',
    ops: [{ op: 'upsert-entity', entity: { id: 'host:c1', kind: 'host', labels: { env: 'prod' } } }],
  };

  it('applies a change set as the token’s name, 201, and 200 changed:false when it changes nothing', async () => {
    const first = await server.call('POST', '/api/changes', { role: 'operator', body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ seq: 1, actor: 'operator', reason: 'add a host', ts: 10_000 });
    expect((first.body as ChangeSet).ops).toHaveLength(1);
    const again = await server.call('POST', '/api/changes', { role: 'operator', body });
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
    expect(server.twin.seq).toBe(1);
  });

  it('lists the log newest first, filtered by time, and reads one change set', async () => {
    now = 20_000;
    await server.call('POST', '/api/changes', {
      body: { ops: [{ op: 'patch-entity', id: 'host:c1', labels: { tier: 'web' } }] },
    });
    const all = (await server.call('GET', '/api/changes', { role: 'viewer' })).body as List<ChangeSetSummary>;
    expect(all.items.map((change) => change.seq)).toEqual([2, 1]);
    expect(all.items[0]).toMatchObject({ actor: 'admin', opCount: 1 });
    const since = (await server.call('GET', '/api/changes?since=15000')).body as List<ChangeSetSummary>;
    expect(since.items.map((change) => change.seq)).toEqual([2]);
    const until = (await server.call('GET', `/api/changes?until=${new Date(15_000).toISOString()}`))
      .body as List<ChangeSetSummary>;
    expect(until.items.map((change) => change.seq)).toEqual([1]);
    const one = (await server.call('GET', '/api/changes/2')).body as ChangeSet;
    expect(one.ops).toEqual([{ op: 'patch-entity', id: 'host:c1', labels: { tier: 'web' } }]);
    expect((await server.call('GET', '/api/changes/0')).status).toBe(400);
  });
});
