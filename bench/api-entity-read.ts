// GET /api/entities/{id} under load (issue 2: ≥ 20,000 req/s, p99 < 10 ms on this 2-core
// machine), side by side with a bare Fastify route that returns the same bytes with no twin, no
// auth and no validation: the ceiling of the framework on this machine.
// Usage: npm run bench -- api-entity-read [--hosts 10000] [--seconds 10] [--connections 50]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { createAuthService, createServer } from '../src/api/index.js';
import { Twin } from '../src/model/index.js';
import { MemoryTwinStore } from '../src/model/memory-twin-store.js';
import { estateOperations, generateEstate } from '../src/plant/index.js';
import { argValue } from './bench-utils.js';

const hosts = Number(argValue('--hosts') ?? 10_000);
const seconds = argValue('--seconds') ?? '10';
const connections = argValue('--connections') ?? '50';
const dir = mkdtempSync(join(tmpdir(), 'infratwin-api-bench-'));

const estate = generateEstate({ hosts, seed: 1 });
const store = new MemoryTwinStore();
const twin = await Twin.open({ store });
await twin.apply({
  actor: 'bench',
  ops: estateOperations(estate),
});
const auth = createAuthService(store);
const { secret } = await auth.create('bench', 'viewer', 'bench');
const app = await createServer({ twin, auth }, { logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const ids = estate.entities.filter((_, index) => index % 7 === 0).map((entity) => entity.id);
const paths = ids.slice(0, 5_000).map((id) => `/api/entities/${encodeURIComponent(id)}`);
const pathsFile = join(dir, 'paths.json');
writeFileSync(pathsFile, JSON.stringify(paths));
const sampleBody = await (
  await fetch(`${address(app.server.address())}${paths[0]}`, {
    headers: { authorization: `Bearer ${secret}` },
  })
).text();

const baseline = Fastify({ logger: false });
baseline.get('/api/entities/:id', async (_request, reply) => reply.type('application/json').send(sampleBody));
await baseline.listen({ host: '127.0.0.1', port: 0 });

interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** Runs the load generator in its own process, so this server's event loop keeps a core. */
function load(url: string, token: string): Promise<LoadResult> {
  const script = join(import.meta.dirname, 'load-generator.ts');
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    script,
    url,
    pathsFile,
    token,
    seconds,
    connections,
  ]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`load generator failed: ${stderr}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

const baselineResult = await load(address(baseline.server.address()), '');
const twinResult = await load(address(app.server.address()), secret);
await app.close();
await baseline.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    benchmark: 'api-entity-read',
    hosts,
    entities: estate.entities.length,
    connections: Number(connections),
    seconds: Number(seconds),
    infratwin: twinResult,
    bareFastify: baselineResult,
    ratioToBareFastify:
      Math.round((twinResult.requestsPerSecond / baselineResult.requestsPerSecond) * 100) / 100,
    goal: { requestsPerSecond: 20_000, p99Ms: 10 },
  }),
);

function address(value: ReturnType<typeof app.server.address>): string {
  if (typeof value !== 'object' || value === null) throw new Error('server is not listening');
  return `http://127.0.0.1:${value.port}`;
}
