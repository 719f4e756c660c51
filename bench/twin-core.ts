// The twin core's figures (issue 2): load a generated estate into the twin and the SQLite store,
// restart from the store, blast radius latency, fork + 1,000 changes + diff, reads through a fork.
// Usage: npm run bench -- twin-core [--hosts 100000] [--seed 1]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeImpact, type Operation, Twin } from '../src/model/index.js';
import { estateOperations, generateEstate } from '../src/plant/index.js';
import { SqliteTwinStore } from '../src/store/index.js';
import { argValue, percentile, round, timed } from './bench-utils.js';

const hosts = Number(argValue('--hosts') ?? 100_000);
const seed = Number(argValue('--seed') ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'infratwin-bench-'));
const db = join(dir, 'twin.db');
const log = (line: string) => process.stderr.write(`${line}\n`);

const heapBefore = heapMb();
const generation = timed(() => generateEstate({ hosts, seed }));
const estate = generation.value;
const ops: Operation[] = estateOperations(estate);
log(
  `generated ${estate.entities.length} entities + ${estate.relations.length} relations in ${round(generation.ms)} ms`,
);

const twin = await Twin.open({ store: SqliteTwinStore.open(db) });
const load = await timedAsync(() => twin.apply({ actor: 'bench', reason: 'load', ops }));
const heapAfterLoad = heapMb();
log(`loaded into twin + SQLite in ${round(load.ms)} ms`);

// Blast radius of what the issue names: racks, switches, PDUs and cooling units, and hosts; the
// figures of merit are over these. A UPS takes a whole room's A or B side (thousands of entities)
// and is reported on its own.
const sample = (kind: string, count: number) => {
  const ids = [...twin.live.entitiesOfKind(kind)].map((entity) => entity.id);
  return Array.from({ length: count }, (_, index) => ids[(index * 7_919) % ids.length] as string);
};
const targets = [
  ...sample('rack', 400),
  ...sample('switch', 400),
  ...sample('pdu', 400),
  ...sample('cooling-unit', 200),
  ...sample('host', 500),
];
const largeTargets = sample('ups', 100);
for (const id of targets.slice(0, 200)) computeImpact(twin.live, [id]);
const impactMs: number[] = [];
const impactByKind: Record<string, { ms: number[]; affected: number }> = {};
let affected = 0;
for (const id of [...targets, ...largeTargets]) {
  const started = performance.now();
  const count = computeImpact(twin.live, [id]).affected.length;
  const ms = performance.now() - started;
  if (!id.startsWith('ups:')) {
    affected += count;
    impactMs.push(ms);
  }
  const kind = id.slice(0, id.indexOf(':'));
  const entry = impactByKind[kind] ?? { ms: [], affected: 0 };
  entry.ms.push(ms);
  entry.affected += count;
  impactByKind[kind] = entry;
}

// Fork, 1,000 changes (one change set, persisted with fsync), diff: 20 cycles, the first ones
// warming up the JIT; the fork of the last cycle stays for the read test.
const hostIds = sample('host', 1_000);
const forkCycle = async () => {
  const fork = await twin.createFork({ name: 'bench', actor: 'bench' });
  const changes: Operation[] = hostIds.map((id, index) =>
    index % 2 === 0
      ? { op: 'patch-entity', id, props: { cpuCores: 128 } }
      : { op: 'set-metric', id, metric: 'cpu_utilization', value: 0.5 },
  );
  await twin.apply({ actor: 'bench', ops: changes }, { fork: fork.id });
  return { fork, diff: twin.diffFork(fork.id) };
};
const forkMs: number[] = [];
let forkRun = await timedAsync(forkCycle);
for (let cycle = 0; cycle < 20; cycle++) {
  await twin.deleteFork(forkRun.value.fork.id, 'bench');
  forkRun = await timedAsync(forkCycle);
  forkMs.push(forkRun.ms);
}
const { fork, diff } = forkRun.value;

// Reads: the same random ids, live and through the fork.
const readIds = sample('vm', 20_000);
const readPass = (view: ReturnType<Twin['view']>) => {
  let found = 0;
  const started = performance.now();
  for (let round = 0; round < 50; round++) for (const id of readIds) if (view.entity(id)) found++;
  return { nsPerRead: ((performance.now() - started) * 1e6) / (50 * readIds.length), found };
};
const forkView = twin.view({ fork: fork.id });
readPass(twin.live);
readPass(forkView);
const live = readPass(twin.live);
const through = readPass(forkView);

await twin.close();
const dbBytes = statSync(db).size + (statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0);
const restart = await timedAsync(() => Twin.open({ store: SqliteTwinStore.open(db) }));
const restored = restart.value.counts;
await restart.value.close();
rmSync(dir, { recursive: true, force: true });

const figures = {
  benchmark: 'twin-core',
  hosts,
  entities: estate.entities.length,
  relations: estate.relations.length,
  generateMs: round(generation.ms),
  loadMs: round(load.ms),
  loadGoalMs: 10_000,
  generateAndLoadMs: round(generation.ms + load.ms),
  heapAfterLoadMb: round(heapAfterLoad - heapBefore),
  rssMb: round(process.memoryUsage().rss / 1e6),
  dbMb: round(dbBytes / 1e6),
  restartReplayMs: round(restart.ms),
  restartMatches:
    restored.entities === estate.entities.length && restored.relations === estate.relations.length,
  blastRadius: {
    queries: impactMs.length,
    meanAffected: round(affected / impactMs.length),
    p50Ms: round(percentile(impactMs, 0.5), 3),
    p99Ms: round(percentile(impactMs, 0.99), 3),
    goalP99Ms: 5,
    byKind: Object.fromEntries(
      Object.entries(impactByKind).map(([kind, entry]) => [
        kind,
        {
          queries: entry.ms.length,
          meanAffected: round(entry.affected / entry.ms.length),
          p50Ms: round(percentile(entry.ms, 0.5), 3),
          p99Ms: round(percentile(entry.ms, 0.99), 3),
        },
      ]),
    ),
  },
  fork: {
    changes: hostIds.length,
    cycles: forkMs.length,
    createApplyDiffP50Ms: round(percentile(forkMs, 0.5), 2),
    createApplyDiffMaxMs: round(Math.max(...forkMs), 2),
    goalMs: 50,
    diffEntitiesChanged: diff.entities.changed.length,
    diffMetrics: diff.metrics.length,
  },
  reads: {
    liveNsPerRead: round(live.nsPerRead, 1),
    forkNsPerRead: round(through.nsPerRead, 1),
    forkToLiveRatio: round(through.nsPerRead / live.nsPerRead, 2),
    goalRatio: 2,
  },
};
console.log(JSON.stringify(figures));

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

async function timedAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}
