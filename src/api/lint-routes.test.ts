import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fork, LintReport, Problem } from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const now = Date.parse('2026-06-01T00:00:00Z');

describe('GET /api/lint', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), clock: () => now });
    await server.twin.apply({
      actor: 'test',
      ops: [
        { op: 'upsert-entity', entity: { id: 'host:a', kind: 'host', props: { ipAddresses: ['10.0.0.1'] } } },
        {
          op: 'upsert-entity',
          entity: { id: 'host:b', kind: 'host', props: { ipAddresses: ['10.0.0.1/24'] } },
        },
        {
          op: 'upsert-entity',
          entity: {
            id: 'load-balancer:lb',
            kind: 'load-balancer',
            props: { certificates: [{ name: 'shop', notAfter: '2026-06-11T00:00:00Z' }] },
          },
        },
      ],
    });
  });
  afterAll(() => server.close());

  it('answers every finding to a viewer, most severe first, judged at the twin’s clock', async () => {
    const response = await server.call('GET', '/api/lint', { role: 'viewer' });
    expect(response.status).toBe(200);
    const report = response.body as LintReport;
    expect(report.items.map((finding) => [finding.rule, finding.severity, finding.entities])).toEqual([
      ['duplicate-ip', 'error', ['host:a', 'host:b']],
      ['certificate-expiry', 'warning', ['load-balancer:lb']],
    ]);
    expect(report.items[1]?.evidence).toMatchObject({ daysLeft: 10, now: '2026-06-01T00:00:00.000Z' });
    expect(report.items[0]?.fix).toContain('re-address host:b');
  });

  it('filters by rule (repeated or comma-separated) and by severity', async () => {
    const rules = async (query: string) =>
      ((await server.call('GET', `/api/lint?${query}`)).body as LintReport).items.map(
        (finding) => finding.rule,
      );
    expect(await rules('rule=certificate-expiry')).toEqual(['certificate-expiry']);
    expect(await rules('rule=certificate-expiry,duplicate-ip')).toEqual([
      'duplicate-ip',
      'certificate-expiry',
    ]);
    expect(await rules('rule=certificate-expiry&rule=version-drift')).toEqual(['certificate-expiry']);
    expect(await rules('severity=error')).toEqual(['duplicate-ip']);
  });

  it('lints a fork without touching the live answer', async () => {
    const fork = (await server.call('POST', '/api/forks', { role: 'operator', body: { name: 'readdress' } }))
      .body as Fork;
    await server.call('POST', `/api/forks/${fork.id}/changes`, {
      role: 'operator',
      body: { ops: [{ op: 'patch-entity', id: 'host:b', props: { ipAddresses: ['10.0.0.2'] } }] },
    });
    const inFork = (await server.call('GET', `/api/lint?fork=${fork.id}&rule=duplicate-ip`))
      .body as LintReport;
    expect(inFork.items).toEqual([]);
    const live = (await server.call('GET', '/api/lint?rule=duplicate-ip')).body as LintReport;
    expect(live.items).toHaveLength(1);
  });

  it('refuses an unknown rule or severity with a problem that says which', async () => {
    const unknown = await server.call('GET', '/api/lint?rule=duplicate-ip,no-such-rule');
    expect(unknown.status).toBe(400);
    expect((unknown.body as Problem).detail).toContain("'no-such-rule'");
    expect((await server.call('GET', '/api/lint?severity=fatal')).status).toBe(400);
  });

  it('needs a token', async () => {
    expect((await server.call('GET', '/api/lint', { role: null })).status).toBe(401);
  });
});
