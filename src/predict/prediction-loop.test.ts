import { describe, expect, it } from 'vitest';
import { AlertBook, MemoryTwinStore, type Prediction, Twin } from '../model/index.js';
import { PredictionLoop } from './prediction-loop.js';
import { RiskEngine } from './risk/risk-engine.js';

const minute = 60_000;
const t0 = Date.UTC(2026, 5, 1);

async function fixture(sources?: Record<string, (view: unknown, now: number) => Prediction[]>) {
  let now = t0;
  const store = new MemoryTwinStore();
  const twin = await Twin.open({ store, clock: () => now });
  await twin.apply({
    actor: 'test',
    reason: 'estate',
    ops: [
      { op: 'upsert-entity', entity: { id: 'host:web-01', kind: 'host' } },
      { op: 'upsert-entity', entity: { id: 'service:api', kind: 'service' } },
    ],
  });
  const alerts = await AlertBook.open(store, { clock: () => now });
  const loop = new PredictionLoop({
    twin,
    alerts,
    risks: new RiskEngine({ catalog: twin.catalog }),
    clock: () => now,
    anomalyQuietMs: 10 * minute,
    ...(sources ? { sources } : {}),
  });
  loop.start(3_600_000);
  const feed = (entityId: string, metric: string, value: (t: number) => number, from: number, to: number) => {
    for (now = from; now <= to; now += 15_000)
      twin.recordSamples([{ entityId, metric, value: value(now), ts: now, source: 'test' }]);
    now -= 15_000;
  };
  return { twin, alerts, loop, feed, setNow: (t: number) => (now = t) };
}

describe('PredictionLoop', () => {
  it('hears the twin’s samples, opens an anomaly alert for a catalog metric gone wild, and closes it when calm', async () => {
    const { loop, alerts, feed, setNow } = await fixture();
    const normal = (t: number) => 0.3 + Math.sin(t / 60_000) * 0.02;
    feed('host:web-01', 'cpu_utilization', normal, t0, t0 + 6 * 60 * minute);
    await loop.evaluate();
    expect(alerts.list({ source: 'anomaly' })).toStrictEqual([]);
    const spikeAt = t0 + 6 * 60 * minute + 15_000;
    feed('host:web-01', 'cpu_utilization', () => 0.99, spikeAt, spikeAt + 30_000);
    await loop.evaluate();
    const [anomaly] = alerts.list({ source: 'anomaly', status: 'open' });
    expect(anomaly).toMatchObject({
      kind: 'anomaly',
      entityId: 'host:web-01',
      key: 'anomaly:host:web-01:cpu_utilization',
    });
    expect(anomaly?.evidence.metric).toBe('cpu_utilization');
    expect(anomaly?.confidence).toBeGreaterThanOrEqual(0.5);
    setNow(spikeAt + 30 * minute);
    feed('host:web-01', 'cpu_utilization', normal, spikeAt + 45_000, spikeAt + 30 * minute);
    await loop.evaluate();
    expect(alerts.get(anomaly?.id as string).status).toBe('resolved');
    expect(loop.stats()).toMatchObject({ anomalySeries: 1, evaluations: 3 });
  });

  it('raises no anomaly while a series is in probation, however unusual its first points look', async () => {
    const { loop, alerts, feed } = await fixture();
    // 400 points (100 min at 15 s) of a calm series, then a spike: loud, but within probation.
    const normal = (t: number) => 0.3 + Math.sin(t / 60_000) * 0.02;
    feed('host:web-01', 'cpu_utilization', normal, t0, t0 + 100 * minute);
    feed(
      'host:web-01',
      'cpu_utilization',
      () => 0.99,
      t0 + 100 * minute + 15_000,
      t0 + 100 * minute + 45_000,
    );
    await loop.evaluate();
    expect(alerts.list({ source: 'anomaly' })).toStrictEqual([]);
  });

  it('watches no anomaly on metrics the catalog does not name (raw per-CPU series)', async () => {
    const { loop, feed } = await fixture();
    feed('host:web-01', 'node_cpu_seconds_total{cpu="0",mode="idle"}', (t) => t / 1000, t0, t0 + 10 * minute);
    expect(loop.stats().anomalySeries).toBe(0);
  });

  it('counts watched series per entity and metric, and forgets an entity that leaves the twin', async () => {
    const { twin, loop, feed } = await fixture();
    feed('host:web-01', 'cpu_utilization', () => 0.3, t0, t0 + minute);
    feed('host:web-01', 'memory_utilization', () => 0.5, t0, t0 + minute);
    feed('service:api', 'latency_p99_seconds', () => 0.2, t0, t0 + minute);
    feed('host:web-01', 'cpu_utilization', () => 0.31, t0 + 2 * minute, t0 + 3 * minute);
    expect(loop.stats().anomalySeries).toBe(3);
    await twin.apply({ actor: 'test', ops: [{ op: 'remove-entity', id: 'host:web-01' }] });
    expect(loop.stats().anomalySeries).toBe(1);
  });

  it('syncs each extra source as its own, and goes on when one throws', async () => {
    let calls = 0;
    const { loop, alerts } = await fixture({
      lint: () => {
        calls++;
        return [
          {
            key: 'lint:dup:host:web-01',
            kind: 'lint:duplicate-ip',
            source: 'whatever',
            entityId: 'host:web-01',
            entities: ['host:web-01'],
            severity: 'warning',
            summary: '10.0.0.1 twice',
            confidence: 1,
            evidence: {},
          },
        ];
      },
      broken: () => {
        throw new Error('boom');
      },
    });
    await loop.evaluate();
    expect(calls).toBe(1);
    expect(alerts.list({ source: 'lint' }).map((alert) => alert.kind)).toStrictEqual(['lint:duplicate-ip']);
  });
});
