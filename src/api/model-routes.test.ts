import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobSample, recSpatialExport } from '../ingest/inventory/dtdl/adt-samples.fixture.js';
import { recRoom, recSpace } from '../ingest/inventory/dtdl/dtdl-samples.fixture.js';
import { builtinKinds, MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

interface Interface {
  '@id': string;
  contents?: Array<{ name: string }>;
}

describe('DTDL models and the ADT graph over the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
  });
  afterAll(() => server.close());

  const importDtdl = (text: string, query = 'name=adt') =>
    server.call('POST', `/api/inventory/imports?from=dtdl&${query}`, {
      role: 'operator',
      text,
      contentType: 'application/json',
    });

  it('serves the built-in kinds as DTDL v3 interfaces', async () => {
    const all = await server.call('GET', '/api/models', { role: 'viewer' });
    expect(all.status).toBe(200);
    const ids = (all.body as Interface[]).map((item) => item['@id']);
    expect(ids).toHaveLength(builtinKinds.size);
    expect(ids).toContain('dtmi:infratwin:Host;1');
    expect(ids).toContain('dtmi:infratwin:Interface;1');
    const host = (all.body as Interface[]).find((item) => item['@id'] === 'dtmi:infratwin:Host;1');
    expect(host?.contents?.map((content) => content.name)).toEqual(
      expect.arrayContaining(['cpuCores', 'poweredBy']),
    );
    expect((await server.call('GET', '/api/models?builtin=false', { role: 'viewer' })).body).toStrictEqual(
      [],
    );
  });

  it('defines kinds from the RealEstateCore Space and Room, gives them back as uploaded, and is idempotent', async () => {
    // Building needs REC's Address interface, which the fixture does not hold: Space and Room do not.
    const uploaded = JSON.parse(`[${recSpace},${recRoom}]`) as Interface[];
    expect((await server.call('POST', '/api/models', { role: 'viewer', body: uploaded })).status).toBe(403);
    const answer = await server.call('POST', '/api/models', { role: 'operator', body: uploaded });
    expect(answer.status).toBe(200);
    const defined = (answer.body as { defined: Array<{ kind: string; dtmi: string }> }).defined;
    expect(defined.map((item) => item.dtmi).sort()).toStrictEqual(uploaded.map((item) => item['@id']).sort());
    const kinds = (await server.call('GET', '/api/kinds', { role: 'viewer' })).body as {
      items: Array<{ kind: string; dtmi?: string }>;
    };
    for (const { kind } of defined) expect(kinds.items.map((item) => item.kind)).toContain(kind);
    const mine = (await server.call('GET', '/api/models?builtin=false', { role: 'viewer' })).body;
    expect(mine).toStrictEqual(uploaded);
    const again = await server.call('POST', '/api/models', { role: 'operator', body: uploaded });
    expect((again.body as { defined: unknown[] }).defined).toStrictEqual([]);
  });

  it('rejects a model with a problem whole, naming the path', async () => {
    const bad = [
      {
        '@context': 'dtmi:dtdl:context;3',
        '@id': 'dtmi:com:example:Pump;1',
        '@type': 'Interface',
        contents: [{ '@type': 'Property', name: 'flow rate', schema: 'double' }],
      },
    ];
    const answer = await server.call('POST', '/api/models', { role: 'operator', body: bad });
    expect(answer.status).toBe(400);
    const problem = answer.body as { issues: Array<{ field: string; message: string }> };
    expect(problem.issues[0]?.field).toMatch(/\[0\]\.contents\[0\]\.name/);
    expect(server.twin.catalog.has('pump')).toBe(false);
  });

  it('imports an Azure Digital Twins import job: its models become kinds, its twins entities', async () => {
    const answer = await importDtdl(importJobSample, 'name=contoso');
    expect(answer.status).toBe(200);
    const result = answer.body as { source: string; added: number; relationsAdded: number; seq?: number };
    expect(result).toMatchObject({ source: 'dtdl:contoso', added: 2, relationsAdded: 1 });
    const twin0 = [...server.twin.live.entities()].find((entity) => entity.name === 'twin0');
    expect(twin0?.props.property00).toBe(10);
    const has = server.twin.live.outgoing(twin0?.id as string);
    expect(has.map((relation) => [relation.type, relation.props.name])).toStrictEqual([
      ['relates-to', 'has'],
    ]);
    expect(((await importDtdl(importJobSample, 'name=contoso')).body as { opCount: number }).opCount).toBe(0);
  });

  it('exports the twin as an import job that a fresh twin imports to the same entities and relations', async () => {
    expect((await importDtdl(recSpatialExport, 'name=rec')).status).toBe(200);
    const exported = await server.call('GET', '/api/exports/dtdl', { role: 'viewer' });
    expect(exported.status).toBe(200);
    const text = exported.body as string;
    expect(exported.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(text.split('\n')[0]).toBe('{"Section":"Header"}');
    const fresh = await startTestServer({ store: new MemoryTwinStore() });
    try {
      const answer = await fresh.call('POST', '/api/inventory/imports?from=dtdl&name=copy', {
        role: 'operator',
        text,
        contentType: 'application/json',
      });
      expect(answer.status).toBe(200);
      const shape = (twin: TestServer['twin']) => ({
        entities: [...twin.live.entities()].map((e) => [e.id, e.kind, e.props]).sort(),
        relations: [...twin.live.relations()].map((r) => [r.type, r.from, r.to, r.key ?? '', r.props]).sort(),
      });
      expect(shape(fresh.twin)).toStrictEqual(shape(server.twin));
    } finally {
      await fresh.close();
    }
  });

  it('removes a kind only when nothing has it', async () => {
    const kind = [...server.twin.catalog.values()].find(
      (spec) => spec.dtmi === 'dtmi:com:microsoft:azure:iot:model1;1',
    )?.kind;
    expect(kind).toBeDefined();
    expect((await server.call('DELETE', `/api/models/${kind}`, { role: 'operator' })).status).toBe(403);
    expect((await server.call('DELETE', `/api/models/${kind}`, { role: 'admin' })).status).toBe(409);
    expect((await server.call('DELETE', '/api/models/host', { role: 'admin' })).status).toBe(409);
    expect((await server.call('DELETE', '/api/models/no-such-kind', { role: 'admin' })).status).toBe(404);
    const pump = {
      '@context': 'dtmi:dtdl:context;3',
      '@id': 'dtmi:com:example:Pump;1',
      '@type': 'Interface',
      contents: [{ '@type': 'Property', name: 'flowRate', schema: 'double' }],
    };
    const defined = await server.call('POST', '/api/models', { role: 'operator', body: pump });
    const pumpKind = (defined.body as { defined: Array<{ kind: string }> }).defined[0]?.kind;
    expect(pumpKind).toBe('pump');
    expect((await server.call('DELETE', '/api/models/pump', { role: 'admin' })).status).toBe(204);
    expect(server.twin.catalog.has('pump')).toBe(false);
    const models = (await server.call('GET', '/api/models?builtin=false', { role: 'viewer' }))
      .body as Interface[];
    expect(models.map((item) => item['@id'])).not.toContain('dtmi:com:example:Pump;1');
  });
});
