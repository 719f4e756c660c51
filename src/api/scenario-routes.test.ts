import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, ScenarioResult, ScenarioSummary } from '../contract/index.js';
import { MemoryTwinStore, type Operation } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const now = Date.parse('2026-06-01T12:00:00Z');

/** Two hosts, a web service calling an api service, one replica each. */
const estate: Operation[] = [
  {
    op: 'upsert-entity',
    entity: {
      id: 'host:h1',
      kind: 'host',
      props: { cpuCores: 8, idleWatts: 100, maxWatts: 300 },
      labels: { role: 'node' },
    },
  },
  {
    op: 'upsert-entity',
    entity: {
      id: 'host:h2',
      kind: 'host',
      props: { cpuCores: 8, idleWatts: 100, maxWatts: 300 },
      labels: { role: 'node' },
    },
  },
  { op: 'upsert-entity', entity: { id: 'container:web-1', kind: 'container', props: { cpuCores: 2 } } },
  { op: 'upsert-entity', entity: { id: 'container:api-1', kind: 'container', props: { cpuCores: 2 } } },
  {
    op: 'upsert-entity',
    entity: {
      id: 'service:web',
      kind: 'service',
      props: { replicas: 1, demandCpuSecondsPerRequest: 0.01, sloLatencyP99Seconds: 0.2, entryPoint: true },
    },
  },
  {
    op: 'upsert-entity',
    entity: {
      id: 'service:api',
      kind: 'service',
      props: { replicas: 1, demandCpuSecondsPerRequest: 0.02, sloLatencyP99Seconds: 0.2 },
    },
  },
  { op: 'upsert-relation', relation: { type: 'runs-on', from: 'container:web-1', to: 'host:h1' } },
  { op: 'upsert-relation', relation: { type: 'runs-on', from: 'container:api-1', to: 'host:h2' } },
  { op: 'upsert-relation', relation: { type: 'runs-on', from: 'service:web', to: 'container:web-1' } },
  { op: 'upsert-relation', relation: { type: 'runs-on', from: 'service:api', to: 'container:api-1' } },
  {
    op: 'upsert-relation',
    relation: { type: 'depends-on', from: 'service:web', to: 'service:api', props: { callsPerRequest: 1 } },
  },
];

const yaml = `name: growth
steps:
  - traffic: { multiplier: 1.5 }
`;

