import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssetExplanationResult,
  AttackAnalysisResult,
  DefenseEvaluationResult,
  Problem,
} from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { smallEstateOperations } from '../security/analysis/small-estate.fixture.js';
import { section91Sample } from '../security/scan/nmap-samples.fixture.js';
import { trivyAlpine310Report } from '../security/vulnerability/trivy-alpine-310.fixture.js';
import { startTestServer, type TestServer } from './start-test-server.js';

describe('/api/attack and /api/imports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
    await server.twin.apply({ actor: 'test', ops: smallEstateOperations });
  });
  afterAll(() => server.close());

  it('analyses the live twin for a viewer: the jewel, its path, the odds and the cheapest cut', async () => {
    const response = await server.call('POST', '/api/attack/analyses', {
      role: 'viewer',
      body: { trials: 5_000, seed: 2, hardening: 'exact' },
    });
    expect(response.status).toBe(200);
    const analysis = response.body as AttackAnalysisResult;
    expect(analysis.summary).toMatchObject({ jewels: 1, jewelsReachable: 1 });
    expect(analysis.jewels[0]?.mostLikely?.steps).toHaveLength(6);
    expect(analysis.jewels[0]?.odds?.probability).toBeGreaterThan(0.4);
    expect(analysis.hardening?.fixes).toHaveLength(1);
    expect(analysis.managementPlane.map((effect) => effect.id)).toEqual(['pdu:pdu-a']);
  });

  it('evaluates defenses on a new fork for an operator, refuses a viewer and a defense that does not fit', async () => {
    const body = {
      trials: 1_000,
      hardening: 'none',
      defenses: [{ rotateCredential: 'credential:orders-admin' }],
    };
    expect((await server.call('POST', '/api/attack/defenses', { role: 'viewer', body })).status).toBe(403);
    const response = await server.call('POST', '/api/attack/defenses', { role: 'operator', body });
    expect(response.status).toBe(201);
    const evaluation = response.body as DefenseEvaluationResult;
    expect(evaluation.comparison.jewels[0]).toMatchObject({ reachableBefore: true, reachableAfter: false });
    expect(server.twin.listForks().map((fork) => fork.id)).toContain(evaluation.fork);
    const bad = await server.call('POST', '/api/attack/defenses', {
      role: 'operator',
      body: { defenses: [{ isolate: 'host:web-1' }] },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as Problem & { issues: Array<{ field: string }> }).issues[0]?.field).toBe('defenses[0]');
  });

  it('imports an Nmap scan: the unknown host is discovered with its two open services', async () => {
    const response = await server.call('POST', '/api/imports/nmap', {
      role: 'operator',
      text: section91Sample,
      contentType: 'application/xml',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ changed: true, details: { created: ['host:web01'], services: 2 } });
    const services = server.twin
      .view()
      .incoming('host:web01', 'runs-on')
      .map((relation) => relation.from);
    expect(services.sort()).toEqual(['network-service:web01/tcp/22', 'network-service:web01/tcp/80']);
  });

  it('answers 400 with the line for XML that is not a scan, and changes nothing', async () => {
    const before = server.twin.view().entitiesOfKind('host');
    const response = await server.call('POST', '/api/imports/nmap', {
      role: 'operator',
      text: '<nmaprun>\n<host>\n</nmaprun>',
      contentType: 'application/xml',
    });
    expect(response.status).toBe(400);
    expect((response.body as { issues: Array<{ line?: number }> }).issues[0]?.line).toBeGreaterThan(0);
    expect([...server.twin.view().entitiesOfKind('host')]).toHaveLength([...before].length);
  });

  it('imports a Trivy report onto a named target', async () => {
    await server.twin.apply({
      actor: 'test',
      ops: [
        {
          op: 'upsert-entity',
          entity: { id: 'container:alpine', kind: 'container', props: { image: 'alpine:3.10.2' } },
        },
      ],
    });
    const response = await server.call('POST', '/api/imports/trivy?target=container:alpine', {
      role: 'operator',
      text: JSON.stringify(trivyAlpine310Report),
      contentType: 'application/json',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ changed: true, details: { findings: 4, vulnerabilities: 2 } });
    expect(server.twin.view().outgoing('container:alpine', 'has-vulnerability')).toHaveLength(4);
    const viewer = await server.call('POST', '/api/imports/trivy?target=container:alpine', {
      role: 'viewer',
      text: JSON.stringify(trivyAlpine310Report),
      contentType: 'application/json',
    });
    expect(viewer.status).toBe(403);
  });
});

describe('/api/attack/explanations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
    await server.twin.apply({ actor: 'test', ops: smallEstateOperations });
  });
  afterAll(() => server.close());

  it('explains root on the database host rule by rule, down to the twin relations', async () => {
    const response = await server.call('POST', '/api/attack/explanations', {
      role: 'viewer',
      body: { asset: 'host:db-1', privilege: 'root' },
    });
    expect(response.status).toBe(200);
    const answer = response.body as AssetExplanationResult;
    expect(answer.holds).toBe(true);
    expect(answer.explanation?.rule?.name).toBe('valid account');
    const relations: string[] = [];
    const walk = (node: NonNullable<AssetExplanationResult['explanation']>): void => {
      if (node.relation) relations.push(node.relation);
      for (const child of node.because ?? []) walk(child);
    };
    if (answer.explanation) walk(answer.explanation);
    expect(relations).toEqual(
      expect.arrayContaining([
        'trusts:database:orders->credential:orders-admin',
        'stored-on:credential:orders-admin->host:app-1',
        'allows:network-segment:dmz->network-segment:internal',
        'has-vulnerability:service:shop->vulnerability:CVE-2021-44228#log4j-core',
      ]),
    );
  });

  it('says when nothing derives it, and 404s an entity that is not an asset', async () => {
    const none = await server.call('POST', '/api/attack/explanations', {
      role: 'viewer',
      body: { asset: 'pdu:pdu-a', privilege: 'root' },
    });
    expect(none.body).toEqual({ asset: 'pdu:pdu-a', privilege: 'root', holds: false });
    const missing = await server.call('POST', '/api/attack/explanations', {
      role: 'viewer',
      body: { asset: 'credential:deploy-key' },
    });
    expect(missing.status).toBe(404);
  });
});
