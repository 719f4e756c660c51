import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEstateOperations } from '../../test/fixtures/small-estate.js';
import type {
  DependencyNode,
  Entity,
  EntityBrief,
  ImpactReport,
  List,
  Page,
  PathReport,
  PlacedEntity,
  PowerPathReport,
  Relation,
  TwinSummary,
} from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { entityResponse, entityResponseJson } from './entity-response.js';
import { parseEntityPath } from './entity-routes.js';
import { startTestServer, type TestServer } from './start-test-server.js';

describe('entity routes on the small estate', () => {
  let server: TestServer;
  let now = 1_000_000;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), clock: () => now });
    await server.twin.apply({ actor: 'test', source: 'estate:small', ops: smallEstateOperations() });
    server.twin.recordSamples([
      { entityId: 'host:h1', metric: 'cpu_utilization', value: 0.99, ts: now, source: 'test' },
      { entityId: 'host:h2', metric: 'cpu_utilization', value: 0.2, ts: now, source: 'test' },
      { entityId: 'host:h1', metric: 'power_watts', value: 400, ts: now, source: 'test' },
      { entityId: 'host:h2', metric: 'power_watts', value: 300, ts: now, source: 'test' },
    ]);
  });
  afterAll(() => server.close());

  it('reads an entity by an id with slashes, raw or URL-encoded, with its state', async () => {
    const raw = await server.call('GET', '/api/entities/rack:dc1/a/r1', { role: 'viewer' });
    const encoded = await server.call('GET', `/api/entities/${encodeURIComponent('rack:dc1/a/r1')}`, {
      role: 'viewer',
    });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual(encoded.body);
    expect(raw.body).toMatchObject({ id: 'rack:dc1/a/r1', kind: 'rack', state: { health: 'unknown' } });

    const host = (await server.call('GET', '/api/entities/host:h1')).body as Entity;
    expect(host.state.health).toBe('critical');
    expect(host.state.metrics.cpu_utilization?.value).toBe(0.99);
    expect(host.state.reasons[0]).toMatchObject({ metric: 'cpu_utilization', level: 'critical' });
    expect(host.provenance).toMatchObject({ origin: 'declared', source: 'estate:small', changeSet: 1 });
  });

  it('writes the same JSON text on the fast path as the generic serializer, and follows changes', async () => {
    await server.twin.apply({
      actor: 'test',
      ops: [{ op: 'patch-entity', id: 'host:h2', props: { os: 'linux' } }],
    });
    const view = server.twin.live;
    for (const entity of view.entities()) {
      expect(entityResponseJson(server.twin, view, entity)).toBe(
        JSON.stringify(entityResponse(server.twin, view, entity)),
      );
    }
    const response = await server.call('GET', '/api/entities/host:h2');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.body).toMatchObject({ props: { os: 'linux' }, propProvenance: { os: { changeSet: 2 } } });
  });

  it('tells a sub-resource from an id ending in the same word', () => {
    expect(parseEntityPath('/api/entities/rack:dc1/a/children?depth=2')).toEqual({
      id: 'rack:dc1/a',
      sub: 'children',
    });
    expect(parseEntityPath('/api/entities/rack:dc1%2Fchildren')).toEqual({
      id: 'rack:dc1/children',
      sub: undefined,
    });
    expect(parseEntityPath('/api/entities/rack:dc1/a/r1')).toEqual({ id: 'rack:dc1/a/r1', sub: undefined });
  });

  it('lists entities by kind, label selector and search, one page at a time', async () => {
    const prodHosts = (await server.call('GET', '/api/entities?kind=host&selector=env%3Dprod'))
      .body as Page<Entity>;
    expect(prodHosts.items.map((entity) => entity.id).sort()).toEqual(['host:h1', 'host:h2']);
    expect(prodHosts.total).toBe(2);
    const set = (
      await server.call('GET', `/api/entities?selector=${encodeURIComponent('team in (web),env!=prod')}`)
    ).body as Page<Entity>;
    expect(set.items.map((entity) => entity.id)).toEqual(['host:h3']);
    const paged = (await server.call('GET', '/api/entities?kind=pdu&limit=2&offset=1')).body as Page<Entity>;
    expect(paged).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(paged.items).toHaveLength(2);
    const search = (await server.call('GET', '/api/entities?search=TOR')).body as Page<Entity>;
    expect(search.total).toBe(2);
  });

  it('lists the same entities in brief: id, kind, name and the health the full answer gives', async () => {
    for (const query of [
      'kind=host&selector=env%3Dprod',
      'kind=pdu&limit=2&offset=1',
      'search=TOR',
      'limit=1000',
    ]) {
      const full = (await server.call('GET', `/api/entities?${query}`, { role: 'viewer' }))
        .body as Page<Entity>;
      const brief = (await server.call('GET', `/api/entity-briefs?${query}`, { role: 'viewer' }))
        .body as Page<EntityBrief>;
      expect({ ...brief, items: undefined }).toEqual({ ...full, items: undefined });
      expect(brief.items).toEqual(
        full.items.map((entity) => ({
          id: entity.id,
          kind: entity.kind,
          name: entity.name,
          health: entity.state.health,
        })),
      );
    }
    const h1 = (await server.call('GET', '/api/entity-briefs?search=h1')).body as Page<EntityBrief>;
    expect(h1.items.find((entity) => entity.id === 'host:h1')?.health).toBe('critical');
    const bad = await server.call('GET', '/api/entity-briefs?limit=10001');
    expect(bad.status).toBe(400);
  });

  it('walks containment down and up, raw slashes and encoded alike', async () => {
    const children = (await server.call('GET', '/api/entities/rack:dc1/a/r1/children'))
      .body as List<PlacedEntity>;
    expect(children.items.map((item) => item.entity.id).sort()).toEqual([
      'host:h1',
      'host:h2',
      'pdu:dc1/a/r1-a',
      'pdu:dc1/a/r1-b',
      'switch:tor-1',
    ]);
    const deeper = (
      await server.call('GET', `/api/entities/${encodeURIComponent('rack:dc1/a/r1')}/children?depth=3`)
    ).body as List<PlacedEntity>;
    expect(deeper.items.map((item) => item.entity.id)).toContain('service:web');
    const parents = (await server.call('GET', '/api/entities/host:h1/parents?depth=10'))
      .body as List<PlacedEntity>;
    expect(parents.items.map((item) => item.entity.id)).toEqual(['rack:dc1/a/r1', 'room:dc1/a', 'site:dc1']);
  });

  it('gives dependencies both ways and the relations of an entity', async () => {
    const providers = (await server.call('GET', '/api/entities/service:db/dependencies'))
      .body as List<DependencyNode>;
    expect(providers.items.map((node) => node.id)).toContain('host:h2');
    const dependents = (
      await server.call('GET', '/api/entities/service:db/dependencies?direction=dependents')
    ).body as List<DependencyNode>;
    expect(dependents.items).toEqual([
      { id: 'service:web', depth: 1, via: 'depends-on', from: 'service:db' },
    ]);
    const relations = (await server.call('GET', '/api/entities/host:h1/relations')).body as List<Relation>;
    expect(relations.items.map((relation) => relation.type).sort()).toEqual([
      'connects',
      'contains',
      'powered-by',
      'powered-by',
      'runs-on',
    ]);
    const poweredBy = (await server.call('GET', '/api/entities/host:h1/relations?type=powered-by'))
      .body as List<Relation>;
    expect(poweredBy.items).toHaveLength(2);
  });

  it('computes the blast radius of one entity and of several at once', async () => {
    const rack = (await server.call('GET', '/api/entities/rack:dc1/a/r1/impact')).body as ImpactReport;
    const effect = (id: string) => rack.affected.find((item) => item.id === id)?.effect;
    expect(effect('host:h1')).toBe('failed');
    expect(effect('service:db')).toBe('failed');
    // web keeps its replica in r2 but calls db, whose only replica was in r1.
    expect(effect('service:web')).toBe('failed');
    const host = (await server.call('GET', '/api/entities/host:h1/impact')).body as ImpactReport;
    expect(host.affected.find((item) => item.id === 'service:web')?.effect).toBe('degraded');

    const onePdu = (await server.call('POST', '/api/impact', { body: { ids: ['pdu:dc1/a/r1-a'] } }))
      .body as ImpactReport;
    expect(onePdu.counts.failed).toBe(0);
    const bothPdus = await server.call('POST', '/api/impact', {
      role: 'viewer',
      body: { ids: ['pdu:dc1/a/r1-a', 'pdu:dc1/a/r1-b'] },
    });
    expect(bothPdus.status).toBe(200);
    const failed = (bothPdus.body as ImpactReport).affected
      .filter((item) => item.effect === 'failed')
      .map((item) => item.id);
    expect(failed).toEqual(expect.arrayContaining(['host:h1', 'host:h2']));
  });

  it('gives the power path of a host with load against rating', async () => {
    const report = (await server.call('GET', '/api/entities/host:h1/power-path')).body as PowerPathReport;
    expect(report.device).toBe('host:h1');
    expect(report.paths).toHaveLength(2);
    for (const path of report.paths) {
      expect(path.map((hop) => hop.kind)).toEqual(['power-feed', 'ups', 'pdu', 'rack', 'host']);
      expect(path.at(-1)).toMatchObject({ loadWatts: 400, measured: true });
    }
  });

  it('finds relations by type, endpoint kinds and props, and a path between two entities', async () => {
    const calls = (await server.call('GET', '/api/relations?type=depends-on&where=callsPerRequest%3E%3D2'))
      .body as Page<Relation>;
    expect(calls.items.map((relation) => relation.id)).toEqual(['depends-on:service:web->service:db']);
    const none = (await server.call('GET', '/api/relations?type=depends-on&where=callsPerRequest%3E2'))
      .body as Page<Relation>;
    expect(none.total).toBe(0);
    const hostsToPdus = (await server.call('GET', '/api/relations?type=powered-by&fromKind=host&toKind=pdu'))
      .body as Page<Relation>;
    expect(hostsToPdus.total).toBe(6);

    const path = (await server.call('GET', '/api/path?from=host:h1&to=host:h3&types=connects'))
      .body as PathReport;
    expect(path.found).toBe(true);
    expect(path.steps.map((step) => step.to)).toEqual(['switch:tor-1', 'switch:tor-2', 'host:h3']);
    const noPath = (await server.call('GET', '/api/path?from=host:h1&to=host:h3&types=trusts'))
      .body as PathReport;
    expect(noPath).toMatchObject({ found: false, steps: [] });
    expect((await server.call('GET', '/api/path?from=host:h1&to=host:h3&types=wormhole')).status).toBe(400);
  });

  it('summarizes the twin and lists the kind catalog', async () => {
    const summary = (await server.call('GET', '/api/summary')).body as TwinSummary;
    expect(summary.seq).toBe(server.twin.seq);
    expect(summary.byKind.host).toMatchObject({ total: 3, critical: 1, ok: 1, unknown: 1 });
    expect(summary.head).toMatchObject({ seq: server.twin.seq, actor: 'test' });
    const kinds = (await server.call('GET', '/api/kinds')).body as List<{ kind: string }>;
    expect(kinds.items.map((kind) => kind.kind)).toContain('host');
  });

  it('reads the twin as it was: by time (ms or ISO) and by sequence number', async () => {
    const before = now;
    now += 60_000;
    await server.twin.apply({
      actor: 'test',
      ops: [{ op: 'patch-entity', id: 'host:h1', name: 'renamed', labels: { env: 'staging' } }],
    });
    expect(((await server.call('GET', '/api/entities/host:h1')).body as Entity).name).toBe('renamed');
    const past = (await server.call('GET', `/api/entities/host:h1?asOf=${before}`)).body as Entity;
    expect(past.name).toBe('h1');
    const iso = (await server.call('GET', `/api/entities/host:h1?asOf=${new Date(before).toISOString()}`))
      .body as Entity;
    expect(iso.name).toBe('h1');
    expect(((await server.call('GET', '/api/entities/host:h1?seq=1')).body as Entity).labels.env).toBe(
      'prod',
    );
    const pastProd = (await server.call('GET', `/api/entities?selector=env%3Dprod&kind=host&seq=1`))
      .body as Page<Entity>;
    expect(pastProd.total).toBe(2);
    expect((await server.call('GET', '/api/entities/host:h1?seq=99')).status).toBe(400);
    expect((await server.call('GET', '/api/entities/host:h1?seq=1&asOf=5')).status).toBe(400);
  });
});