describe('/api/scenarios', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), clock: () => now });
    await server.twin.apply({ actor: 'test', ops: estate });
    server.twin.recordSamples([
      { entityId: 'service:web', metric: 'request_rate_per_second', value: 20, ts: now, source: 'test' },
    ]);
  });
  afterAll(() => server.close());

  it('runs a YAML scenario for an operator and answers 201 with predictions, the fork and the headroom', async () => {
    const response = await server.call('POST', '/api/scenarios?file=growth.yaml', {
      role: 'operator',
      text: yaml,
      contentType: 'application/yaml',
    });
    expect(response.status).toBe(201);
    const result = response.body as ScenarioResult;
    const web = result.entities.find((entity) => entity.id === 'service:web');
    expect(web?.metrics.request_rate_per_second).toMatchObject({ base: 20, scenario: 30 });
    // Two M/M/2 stations in series; api (20 ms) reaches 90 % of its two cores at 90 req/s.
    expect(result.headroom.base.multiplier).toBeGreaterThan(1);
    expect(server.twin.listForks().map((fork) => fork.id)).toContain(result.fork);
    const listed = (await server.call('GET', '/api/scenarios', { role: 'viewer' })).body as {
      items: ScenarioSummary[];
    };
    expect(listed.items[0]).toMatchObject({ fork: result.fork, name: 'growth' });
    const again = await server.call('GET', `/api/scenarios/${result.fork}`, { role: 'viewer' });
    expect((again.body as ScenarioResult).summary).toEqual(result.summary);
  });

  it('takes JSON too, and deletes the fork after the run when asked', async () => {
    const forks = server.twin.listForks().length;
    const response = await server.call('POST', '/api/scenarios?keepFork=false', {
      role: 'operator',
      text: JSON.stringify({ name: 'api-down', steps: [{ fail: { entity: 'host:h2' } }] }),
      contentType: 'application/json',
    });
    expect(response.status).toBe(201);
    const result = response.body as ScenarioResult;
    expect(result.chain.some((step) => step.event === 'replica-lost' && step.entity === 'host:h2')).toBe(
      true,
    );
    expect(server.twin.listForks()).toHaveLength(forks);
  });

  it('answers 400 with every problem and its line for a bad scenario, and creates nothing', async () => {
    const forks = server.twin.listForks().length;
    const response = await server.call('POST', '/api/scenarios', {
      role: 'operator',
      text: 'name: bad\nsteps:\n  - traffic: { multiplier: -2 }\n  - fail: { entity: host:nowhere }\n',
      contentType: 'application/yaml',
    });
    expect(response.status).toBe(400);
    const problem = response.body as Problem & { issues: Array<{ field: string; line?: number }> };
    expect(problem.issues).toEqual([
      expect.objectContaining({ field: 'steps[0].traffic.multiplier', line: 3 }),
    ]);
    const unknown = await server.call('POST', '/api/scenarios', {
      role: 'operator',
      text: 'name: bad\nsteps:\n  - fail: { entity: host:nowhere }\n',
      contentType: 'application/yaml',
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { issues: Array<{ field: string }> }).issues[0]?.field).toBe(
      'steps[0].fail.entity',
    );
    expect(server.twin.listForks()).toHaveLength(forks);
  });

  it('refuses a viewer (403) and an unknown result (404)', async () => {
    const viewer = await server.call('POST', '/api/scenarios', {
      role: 'viewer',
      text: yaml,
      contentType: 'application/yaml',
    });
    expect(viewer.status).toBe(403);
    expect((await server.call('GET', '/api/scenarios/fork-none', { role: 'viewer' })).status).toBe(404);
  });
});

describe('/api/scenarios with the live mirror', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), ingest: {} });
    await server.twin.apply({
      actor: 'test',
      ops: [
        { op: 'upsert-entity', entity: { id: 'host:h1', kind: 'host', props: { cpuCores: 8 } } },
        { op: 'upsert-entity', entity: { id: 'container:web-1', kind: 'container', props: { cpuCores: 2 } } },
        {
          op: 'upsert-entity',
          entity: { id: 'service:web', kind: 'service', props: { replicas: 1, entryPoint: true } },
        },
        { op: 'upsert-relation', relation: { type: 'runs-on', from: 'container:web-1', to: 'host:h1' } },
        { op: 'upsert-relation', relation: { type: 'runs-on', from: 'service:web', to: 'container:web-1' } },
      ],
    });
    // An hour of Telegraf-style samples: traffic between 10 and 40 req/s; the container's CPU is
    // 0.1 core of its own plus 20 ms a request, over its 2 cores.
    const now = Date.now();
    const lines: string[] = [];
    for (let minute = 60; minute >= 0; minute--) {
      const at = now - minute * 60_000;
      const rate = 25 + 15 * Math.sin(minute / 6);
      const cpu = (0.1 + 0.02 * rate) / 2;
      lines.push(`request,infratwin_entity=service:web rate_per_second=${rate.toFixed(4)} ${at}000000`);
      lines.push(`cpu,infratwin_entity=container:web-1 utilization=${cpu.toFixed(6)} ${at}000000`);
    }
    const written = await server.call('POST', '/write', {
      role: 'ingest',
      text: lines.join('\n'),
      contentType: 'text/plain',
    });
    expect(written.status).toBe(204);
  });
  afterAll(() => server.close());

  it('fits the demand over the mirror’s history, leaving the idle core out', async () => {
    const response = await server.call('POST', '/api/scenarios', {
      role: 'operator',
      text: 'name: growth\nsteps:\n  - traffic: { multiplier: 1.5 }\n',
      contentType: 'application/yaml',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const note = (response.body as ScenarioResult).notes.find((entry) => entry.entity === 'service:web');
    expect(note?.message).toMatch(/points of history/);
    expect(Number(/demand ([\d.]+) ms/.exec(note?.message ?? '')?.[1])).toBeCloseTo(20, 0);
  });
});
