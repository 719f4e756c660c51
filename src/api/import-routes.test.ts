import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity, Problem } from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

/** An estate file (infratwin/v1) with a rack and the given hosts in it. */
function estate(hosts: string[]): string {
  return [
    'apiVersion: infratwin/v1',
    'kind: Estate',
    'entities:',
    '  - { id: rack:dc1/r1, kind: rack, props: { units: 42 } }',
    ...hosts.map((host) => `  - { id: host:${host}, kind: host, labels: { env: prod } }`),
    'relations:',
    ...hosts.map((host) => `  - { type: contains, from: rack:dc1/r1, to: host:${host} }`),
    '',
  ].join('\n');
}

describe('POST /api/import', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
  });
  afterAll(() => server.close());

  it('applies a file as one change set with source estate:<file>, and the same file again changes nothing', async () => {
    const first = await server.call('POST', '/api/import?file=prod.yaml', {
      role: 'operator',
      text: estate(['a', 'b']),
      contentType: 'application/yaml',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      changed: true,
      source: 'estate:prod.yaml',
      seq: 1,
      entities: 3,
      relations: 2,
    });
    const host = (await server.call('GET', '/api/entities/host:a')).body as Entity;
    expect(host.provenance).toMatchObject({ source: 'estate:prod.yaml', origin: 'declared', changeSet: 1 });
    expect(server.twin.listChanges()[0]).toMatchObject({
      actor: 'operator',
      source: 'estate:prod.yaml',
      opCount: 5,
    });

    const again = await server.call('POST', '/api/import?file=prod.yaml', {
      role: 'operator',
      text: estate(['a', 'b']),
      contentType: 'text/yaml',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: false, opCount: 0 });
    expect(server.twin.seq).toBe(1);
  });

  it('reads JSON estate files too', async () => {
    const json = JSON.stringify({
      apiVersion: 'infratwin/v1',
      entities: [{ id: 'host:json-1', kind: 'host' }],
    });
    const response = await server.call('POST', '/api/import?file=other.json', {
      text: json,
      contentType: 'application/json',
    });
    expect(response).toMatchObject({ status: 201, body: { source: 'estate:other.json', entities: 1 } });
  });

  it('keeps what a file dropped unless asked to prune; prune removes only that file’s entities', async () => {
    await server.twin.apply({
      actor: 'someone',
      source: 'netbox',
      ops: [{ op: 'upsert-entity', entity: { id: 'host:from-netbox', kind: 'host' } }],
    });
    const kept = await server.call('POST', '/api/import?file=prod.yaml', {
      text: estate(['a']),
      contentType: 'text/plain',
    });
    expect(kept.body).toMatchObject({ changed: false, pruned: 0 });
    expect((await server.call('GET', '/api/entities/host:b')).status).toBe(200);

    const pruned = await server.call('POST', '/api/import?file=prod.yaml&prune=true', {
      text: estate(['a']),
      contentType: 'text/yaml',
    });
    expect(pruned.status).toBe(201);
    expect(pruned.body).toMatchObject({ changed: true, pruned: 1 });
    expect((await server.call('GET', '/api/entities/host:b')).status).toBe(404);
    expect((await server.call('GET', '/api/relations?to=host:b')).body).toMatchObject({ total: 0 });
    expect((await server.call('GET', '/api/entities/host:a')).status).toBe(200);
    expect((await server.call('GET', '/api/entities/host:from-netbox')).status).toBe(200);
    expect((await server.call('GET', '/api/entities/host:json-1')).status).toBe(200);
    const audit = (await server.call('GET', '/api/audit')).body as {
      items: Array<{ action: string; target?: string }>;
    };
    expect(
      audit.items.filter((entry) => entry.action === 'estate.import').map((entry) => entry.target),
    ).toEqual(['estate:prod.yaml', 'estate:other.json', 'estate:prod.yaml']);
  });

  it('answers 400 listing every issue with its file, line and column, and changes nothing', async () => {
    const seq = server.twin.seq;
    const text = [
      'apiVersion: infratwin/v1', // 1
      'entities:', // 2
      '  - { id: host:x1, kind: hots }', // 3
      '  - { id: host:x2, kind: host }', // 4
      '  - { id: vm:x3, kind: host }', // 5
      '',
    ].join('\n');
    const response = await server.call('POST', '/api/import?file=broken.yaml', {
      text,
      contentType: 'text/yaml',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const issues = (response.body as Problem).issues ?? [];
    expect(issues.map((issue) => [issue.file, issue.line, issue.field])).toEqual([
      ['broken.yaml', 3, 'entities[0].kind'],
      ['broken.yaml', 5, 'entities[2].id'],
    ]);
    expect(issues.every((issue) => typeof issue.column === 'number' && issue.message.length > 0)).toBe(true);
    expect(issues[0]?.message).toMatch(/hots/);
    expect(server.twin.seq).toBe(seq);
    expect((await server.call('GET', '/api/entities/host:x2')).status).toBe(404);
  });

  it('refuses a file name with spaces or a leading slash, and an empty body', async () => {
    expect((await server.call('POST', '/api/import?file=a%20b.yaml', { text: estate([]) })).status).toBe(400);
    expect((await server.call('POST', '/api/import?file=%2Fetc%2Fx', { text: estate([]) })).status).toBe(400);
    const empty = await fetch(`${server.base}/api/import?file=x.yaml`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'text/yaml' },
    });
    expect(empty.status).toBe(400);
  });
});
