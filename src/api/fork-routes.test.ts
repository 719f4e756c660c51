import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEstateOperations } from '../../test/fixtures/small-estate.js';
import type { ChangeSetSummary, Entity, Fork, ImpactReport, List, TwinDiff } from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

describe('fork routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
    await server.twin.apply({ actor: 'test', ops: smallEstateOperations() });
  });
  afterAll(() => server.close());

  it('creates a fork, changes it, diffs it and deletes it, the live twin untouched', async () => {
    const created = await server.call('POST', '/api/forks', {
      role: 'operator',
      body: { name: 'one web replica', description: 'what if' },
    });
    expect(created.status).toBe(201);
    const fork = created.body as Fork;
    expect(fork).toMatchObject({
      name: 'one web replica',
      baseSeq: 1,
      createdBy: 'operator',
      changeCount: 0,
    });

    const change = await server.call('POST', `/api/forks/${fork.id}/changes`, {
      role: 'operator',
      body: {
        reason: 'drop a replica',
        ops: [
          { op: 'remove-entity', id: 'vm:v2' },
          { op: 'patch-entity', id: 'host:h1', props: { cpuCores: 64 } },
          { op: 'set-metric', id: 'host:h1', metric: 'cpu_utilization', value: 0.5 },
        ],
      },
    });
    expect(change.status).toBe(201);
    expect(change.body).toMatchObject({ seq: 1, fork: fork.id, origin: 'predicted', actor: 'operator' });

    const inFork = (await server.call('GET', `/api/entities/host:h1?fork=${fork.id}`)).body as Entity;
    expect(inFork.props.cpuCores).toBe(64);
    expect((await server.call('GET', `/api/entities/vm:v2?fork=${fork.id}`)).status).toBe(404);
    const live = (await server.call('GET', '/api/entities/host:h1')).body as Entity;
    expect(live.props.cpuCores).toBe(32);
    expect((await server.call('GET', '/api/entities/vm:v2')).status).toBe(200);
    expect(server.twin.seq).toBe(1);

    const diff = (await server.call('GET', `/api/forks/${fork.id}/diff`, { role: 'viewer' }))
      .body as TwinDiff;
    expect(diff.entities.removed.map((entity) => entity.id)).toEqual(['vm:v2']);
    expect(diff.relations.removed.map((relation) => relation.id).sort()).toEqual([
      'runs-on:service:web->vm:v2',
      'runs-on:vm:v2->host:h3',
    ]);
    expect(diff.entities.changed).toEqual([
      { id: 'host:h1', kind: 'host', changes: [{ field: 'props.cpuCores', before: 32, after: 64 }] },
    ]);
    expect(diff.metrics).toEqual([{ id: 'host:h1', metric: 'cpu_utilization', after: 0.5 }]);

    // Without its second replica, web fails with h1 in the fork; live, it is only degraded.
    const webEffect = async (query: string) =>
      ((await server.call('GET', `/api/entities/host:h1/impact${query}`)).body as ImpactReport).affected.find(
        (item) => item.id === 'service:web',
      )?.effect;
    expect(await webEffect(`?fork=${fork.id}`)).toBe('failed');
    expect(await webEffect('')).toBe('degraded');

    const changes = (await server.call('GET', `/api/changes?fork=${fork.id}`)).body as List<ChangeSetSummary>;
    expect(changes.items.map((item) => item.reason)).toEqual(['drop a replica']);
    expect((await server.call('GET', `/api/changes/1?fork=${fork.id}`)).status).toBe(200);
    expect(((await server.call('GET', `/api/forks/${fork.id}`)).body as Fork).changeCount).toBe(1);
    expect(
      ((await server.call('GET', '/api/forks')).body as List<Fork>).items.map((item) => item.id),
    ).toEqual([fork.id]);

    expect((await server.call('DELETE', `/api/forks/${fork.id}`, { role: 'operator' })).status).toBe(204);
    expect((await server.call('GET', `/api/forks/${fork.id}`)).status).toBe(404);
    expect((await server.call('GET', `/api/entities/host:h1?fork=${fork.id}`)).status).toBe(404);
    expect(((await server.call('GET', '/api/forks')).body as List<Fork>).items).toEqual([]);

    const audit = (await server.call('GET', '/api/audit')).body as List<{
      action: string;
      actor: string;
      target?: string;
    }>;
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'fork.create', actor: 'operator', target: fork.id }),
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'fork.delete', actor: 'operator', target: fork.id }),
    );
  });

  it('copies a fork into a new one', async () => {
    const parent = (await server.call('POST', '/api/forks', { body: { name: 'parent' } })).body as Fork;
    await server.call('POST', `/api/forks/${parent.id}/changes`, {
      body: { ops: [{ op: 'patch-entity', id: 'host:h2', name: 'big-h2' }] },
    });
    const child = await server.call('POST', '/api/forks', { body: { name: 'child', parent: parent.id } });
    expect(child.status).toBe(201);
    const copied = (await server.call('GET', `/api/entities/host:h2?fork=${(child.body as Fork).id}`))
      .body as Entity;
    expect(copied.name).toBe('big-h2');
    expect(
      (await server.call('POST', '/api/forks', { body: { name: 'orphan', parent: 'fork-none' } })).status,
    ).toBe(404);
    expect((await server.call('POST', '/api/forks', { body: { name: '' } })).status).toBe(400);
  });
});
