// The user story of the live mirror, against the real producers: Debian's node_exporter scraped
// every second by Debian's Prometheus, which remote_writes into infratwin. The machine must
// appear as a host with its filesystems and interfaces, with values matching node_exporter's own
// /metrics within one scrape.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/api/start-test-server.js';
import { MemoryTwinStore } from '../../src/model/index.js';
import { type Peer, requirePeer, startNodeExporter, startPrometheus } from '../peers/peers.js';

const available = requirePeer('prometheus') && requirePeer('node-exporter');

describe.skipIf(!available)(
  'Prometheus remote_write from a real Prometheus scraping a real node_exporter',
  () => {
    let server: TestServer;
    let exporter: Peer;
    let prometheus: Peer;
    let journalDir: string;
    let hostId: string;

    beforeAll(async () => {
      journalDir = mkdtempSync(join(tmpdir(), 'infratwin-journal-'));
      server = await startTestServer({
        store: new MemoryTwinStore(),
        ingest: { journalDir, decodeThread: true },
      });
      exporter = await startNodeExporter();
      prometheus = await startPrometheus({
        scrapeTargets: [`127.0.0.1:${exporter.port}`],
        scrapeIntervalSeconds: 1,
        remoteWriteUrl: `${server.base}/api/v1/write`,
        remoteWriteHeaders: { Authorization: `Bearer ${server.tokens.ingest}` },
      });
      hostId = 'host:127.0.0.1';
      await waitFor(
        () => {
          const metrics = server.twin.live.metrics(hostId);
          return [
            'cpu_utilization',
            'memory_utilization',
            'disk_used_ratio',
            'network_receive_bytes_per_second',
          ].every((name) => metrics?.[name] !== undefined);
        },
        40_000,
        () => `no host with CPU and disk state; prometheus log:\n${prometheus.logs()}`,
      );
    }, 60_000);

    afterAll(async () => {
      await prometheus?.stop();
      await exporter?.stop();
      await server?.close();
      rmSync(journalDir, { recursive: true, force: true });
    });

    it('discovers the machine as a host, with its filesystems and interfaces contained in it', async () => {
      const host = server.twin.live.entity(hostId);
      expect(host?.kind).toBe('host');
      expect(host?.provenance.origin).toBe('observed');
      const children = server.twin.live.outgoing(hostId, 'contains').map((r) => r.to);
      expect(children).toContain('volume:127.0.0.1/');
      expect(children.some((id) => id.startsWith('interface:127.0.0.1/'))).toBe(true);
    });

    it('shows live CPU, memory, disk and network state on the host', () => {
      const metrics = server.twin.live.metrics(hostId) ?? {};
      for (const name of ['cpu_utilization', 'memory_utilization', 'disk_used_ratio']) {
        const value = metrics[name]?.value;
        expect(value, name).toBeGreaterThanOrEqual(0);
        expect(value, name).toBeLessThanOrEqual(1);
        expect(metrics[name]?.origin).toBe('observed');
      }
      expect(metrics.network_receive_bytes_per_second?.value).toBeGreaterThanOrEqual(0);
    });

    it("matches node_exporter's own /metrics within one scrape", async () => {
      const direct = parseExposition(await (await fetch(`${exporter.url}/metrics`)).text());
      const series = (name: string, entity = hostId) =>
        server.ingest?.mirror.listSeries(entity).find((s) => s.name === name)?.latest?.value;
      expect(series('node_memory_MemTotal_bytes')).toBe(direct.get('node_memory_MemTotal_bytes'));
      const rootSize = [...direct].find(
        ([key]) => key.startsWith('node_filesystem_size_bytes{') && key.includes('mountpoint="/"'),
      )?.[1];
      expect(series('node_filesystem_size_bytes', 'volume:127.0.0.1/')).toBe(rootSize);
      const available = direct.get('node_memory_MemAvailable_bytes') as number;
      const total = direct.get('node_memory_MemTotal_bytes') as number;
      const shown = server.twin.live.metrics(hostId)?.memory_utilization?.value as number;
      expect(Math.abs(shown - (1 - available / total))).toBeLessThan(0.05);
      const [key, received] =
        [...direct].find(([name]) => name.startsWith('node_network_receive_bytes_total{')) ?? [];
      const device = /device="([^"]+)"/.exec(key ?? '')?.[1];
      const mirrored = series('node_network_receive_bytes_total', `interface:127.0.0.1/${device}`) as number;
      // A counter read a moment later can only be as large or larger.
      expect(mirrored).toBeLessThanOrEqual(received as number);
      expect(mirrored).toBeGreaterThanOrEqual(0);
    });

    it('answers a range query with per-second rates of a counter', async () => {
      const query = () => {
        const now = Date.now();
        const series = encodeURIComponent('node_cpu_seconds_total{cpu="0",mode="idle"}');
        return server.call(
          'GET',
          `/api/series/query?entity=${encodeURIComponent(hostId)}&series=${series}&start=${now - 60_000}&end=${now}&step=1000&fn=rate`,
          { role: 'viewer' },
        );
      };
      let points: Array<[number, number]> = [];
      await waitFor(
        () => points.length >= 3,
        20_000,
        () => `only ${points.length} rate points`,
        async () => {
          const answer = await query();
          expect(answer.status).toBe(200);
          points = (answer.body as { points: Array<[number, number]> }).points;
        },
      );
      // Idle seconds per second of one CPU: between 0 and 1 (a little slack for scrape jitter).
      expect(points.every(([, value]) => value >= 0 && value <= 1.2)).toBe(true);
    }, 30_000);

    it('reports the receiver in the ingest status', async () => {
      const status = await server.call('GET', '/api/ingest/status', { role: 'viewer' });
      const body = status.body as {
        receivers: Record<string, { requests: number; samples: number }>;
        series: number;
      };
      expect(body.receivers.remote_write?.samples).toBeGreaterThan(100);
      expect(body.series).toBeGreaterThan(100);
    });
  },
);

/** node_exporter's text, good enough for the few series compared here (no escapes in their labels). */
function parseExposition(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  explain: () => string,
  refresh?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh?.();
    if (check()) return;
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
