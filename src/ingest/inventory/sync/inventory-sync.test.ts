import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../../model/index.js';
import { InventoryHub } from '../inventory-hub.js';
import { netboxSmallSample } from '../netbox/netbox-samples.fixture.js';
import { InventorySync } from './inventory-sync.js';
import { syncJobOf } from './sync-sources.js';

const token = 'fedcba9876543210fedcba9876543210fedcba98';
let server: Server;
let url: string;
let sample = netboxSmallSample();
let status = 200;
let requests = 0;
const dir = mkdtempSync(join(tmpdir(), 'infratwin-sync-'));
const tokenFile = join(dir, 'netbox.token');
writeFileSync(tokenFile, `${token}\n`);

/** A NetBox serving `sample` in one page per endpoint, in NetBox's list schema. */
beforeEach(async () => {
  sample = netboxSmallSample();
  status = 200;
  requests = 0;
  server = createServer((request, response) => {
    requests++;
    const path = new URL(request.url ?? '/', url).pathname.replace(/^\/api\//, '').replace(/\/$/, '');
    const items = sample.results[path as keyof typeof sample.results];
    const ok = request.headers.authorization === `Token ${token}` && status === 200 && items;
    response.writeHead(ok ? 200 : status === 200 ? 404 : status, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify(
        ok ? { count: items.length, next: null, previous: null, results: items } : { detail: 'no' },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('scheduled re-sync', () => {
  it('imports at start, re-imports on schedule only what changed, survives a failing source', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const hub = await InventoryHub.open(twin);
    const sync = new InventorySync(hub, [
      syncJobOf({ from: 'netbox', name: 'dc1', url, tokenFile, everyMs: 50, prune: true }),
    ]);
    sync.start();
    await until(() => (sync.status()[0]?.runs ?? 0) >= 1, 'the first run');
    const first = sync.status()[0]?.lastRun;
    expect(first).toMatchObject({ ok: true, seq: 1 });
    expect(first?.added).toBeGreaterThan(5);
    const entities = twin.counts.entities;
    expect(hub.claims.list().map((claims) => [claims.source, claims.origin])).toStrictEqual([
      ['netbox:dc1', 'declared'],
    ]);

    // Nothing changed in NetBox: the next runs write nothing.
    await until(() => (sync.status()[0]?.runs ?? 0) >= 2, 'a second run');
    expect(sync.status()[0]?.lastRun).toMatchObject({ ok: true, opCount: 0 });
    expect(twin.seq).toBe(1);

    // NetBox answers 500: the run fails, is recorded, and the twin keeps what it had.
    status = 500;
    await until(() => (sync.status()[0]?.failures ?? 0) >= 1, 'a failed run');
    expect(sync.status()[0]?.lastRun?.ok).toBe(false);
    expect(sync.status()[0]?.lastRun?.error).toMatch(/500/);
    expect(sync.status()[0]?.lastRun?.error).not.toContain(token);
    expect(twin.counts.entities).toBe(entities);

    // NetBox recovers with one device fewer: prune removes it.
    const devices = sample.results['dcim/devices'] as Array<{ name: string }>;
    const gone = devices[devices.length - 1] as { name: string };
    sample.results['dcim/devices'] = devices.slice(0, -1);
    status = 200;
    await until(() => twin.seq > 1, 'the removal to be imported');
    expect(sync.status()[0]?.lastRun).toMatchObject({ ok: true });
    expect(sync.status()[0]?.lastRun?.removed).toBeGreaterThanOrEqual(1);
    expect([...twin.live.entities()].some((entity) => entity.name === gone.name)).toBe(false);
    await sync.stop();
    const after = requests;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(requests).toBe(after);
  });

  it('runs a job on demand, joining a run in progress instead of starting a second', async () => {
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const hub = await InventoryHub.open(twin);
    const file = join(dir, 'state.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 4,
        terraform_version: '1.9.0',
        serial: 1,
        lineage: 'x',
        outputs: {},
        resources: [],
      }),
    );
    const sync = new InventorySync(hub, [
      syncJobOf({ from: 'terraform', name: 'prod', file, everyMs: 3_600_000 }),
    ]);
    const [a, b] = [sync.runNow('prod'), sync.runNow('prod')];
    expect(a).toBe(b);
    expect(await a).toMatchObject({ ok: true, opCount: 0 });
    expect(sync.runNow('nope')).toBeUndefined();
    writeFileSync(file, '{ not json');
    expect(await sync.runNow('prod')).toMatchObject({ ok: false, error: expect.stringMatching(/JSON/) });
    expect(sync.status()[0]).toMatchObject({
      name: 'prod',
      from: 'terraform',
      runs: 2,
      failures: 1,
      running: false,
    });
    await sync.stop();
  });
});
