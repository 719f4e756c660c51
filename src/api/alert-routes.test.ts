import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Alert, AlertPage, KindAccuracy, LiveServerMessage } from '../contract/index.js';
import { MemoryTwinStore, type Prediction } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 5, 1);

describe('alert routes', () => {
  let server: TestServer;
  let now = t0;

  /** A host whose /var fills at 10 % an hour from 50 %, sampled every 30 s for two hours. */
  async function fillDisk(): Promise<void> {
    await server.twin.apply({
      actor: 'test',
      reason: 'estate',
      ops: [
        { op: 'upsert-entity', entity: { id: 'host:db-02', kind: 'host' } },
        { op: 'upsert-entity', entity: { id: 'volume:db-02/var', kind: 'volume' } },
        { op: 'upsert-relation', relation: { type: 'contains', from: 'host:db-02', to: 'volume:db-02/var' } },
      ],
    });
    for (now = t0; now <= t0 + 2 * hour; now += 30_000) {
      const value = 0.5 + ((now - t0) / hour) * 0.1 + Math.sin(now / 41_000) * 0.0005;
      server.twin.recordSamples([
        { entityId: 'volume:db-02/var', metric: 'disk_used_ratio', value, ts: now, source: 'test' },
      ]);
    }
  }

  beforeEach(async () => {
    now = t0;
    server = await startTestServer({ store: new MemoryTwinStore(), clock: () => now });
  });

  afterEach(async () => {
    await server.close();
  });

  it('evaluates on request, lists the prediction with its claim, and lets an operator acknowledge and resolve it', async () => {
    await fillDisk();
    expect((await server.call('POST', '/api/predictions/evaluate', { role: 'viewer' })).status).toBe(403);
    const evaluated = await server.call('POST', '/api/predictions/evaluate', { role: 'operator' });
    expect(evaluated.body).toMatchObject({ opened: 1, resolved: 0 });

    const listed = await server.call('GET', '/api/alerts?status=open', { role: 'viewer' });
    const [alert] = (listed.body as { items: Alert[] }).items;
    expect(alert).toMatchObject({
      kind: 'disk-full',
      source: 'risk',
      entityId: 'volume:db-02/var',
      status: 'open',
      claim: { metric: 'disk_used_ratio', threshold: 0.95, direction: 'above' },
    });
    // At 0.7 and +0.1 per hour, 95 % is 2.5 h away.
    expect(((alert?.expectedAtMs as number) - now) / hour).toBeCloseTo(2.5, 0);
    const id = alert?.id as string;

    expect((await server.call('POST', `/api/alerts/${id}/acknowledge`, { role: 'viewer' })).status).toBe(403);
    const acknowledged = await server.call('POST', `/api/alerts/${id}/acknowledge`, { role: 'operator' });
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'operator' });
    await server.call('POST', '/api/predictions/evaluate', { role: 'operator' });
    expect(((await server.call('GET', `/api/alerts/${id}`, { role: 'viewer' })).body as Alert).status).toBe(
      'acknowledged',
    );

    const resolved = await server.call('POST', `/api/alerts/${id}/resolve`, { role: 'operator' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: 'operator' });
    expect((await server.call('POST', `/api/alerts/${id}/acknowledge`, { role: 'operator' })).status).toBe(
      409,
    );
    expect((await server.call('GET', '/api/alerts/alert-404', { role: 'viewer' })).status).toBe(404);
  });

  it('refuses an unknown status filter, naming it', async () => {
    const answer = await server.call('GET', '/api/alerts?status=open,closed', { role: 'viewer' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(answer.body)).toMatch(/status\[1\]/);
  });

  /** `count` findings of a source `test`, every third critical, the others warnings. */
  async function manyAlerts(count: number): Promise<void> {
    const findings = Array.from(
      { length: count },
      (_, index): Prediction => ({
        key: `test:${index}`,
        kind: 'overheating',
        source: 'test',
        entityId: `rack:r${index}`,
        entities: [`rack:r${index}`],
        severity: index % 3 === 0 ? 'critical' : 'warning',
        summary: `finding ${index}`,
        confidence: 1,
        evidence: {},
      }),
    );
    await server.alerts.sync('test', findings);
  }

  async function alertPage(query: string): Promise<AlertPage> {
    const answer = await server.call('GET', `/api/alerts${query}`, { role: 'viewer' });
    expect(answer.status).toBe(200);
    return answer.body as AlertPage;
  }

  it('answers a page with the total of every match, the offset and the limit (1000 by default)', async () => {
    await manyAlerts(25);
    const all = await alertPage('');
    expect(all).toMatchObject({ total: 25, offset: 0, limit: 1000 });
    expect(all.items).toHaveLength(25);

    const first = await alertPage('?limit=10');
    expect(first).toMatchObject({ total: 25, offset: 0, limit: 10 });
    expect(first.items.map((alert) => alert.id)).toStrictEqual(
      all.items.slice(0, 10).map((alert) => alert.id),
    );
    const last = await alertPage('?limit=10&offset=20');
    expect(last).toMatchObject({ total: 25, offset: 20, limit: 10 });
    expect(last.items.map((alert) => alert.id)).toStrictEqual(all.items.slice(20).map((alert) => alert.id));

    // The pages, read in turn, are the whole list once.
    const paged: string[] = [];
    for (let offset = 0; offset < 25; offset += 7) {
      paged.push(...(await alertPage(`?limit=7&offset=${offset}`)).items.map((alert) => alert.id));
    }
    expect(paged).toStrictEqual(all.items.map((alert) => alert.id));

    expect(await alertPage('?offset=25')).toStrictEqual({ items: [], total: 25, offset: 25, limit: 1000 });
    expect(await alertPage('?limit=0')).toStrictEqual({ items: [], total: 25, offset: 0, limit: 0 });
  });

  it('counts the total after the filters, before paging', async () => {
    await manyAlerts(25);
    const critical = await alertPage('?severity=critical&limit=3&offset=2');
    // Indexes 0, 3, …, 24: nine critical findings.
    expect(critical).toMatchObject({ total: 9, offset: 2, limit: 3 });
    expect(critical.items.map((alert) => alert.severity)).toStrictEqual(['critical', 'critical', 'critical']);
    expect((await alertPage('?status=resolved')).total).toBe(0);
    expect((await alertPage('?entity=rack%3Ar7')).total).toBe(1);
  });

  it.each([
    ['limit=-1', 'limit'],
    ['limit=10001', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=many', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=next', 'offset'],
  ])('refuses %s as problem+json naming the parameter', async (query, field) => {
    const answer = await server.call('GET', `/api/alerts?${query}`, { role: 'viewer' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(answer.body)).toContain(`querystring.${field}`);
  });

  it('exports open predictions as Prometheus metrics for viewers only', async () => {
    await fillDisk();
    await server.loop.evaluate();
    expect((await server.call('GET', '/metrics', { role: null })).status).toBe(401);
    const answer = await server.call('GET', '/metrics', { role: 'viewer' });
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = answer.body as string;
    const line = text
      .split('\n')
      .find((row) => row.startsWith('infratwin_prediction_time_to_event_seconds{'));
    expect(line).toMatch(
      /kind="disk-full",entity="volume:db-02\/var",severity="(warning|critical)",status="open"\} \d+/,
    );
    const seconds = Number(line?.split(' ').at(-1));
    expect(seconds / 3600).toBeCloseTo(2.5, 0);
    expect(text).toMatch(/^infratwin_alerts\{status="open",kind="disk-full"\} 1$/m);
  });

  it('tells live subscribers of alerts about entities they follow', async () => {
    const socket = new WebSocket(`${server.base.replace('http', 'ws')}/api/live`, {
      headers: { authorization: `Bearer ${server.tokens.viewer}` },
    });
    const messages: LiveServerMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as LiveServerMessage));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'subscribe', kinds: ['volume'] }));
    await waitFor(() => messages.some((message) => message.type === 'subscribed'));
    await fillDisk();
    await server.loop.evaluate();
    const alert = await waitFor(() => messages.find((message) => message.type === 'alert'));
    expect(alert).toMatchObject({ type: 'alert', action: 'opened', alert: { kind: 'disk-full' } });
    socket.close();
  });

  it('reports accuracy per kind once claims are judged', async () => {
    await fillDisk();
    await server.loop.evaluate();
    // The disk keeps filling past 95 % (2.5 h later): the next evaluation judges the claim a hit.
    for (; now <= t0 + 5 * hour; now += 30_000) {
      const value = Math.min(1, 0.5 + ((now - t0) / hour) * 0.1);
      server.twin.recordSamples([
        { entityId: 'volume:db-02/var', metric: 'disk_used_ratio', value, ts: now, source: 'test' },
      ]);
    }
    await server.loop.evaluate();
    const accuracy = (await server.call('GET', '/api/predictions/accuracy', { role: 'viewer' })).body as {
      items: KindAccuracy[];
    };
    const disk = accuracy.items.find((item) => item.kind === 'disk-full');
    expect(disk).toMatchObject({ hits: 1, misses: 0, precision: 1 });
    expect(disk?.medianAbsTimeErrorMs).toBeLessThan(15 * 60_000);
    expect(disk?.medianAbsValueError).toBeLessThan(0.05);
  });
});

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
