import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesAnomalies, SeriesForecast } from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const minute = 60_000;

describe('series forecast and anomaly routes', () => {
  let server: TestServer;
  const now = Math.floor(Date.now() / 1000) * 1000;
  const from = now - 50 * minute;

  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), ingest: {} });
    // Telegraf-style lines: a disk filling 6 % an hour from 60 %, and a load with one spike.
    const lines: string[] = [];
    for (let t = from, i = 0; t <= now; t += 15_000, i++) {
      const used = 60 + ((t - from) / 3_600_000) * 6 + Math.sin(i * 1.3) * 0.02;
      const load = 1 + Math.sin(i / 7) * 0.1 + (i === 160 ? 9 : 0);
      lines.push(`disk,host=db-02,path=/var used_percent=${used.toFixed(4)} ${t}000000`);
      lines.push(`system,host=db-02 load1=${load.toFixed(4)} ${t}000000`);
    }
    const answer = await server.call('POST', '/write', {
      role: 'ingest',
      text: lines.join('\n'),
      contentType: 'text/plain',
    });
    expect(answer.status).toBe(204);
  });
  afterAll(() => server.close());

  async function seriesNamed(prefix: string): Promise<{ entity: string; series: string }> {
    for (const entity of ['host:db-02', 'volume:db-02/var']) {
      const listed = await server.call('GET', `/api/series?entity=${encodeURIComponent(entity)}`, {
        role: 'viewer',
      });
      const items = (listed.body as { items?: Array<{ name: string }> }).items ?? [];
      const found = items.find((item) => item.name.startsWith(prefix));
      if (found) return { entity, series: found.name };
    }
    throw new Error(`no series ${prefix}`);
  }

  it('forecasts a filling disk and says when it reaches a threshold, with an interval around it', async () => {
    const { entity, series } = await seriesNamed('disk_used_percent');
    // A range reaching a little past the hot window, before any rollup is persisted, reads the hot buffer.
    const recent = await server.call(
      'GET',
      `/api/series/query?${new URLSearchParams({ entity, series, start: String(now - 3_700_000) })}`,
      { role: 'viewer' },
    );
    expect((recent.body as { from: string; points: unknown[] }).from).toBe('hot');
    expect((recent.body as { points: unknown[] }).points.length).toBeGreaterThan(150);
    const query = new URLSearchParams({ entity, series, history: '1h', horizon: '12h', threshold: '90' });
    const answer = await server.call('GET', `/api/series/forecast?${query}`, { role: 'viewer' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const forecast = answer.body as SeriesForecast;
    expect(forecast.historyPoints).toBeGreaterThan(150);
    expect(forecast.trendPerHour).toBeCloseTo(6, 0);
    const first = forecast.points[0] as [number, number, number, number];
    expect(first[2]).toBeLessThanOrEqual(first[1]);
    expect(first[3]).toBeGreaterThanOrEqual(first[1]);
    // From about 65 % at +6 %/h, 90 % is about 4.2 h away.
    const hours = (forecast.timeToThreshold?.centralMs as number) / 3_600_000;
    expect(hours).toBeGreaterThan(3.7);
    expect(hours).toBeLessThan(4.7);
    expect(forecast.timeToThreshold?.earliestMs).toBeLessThanOrEqual(
      forecast.timeToThreshold?.centralMs as number,
    );
    expect(forecast.timeToThreshold?.summary).toMatch(/90/);
  });

  it('scores each point once and reports the spike as an event', async () => {
    const { entity, series } = await seriesNamed('system_load1');
    const query = new URLSearchParams({ entity, series, start: String(from), end: String(now) });
    const answer = await server.call('GET', `/api/series/anomalies?${query}`, { role: 'viewer' });
    expect(answer.status).toBe(200);
    const anomalies = answer.body as SeriesAnomalies;
    expect(anomalies.points).toBe(201);
    const spikeAt = from + 160 * 15_000;
    expect(anomalies.events.some((event) => event.startMs <= spikeAt && event.endMs >= spikeAt)).toBe(true);
    for (const [, score] of anomalies.scores) expect(score).toBeLessThanOrEqual(1);
  });

  it('answers 404 for an unknown series and 400 for a bad duration, naming the field', async () => {
    const missing = await server.call('GET', '/api/series/forecast?entity=host%3Adb-02&series=nope', {
      role: 'viewer',
    });
    expect(missing.status).toBe(404);
    const { entity, series } = await seriesNamed('disk_used_percent');
    const bad = await server.call(
      'GET',
      `/api/series/forecast?${new URLSearchParams({ entity, series, horizon: 'soon' })}`,
      { role: 'viewer' },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/querystring\.horizon/);
  });
});
