import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Entity, Problem } from '../contract/index.js';
import { MemoryTwinStore } from '../model/memory-twin-store.js';
import { startTestServer, type TestServer } from './start-test-server.js';

/*
 * The import route's contract with the ingest layer is two functions: parseEstateFile (throws
 * InputError with file, line and column per issue) and estateToOperations. A stand-in with that
 * contract keeps this test about what the route does with them: one change set, idempotence,
 * prune, problems with their places.
 */
vi.mock('../ingest/index.js', async () => {
  const { InputError } = await import('../model/index.js');
  interface Doc {
    entities: Array<{ id: string; kind: string; labels?: Record<string, string> }>;
    relations: Array<{ type: 'contains'; from: string; to: string }>;
  }
  return {
    parseEstateFile(text: string, options: { file: string }): Doc {
      const issues = text
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => line.includes('BAD'))
        .map(({ line, index }) => ({
          message: 'unknown kind',
          field: 'entities.kind',
          file: options.file,
          line: index + 1,
          column: line.indexOf('BAD') + 1,
        }));
      if (issues.length > 0) throw new InputError(`${options.file}: ${issues.length} problems`, issues);
      return JSON.parse(text) as Doc;
    },
    estateToOperations(doc: Doc) {
      return [
        ...doc.entities.map((entity) => ({ op: 'upsert-entity', entity })),
        ...doc.relations.map((relation) => ({ op: 'upsert-relation', relation })),
      ];
    },
  };
});

const estate = (hosts: string[]) =>
  JSON.stringify(
    {
      entities: [
        { id: 'rack:dc1/r1', kind: 'rack' },
        ...hosts.map((host) => ({ id: `host:${host}`, kind: 'host' })),
      ],
      relations: hosts.map((host) => ({ type: 'contains', from: 'rack:dc1/r1', to: `host:${host}` })),
    },
    null,
    2,
  );

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
    expect(host.provenance).toMatchObject({ source: 'estate:prod.yaml', origin: 'declared' });
    expect(server.twin.listChanges()[0]).toMatchObject({ actor: 'operator', source: 'estate:prod.yaml' });

    const again = await server.call('POST', '/api/import?file=prod.yaml', {
      role: 'operator',
      text: estate(['a', 'b']),
      contentType: 'application/json',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: false, opCount: 0 });
    expect(server.twin.seq).toBe(1);
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
    expect((await server.call('GET', '/api/entities/host:a')).status).toBe(200);
    expect((await server.call('GET', '/api/entities/host:from-netbox')).status).toBe(200);
    const audit = (await server.call('GET', '/api/audit')).body as {
      items: Array<{ action: string; target?: string }>;
    };
    expect(audit.items.filter((entry) => entry.action === 'estate.import')).toHaveLength(2);
  });

  it('answers 400 listing every issue with its file, line and column, and changes nothing', async () => {
    const seq = server.twin.seq;
    const text =
      '{\n  "entities": [\n    {"id": "x:1", "kind": "BAD"},\n    {"id": "x:2", "kind": "BAD"}\n  ]\n}';
    const response = await server.call('POST', '/api/import?file=broken.yaml', {
      text,
      contentType: 'text/yaml',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((response.body as Problem).issues).toEqual([
      { message: 'unknown kind', field: 'entities.kind', file: 'broken.yaml', line: 3, column: 28 },
      { message: 'unknown kind', field: 'entities.kind', file: 'broken.yaml', line: 4, column: 28 },
    ]);
    expect(server.twin.seq).toBe(seq);
  });

  it('refuses a file name with spaces or a leading slash, and an empty body', async () => {
    expect((await server.call('POST', '/api/import?file=a%20b.yaml', { text: '{}' })).status).toBe(400);
    expect((await server.call('POST', '/api/import?file=%2Fetc%2Fx', { text: '{}' })).status).toBe(400);
    const empty = await fetch(`${server.base}/api/import?file=x.yaml`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'text/yaml' },
    });
    expect(empty.status).toBe(400);
  });
});
