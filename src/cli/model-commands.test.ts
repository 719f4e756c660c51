import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../api/start-test-server.js';
import { importJobSample } from '../ingest/inventory/dtdl/adt-samples.fixture.js';
import { thermostatV2 } from '../ingest/inventory/dtdl/dtdl-samples.fixture.js';
import { MemoryTwinStore } from '../model/index.js';
import { runMain } from './run-main.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'infratwin-models-'));

describe('infratwin models, import --from dtdl, export --to dtdl, drift', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
  });
  afterAll(() => server.close());
  const cli = (role: 'operator' | 'admin' | 'viewer', ...args: string[]) =>
    runMain('--url', server.base, '--token', server.tokens[role], ...args);

  it('defines a kind from a DTDL file and lists it', async () => {
    const file = join(dir, 'thermostat.json');
    writeFileSync(file, thermostatV2);
    const defined = await cli('operator', 'models', 'define', file);
    expect(defined).toMatchObject({ status: 0 });
    expect(defined.stdout).toMatch(/defined thermostat \(dtmi:com:example:Thermostat;1\)/);
    const listed = await cli('viewer', 'models', 'list');
    expect(listed.stdout).toContain('dtmi:com:example:Thermostat;1');
    const again = await cli('operator', 'models', 'define', file);
    expect(again.stdout).toMatch(/nothing to define|already defined/);
  });

  it('refuses a file that is not JSON, and a viewer removing a kind, with a non-zero exit', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "@id": ');
    const broken = await cli('operator', 'models', 'define', file);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json is not JSON/);
    const denied = await cli('viewer', 'models', 'remove', 'thermostat');
    expect(denied.status).toBe(1);
    expect(server.twin.catalog.has('thermostat')).toBe(true);
  });

  it('imports an ADT import job and exports the twin back as one', async () => {
    const file = join(dir, 'twins.ndjson');
    writeFileSync(file, importJobSample);
    const imported = await cli('operator', 'import', '--from', 'dtdl', file, '--name', 'contoso');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/imported dtdl:contoso: 2 new/);
    const out = join(dir, 'export.ndjson');
    expect((await cli('viewer', 'export', '--to', 'dtdl', '--out', out)).status).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toStrictEqual({ Section: 'Header' });
    const twins = lines.filter(
      (line) => typeof line.$dtId === 'string' && line.$relationshipId === undefined,
    );
    expect(twins.map((twin) => twin.$dtId).sort()).toStrictEqual(['twin0', 'twin1']);
    const drift = await cli('viewer', '--json', 'drift');
    expect(JSON.parse(drift.stdout).sources).toStrictEqual([
      expect.objectContaining({ source: 'dtdl:contoso', origin: 'declared', entities: 2 }),
    ]);
  });
});
