// Alerts where people already receive them: infratwin pushes its alerts to a real Alertmanager
// (Debian's prometheus-alertmanager, API v2), which must route them to its webhook receiver, and
// sends the same alerts straight to a webhook in Alertmanager's own payload format.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertNotifier } from '../../src/api/index.js';
import { AlertBook, MemoryTwinStore, type Prediction } from '../../src/model/index.js';
import { type Peer, requirePeer, startAlertmanager } from '../peers/peers.js';

const available = requirePeer('alertmanager');

interface Received {
  path: string;
  body: {
    status: string;
    version: string;
    alerts: Array<{
      status: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      endsAt: string;
      generatorURL: string;
    }>;
  };
}

function prediction(overrides: Partial<Prediction> = {}): Prediction {
  return {
    key: 'disk-full:volume:db-02/var',
    kind: 'disk-full',
    source: 'risk',
    entityId: 'volume:db-02/var',
    entities: ['volume:db-02/var', 'host:db-02'],
    severity: 'warning',
    summary: 'disk of db-02/var 95 % full in 3 d 4 h (80 %: 2 d 20 h – 3 d 15 h)',
    expectedAtMs: Date.now() + 3 * 86_400_000,
    confidence: 0.87,
    evidence: { slopePerHour: 0.004 },
    fix: 'rotate the logs',
    claim: { metric: 'disk_used_ratio', threshold: 0.95, direction: 'above' },
    ...overrides,
  };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!available)('alerts to a real Alertmanager and to webhooks', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let alertmanager: Peer;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    alertmanager = await startAlertmanager({ webhookUrl: `${receiverUrl}/from-alertmanager` });
  }, 60_000);

  afterAll(async () => {
    await alertmanager?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('pushes a new alert to Alertmanager, which routes it to its receiver, and then its resolution', async () => {
    const alerts = await AlertBook.open(new MemoryTwinStore());
    const notifier = new AlertNotifier({
      webhooks: [{ url: `${receiverUrl}/direct`, token: 'receiver-secret' }],
      alertmanagers: [alertmanager.url],
      externalUrl: 'http://127.0.0.1:8080',
    });
    alerts.onChange((changes) => void notifier.notify(changes));
    await alerts.sync('risk', [prediction()]);
    await notifier.refresh(alerts.list({ status: 'open' }), []);

    const stored = (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as Array<{
      labels: Record<string, string>;
      annotations: Record<string, string>;
      status: { state: string };
    }>;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.labels).toMatchObject({
      alertname: 'disk-full',
      entity: 'volume:db-02/var',
      severity: 'warning',
    });
    expect(stored[0]?.annotations.summary).toMatch(/full in 3 d 4 h/);
    expect(stored[0]?.status.state).toBe('active');

    const routed = await waitFor(
      () => received.find((entry) => entry.path === '/from-alertmanager' && entry.body.status === 'firing'),
      15_000,
      () => `Alertmanager did not call its webhook; its log:\n${alertmanager.logs()}`,
    );
    expect(routed.body.version).toBe('4');
    expect(routed.body.alerts[0]?.labels.alertname).toBe('disk-full');
    expect(routed.body.alerts[0]?.generatorURL).toMatch(/^http:\/\/127\.0\.0\.1:8080\/api\/alerts\/alert-1$/);

    const direct = received.find((entry) => entry.path === '/direct');
    expect(direct?.body.version).toBe('4');
    expect(direct?.body.status).toBe('firing');
    expect(direct?.body.alerts[0]?.labels).toMatchObject({
      alertname: 'disk-full',
      infratwin_alert: 'alert-1',
    });
    expect(direct?.body.alerts[0]?.endsAt).toBe('0001-01-01T00:00:00Z');

    const changes = await alerts.sync('risk', []);
    await notifier.refresh(
      [],
      changes.map((change) => change.alert),
    );
    const resolved = await waitFor(
      () => received.find((entry) => entry.path === '/from-alertmanager' && entry.body.status === 'resolved'),
      15_000,
      () => `no resolved notification; Alertmanager log:\n${alertmanager.logs()}`,
    );
    expect(resolved.body.alerts[0]?.status).toBe('resolved');
    const directResolved = received.filter((entry) => entry.path === '/direct').at(-1);
    expect(directResolved?.body.status).toBe('resolved');
  }, 40_000);
});
