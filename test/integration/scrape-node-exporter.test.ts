// The scrape receiver against Debian's real node_exporter: pulled /metrics become the host's
// state, and target health (`up`) is state of the target's entity too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/api/start-test-server.js';
import { type Scraper, startScrapeReceiver } from '../../src/ingest/index.js';
import { MemoryTwinStore } from '../../src/model/index.js';
import { freePort, type Peer, requirePeer, startNodeExporter } from '../peers/peers.js';

const available = requirePeer('node-exporter');

describe.skipIf(!available)('scraping a real node_exporter', () => {
  let server: TestServer;
  let exporter: Peer;
  let scraper: Scraper;
  let deadPort: number;

  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), ingest: {} });
    exporter = await startNodeExporter();
    deadPort = await freePort();
    const ingest = server.ingest;
    if (!ingest) throw new Error('the test server runs no ingest');
    scraper = startScrapeReceiver(ingest, {
      allowList: ['127.0.0.1/32'],
      targets: [
        { url: `${exporter.url}/metrics`, intervalMs: 500, timeoutMs: 450, job: 'node' },
        { url: `http://localhost:${deadPort}/metrics`, intervalMs: 500, timeoutMs: 450, job: 'node' },
      ],
    });
    await waitFor(() => server.twin.live.metrics('host:127.0.0.1')?.cpu_utilization !== undefined, 15_000);
  }, 30_000);

  afterAll(async () => {
    await scraper?.stop();
    await exporter?.stop();
    await server?.close();
  });

  it('turns the scraped machine into a host with live CPU, memory and disk state', () => {
    const metrics = server.twin.live.metrics('host:127.0.0.1') ?? {};
    for (const name of ['cpu_utilization', 'memory_utilization', 'disk_used_ratio']) {
      expect(metrics[name]?.value, name).toBeGreaterThanOrEqual(0);
      expect(metrics[name]?.value, name).toBeLessThanOrEqual(1);
    }
    expect(metrics.up?.value).toBe(1);
    expect(metrics.scrape_samples_scraped?.value).toBeGreaterThan(100);
  });

  it('keeps node_exporter counters as counters: their rates are per second and non-negative', () => {
    const series = server.ingest?.mirror.listSeries('host:127.0.0.1') ?? [];
    const cpu = series.find((one) => one.name === 'node_cpu_seconds_total{cpu="0",mode="idle"}');
    expect(cpu?.counter).toBe(true);
    const memory = series.find((one) => one.name === 'node_memory_MemTotal_bytes');
    expect(memory?.counter).toBe(false);
  });

  it('records a target it may not or cannot scrape as up = 0 on its entity, with nothing else', async () => {
    // `localhost` is a name, and the allow-list holds only the 127.0.0.1/32 network: refused before
    // any connection (the scraper's own tests check no request is made). Like Prometheus, the
    // target's health still lands on its entity.
    await waitFor(() => server.twin.live.metrics('host:localhost')?.up !== undefined, 5_000);
    const metrics = server.twin.live.metrics('host:localhost') ?? {};
    expect(metrics.up?.value).toBe(0);
    expect(metrics.scrape_samples_scraped?.value).toBe(0);
    expect(metrics.cpu_utilization).toBeUndefined();
  });
});

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the scraped host');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
