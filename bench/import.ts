// Inventory import at scale (docs/integrations.md, Benchmarks): a NetBox export of 50,000 devices
// (with their interfaces, cables, IP addresses, prefixes and VMs) saved in the directory layout
// (`dcim-devices.json`, …), read, mapped onto the twin's kinds, joined to the twin and applied as
// one change set to a twin on SQLite, the source's claims recorded for drift as the API does —
// timed from the files to the committed change set (goal < 30 s) — then imported again, which
// must change nothing, and a drift report computed over the result.
// Usage: npm run bench -- import [--devices 50000]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryHub } from '../src/ingest/index.js';
import {
  netboxInventory,
  readNetboxExport,
  readNetboxObjects,
} from '../src/ingest/inventory/netbox/index.js';
import { netboxSample } from '../src/ingest/inventory/netbox/netbox-samples.fixture.js';
import { Twin } from '../src/model/index.js';
import { SqliteTwinStore } from '../src/store/index.js';
import { argValue, round } from './bench-utils.js';

const devices = Number(argValue('--devices') ?? 50_000);
const log = (line: string) => process.stderr.write(`${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'infratwin-import-'));
try {
  const sample = netboxSample(devices);
  const exportDir = join(dir, 'netbox');
  mkdirSync(exportDir);
  let bytes = 0;
  for (const [endpoint, results] of Object.entries(sample.results)) {
    const text = JSON.stringify({ count: results?.length ?? 0, next: null, previous: null, results });
    bytes += Buffer.byteLength(text);
    writeFileSync(join(exportDir, `${endpoint.replace('/', '-')}.json`), text);
  }
  writeFileSync(
    join(exportDir, 'status.json'),
    JSON.stringify({ 'netbox-version': sample.version ?? '4.2.0' }),
  );
  log(
    `export: ${devices} devices, ${Object.keys(sample.results).length} endpoint files, ${round(bytes / 2 ** 20)} MiB`,
  );

  const twin = await Twin.open({ store: SqliteTwinStore.open(join(dir, 'twin.db')) });
  const hub = await InventoryHub.open(twin);
  const phases: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const value = await work();
    phases[name] = round((performance.now() - started) / 1000, 2);
    return value;
  };
  const started = performance.now();
  const exported = await time('readSeconds', () => readNetboxExport(exportDir));
  const objects = await time('parseSeconds', () => readNetboxObjects(exported));
  const inventory = await time('mapSeconds', () => netboxInventory(objects, { instance: 'bench' }));
  const result = await time('applySeconds', () =>
    hub.run(() => inventory, { actor: 'bench', dryRun: false, prune: false, origin: 'declared' }),
  );
  const totalSeconds = (performance.now() - started) / 1000;
  log(
    `first import: ${round(totalSeconds, 2)} s (${JSON.stringify(phases)}); ${result.added} entities added, ` +
      `${result.relationsAdded} relations, ${result.problems.length} problems`,
  );
  const againStarted = performance.now();
  const reread = netboxInventory(readNetboxObjects(await readNetboxExport(exportDir)), { instance: 'bench' });
  const again = await hub.run(() => reread, {
    actor: 'bench',
    dryRun: false,
    prune: true,
    origin: 'declared',
  });
  const againSeconds = (performance.now() - againStarted) / 1000;
  const driftStarted = performance.now();
  const drift = hub.drift();
  const driftSeconds = (performance.now() - driftStarted) / 1000;
  log(`drift report: ${round(driftSeconds, 2)} s, ${drift.items.length} items`);
  await twin.close();
  log(`second import: ${round(againSeconds, 2)} s, ${again.opCount} operations`);
  console.log(
    JSON.stringify({
      devices,
      exportMiB: round(bytes / 2 ** 20),
      entities: inventory.document.entities.length,
      relations: inventory.document.relations.length,
      firstImportSeconds: round(totalSeconds, 2),
      phases,
      goalSeconds: 30,
      goalMet: totalSeconds < 30,
      secondImportSeconds: round(againSeconds, 2),
      secondImportOperations: again.opCount,
      driftSeconds: round(driftSeconds, 2),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
