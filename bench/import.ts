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
import { InventoryHub, type InventoryImport } from '../src/ingest/index.js';
import {
  netboxInventory,
  readNetboxExport,
  readNetboxObjects,
} from '../src/ingest/inventory/netbox/index.js';
import { netboxSample } from '../src/ingest/inventory/netbox/netbox-samples.fixture.js';
import { type Entity, type EntityInput, type RelationInput, Twin } from '../src/model/index.js';
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
  // Drift needs observations: telemetry from 95 % of the hosts, and a discovery source that sees
  // 2,000 of them with their interfaces and cables, one in ten with another serial.
  const hosts = [...twin.live.entitiesOfKind('host')];
  const now = twin.now();
  twin.recordSamples(
    hosts
      .filter((_, index) => index % 20 !== 0)
      .map((host) => ({
        entityId: host.id,
        metric: 'cpu_utilization',
        value: 0.3,
        ts: now,
        source: 'bench',
      })),
  );
  await hub.run(() => discoveryOf(twin, hosts.slice(0, 2_000)), {
    actor: 'bench',
    dryRun: false,
    prune: false,
    origin: 'observed',
  });
  const driftStarted = performance.now();
  const drift = hub.drift();
  const driftSeconds = (performance.now() - driftStarted) / 1000;
  log(`drift report: ${round(driftSeconds, 2)} s, ${JSON.stringify(drift.summary)}`);
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
      driftItems: drift.items.length,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** What a discovery source would report of these hosts: their interfaces and what they connect to. */
function discoveryOf(twin: Twin, hosts: readonly Entity[]): InventoryImport {
  const entities: EntityInput[] = [];
  const relations: RelationInput[] = [];
  hosts.forEach((host, index) => {
    const serial = index % 10 === 0 ? 'OBSERVED-OTHERWISE' : host.props.serial;
    entities.push({ id: host.id, kind: host.kind, props: serial === undefined ? {} : { serial } });
    for (const contained of twin.live.outgoing(host.id, 'contains')) {
      entities.push({ id: contained.to, kind: 'interface' });
      relations.push({ type: 'contains', from: host.id, to: contained.to });
      for (const cable of twin.live.outgoing(contained.to, 'connects')) {
        entities.push({ id: cable.to, kind: 'interface' });
        relations.push({ type: 'connects', from: contained.to, to: cable.to });
      }
    }
  });
  return { document: { source: 'snmp:bench', entities, relations }, problems: [], counts: {} };
}
