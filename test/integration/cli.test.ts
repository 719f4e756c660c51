import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { kubectlList } from '../../src/ingest/inventory/kubernetes/kubernetes-samples.fixture.js';
import { cliPath, projectRoot, runCli, startServerProcess, stopProcess } from './cli-process.js';

// The `infratwin` command as a user runs it: the built bin, a real database file, a real server.
const dir = mkdtempSync(join(tmpdir(), 'infratwin-cli-'));
const db = join(dir, 'twin.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const estate = `apiVersion: infratwin/v1
entities:
  - { id: "site:s1", kind: site }
  - { id: "rack:s1/r1", kind: rack, props: { powerBudgetWatts: 6000 } }
  - { id: "pdu:s1/r1-a", kind: pdu, props: { ratedWatts: 5000 } }
  - { id: "pdu:s1/r1-b", kind: pdu, props: { ratedWatts: 5000 } }
  - { id: "host:web-1", kind: host, labels: { env: prod }, props: { cpuCores: 16 } }
  - { id: "host:web-2", kind: host, labels: { env: dev } }
relations:
  - { type: contains, from: "site:s1", to: "rack:s1/r1" }
  - { type: contains, from: "rack:s1/r1", to: "host:web-1" }
  - { type: contains, from: "rack:s1/r1", to: "host:web-2" }
  - { type: contains, from: "rack:s1/r1", to: "pdu:s1/r1-a" }
  - { type: contains, from: "rack:s1/r1", to: "pdu:s1/r1-b" }
  - { type: powered-by, from: "host:web-1", to: "pdu:s1/r1-a" }
  - { type: powered-by, from: "host:web-1", to: "pdu:s1/r1-b" }
  - { type: powered-by, from: "host:web-2", to: "pdu:s1/r1-a" }
`;

const json = <T>(result: { stdout: string }) => JSON.parse(result.stdout) as T;

describe('infratwin CLI', () => {
  // runCli waits for the command synchronously, and the tests before the demo's do nothing else:
  // together they hold the worker's event loop for over a minute, and vitest's own messages to
  // the worker then time out ("Timeout calling onTaskUpdate"). A turn of the loop before each test
  // lets them through.
  beforeEach(() => new Promise((resolve) => setImmediate(resolve)));

  const estateFile = join(dir, 'estate.yaml');
  writeFileSync(estateFile, estate);

  it('imports an estate once, and a second import changes nothing', () => {
    const first = runCli(['--db', db, '--json', 'import', estateFile]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(json<{ changed: boolean; seq: number }>(first)).toMatchObject({ changed: true, seq: 1 });
    const again = runCli(['--db', db, 'import', estateFile]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/nothing to change/);
  });

  it('names file, line and field of every problem in a bad estate, and applies none of it', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'apiVersion: infratwin/v1\nentities:\n  - { id: "host:ok-1", kind: host }\n  - { id: "host:x", kind: hots }\n  - { id: "rack:y", kind: rack, props: { units: "tall" } }\n',
    );
    const result = runCli(['--db', db, 'import', bad]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad\.yaml:4:\d+: entities\[1\]\.kind/);
    expect(result.stderr).toMatch(/bad\.yaml:5:\d+: entities\[2\]\.props\.units/);
    expect(
      json<{ total: number }>(runCli(['--db', db, '--json', 'query', '--search', 'ok-1'])),
    ).toMatchObject({ total: 0 });
  });

  it('answers queries, impact and power path, as JSON and as tables', () => {
    const page = json<{ items: Array<{ id: string }> }>(
      runCli(['--db', db, '--json', 'query', '-k', 'host', '-l', 'env=prod']),
    );
    expect(page.items.map((item) => item.id)).toEqual(['host:web-1']);
    const impact = json<{ affected: Array<{ id: string; effect: string }> }>(
      runCli(['--db', db, '--json', 'impact', 'pdu:s1/r1-a']),
    );
    expect(Object.fromEntries(impact.affected.map((item) => [item.id, item.effect]))).toEqual({
      'host:web-1': 'degraded',
      'host:web-2': 'failed',
    });
    const table = runCli(['--db', db, 'impact', 'rack:s1/r1']);
    expect(table.stdout).toMatch(/host:web-1/);
    expect(table.stdout).toMatch(/rack:s1\/r1 → host:web-1/);
    const power = json<{ paths: Array<Array<{ kind: string }>> }>(
      runCli(['--db', db, '--json', 'power-path', 'host:web-1']),
    );
    expect(power.paths.map((path) => path.map((hop) => hop.kind))).toEqual([
      ['pdu', 'rack', 'host'],
      ['pdu', 'rack', 'host'],
    ]);
    const missing = runCli(['--db', db, 'get', 'host:nope']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/404|no entity/);
  });

  it('forks, changes the fork, diffs it and deletes it without touching the live twin', () => {
    const fork = json<{ id: string }>(runCli(['--db', db, '--json', 'fork', 'create', 'drain web-2']));
    const changes = join(dir, 'changes.yaml');
    writeFileSync(
      changes,
      'reason: drain\nops:\n  - { op: remove-entity, id: "host:web-2" }\n  - { op: patch-entity, id: "host:web-1", props: { cpuCores: 32 } }\n',
    );
    expect(runCli(['--db', db, 'fork', 'apply', fork.id, changes]).status).toBe(0);
    const diff = json<{ entities: { removed: Array<{ id: string }>; changed: Array<{ id: string }> } }>(
      runCli(['--db', db, '--json', 'fork', 'diff', fork.id]),
    );
    expect(diff.entities.removed.map((entity) => entity.id)).toEqual(['host:web-2']);
    expect(diff.entities.changed.map((entity) => entity.id)).toEqual(['host:web-1']);
    expect(runCli(['--db', db, '--json', 'get', 'host:web-2']).status).toBe(0);
    expect(runCli(['--db', db, '--json', 'get', 'host:web-2', '--fork', fork.id]).status).toBe(1);
    expect(runCli(['--db', db, 'fork', 'delete', fork.id]).status).toBe(0);
    const history = json<{ items: Array<{ seq: number; reason: string }> }>(
      runCli(['--db', db, '--json', 'history']),
    );
    expect(history.items.map((item) => item.seq)).toEqual([1]);
  });

  it('stops quietly when its reader closes the pipe early', () => {
    // Far more output than a pipe buffers, so the writer meets the closed pipe.
    const big = join(dir, 'big.json');
    const hosts = Array.from({ length: 3_000 }, (_, index) => ({
      id: `host:bulk-${index}`,
      kind: 'host',
      labels: { env: 'prod' },
    }));
    writeFileSync(big, JSON.stringify({ apiVersion: 'infratwin/v1', entities: hosts }));
    const bigDb = join(dir, 'big.db');
    expect(runCli(['--db', bigDb, 'import', big]).status).toBe(0);
    const command = `node ${JSON.stringify(cliPath)} --db ${JSON.stringify(bigDb)} --json query --limit 3000 | head -1`;
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', command], { encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(result.status).toBe(0);
  });

  it('runs a what-if scenario on an imported estate, as JSON and as a table, and solves a queueing case', () => {
    const exampleDb = join(dir, 'example.db');
    expect(runCli(['--db', exampleDb, 'import', join(projectRoot, 'examples', 'estate.yaml')]).status).toBe(
      0,
    );
    const scenario = join(dir, 'rack.yaml');
    writeFileSync(scenario, 'name: rack-down\nfailover: 2m\nsteps:\n  - fail: { entity: rack:dc1/a/r01 }\n');
    const result = json<{ fork: string; chain: Array<{ event: string; atSeconds: number }> }>(
      runCli(['--db', exampleDb, '--json', 'scenario', 'run', scenario]),
    );
    expect(result.fork).toMatch(/^fork-/);
    expect(result.chain.some((step) => step.event === 'replica-lost' && step.atSeconds === 0)).toBe(true);
    expect(result.chain.some((step) => step.event === 'failed-over' && step.atSeconds === 120)).toBe(true);
    const table = runCli(['--db', exampleDb, 'scenario', 'run', scenario, '--no-keep-fork']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/cascade: \d+ steps/);
    expect(table.stdout).toMatch(/headroom: today/);
    const bad = runCli(['--db', exampleDb, 'scenario', 'run', scenario.replace('rack', 'missing')]);
    expect(bad.status).not.toBe(0);
    const queueingCase = join(dir, 'mmc.json');
    writeFileSync(
      queueingCase,
      JSON.stringify({ kind: 'mmc', input: { arrival_rate: 9, service_rate: 5, servers: 2 } }),
    );
    const solved = json<{ mean_response: number; p_wait: number }>(runCli(['queueing', queueingCase]));
    expect(solved.mean_response).toBeCloseTo(1.0526, 3);
    expect(solved.p_wait).toBeCloseTo(0.8526, 3);
  });

  it('finds attack paths, imports a scan and tries a defense on a fork', () => {
    const attackDb = join(dir, 'attack.db');
    expect(
      runCli(['--db', attackDb, 'import', join(projectRoot, 'examples', 'attack', 'estate.yaml')]).status,
    ).toBe(0);
    const analysis = json<{
      jewels: Array<{ id: string; reachable: boolean; mostLikely: { length: number } }>;
    }>(runCli(['--db', attackDb, '--json', 'attack-paths', '--trials', '2000']));
    expect(analysis.jewels[0]).toMatchObject({ id: 'host:db-1', reachable: true, mostLikely: { length: 6 } });
    const table = runCli(['--db', attackDb, 'attack-paths', '--trials', '0', '--hardening', 'exact']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/most likely path to host:db-1/);
    expect(table.stdout).toMatch(/minimal hardening set \(exact, optimal\): 1 fix/);
    expect(table.stdout).toMatch(/pdu:pdu-a/);
    const scan = join(dir, 'scan.xml');
    writeFileSync(
      scan,
      '<nmaprun scanner="nmap"><host><status state="up"/><address addr="10.0.2.20" addrtype="ipv4"/>' +
        '<ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh"/></port></ports></host></nmaprun>',
    );
    const imported = runCli(['--db', attackDb, 'import-security', 'nmap', scan]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/nmap .*scan\.xml: \d+ change/);
    const defended = json<{ comparison: { jewels: Array<{ reachableAfter: boolean }> } }>(
      runCli([
        '--db',
        attackDb,
        '--json',
        'attack-defend',
        '--rotate',
        'credential:orders-admin',
        '--trials',
        '0',
      ]),
    );
    expect(defended.comparison.jewels[0]?.reachableAfter).toBe(false);
    const none = runCli(['--db', attackDb, 'attack-defend']);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/no defense given/);
  });

  it('imports a Kubernetes cluster: dry run, import, and a second import that changes nothing', () => {
    const inventoryDb = join(dir, 'inventory.db');
    const cluster = join(dir, 'cluster.json');
    writeFileSync(cluster, JSON.stringify(kubectlList));
    const dry = runCli([
      '--db',
      inventoryDb,
      'import',
      '--from',
      'k8s',
      cluster,
      '--name',
      'prod',
      '--dry-run',
    ]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/would import k8s:prod: \d+ new/);
    expect(dry.stdout).toMatch(/skipped: items\[\d+\]\.spec\.containers/);
    const applied = json<{ seq: number; added: number }>(
      runCli(['--db', inventoryDb, '--json', 'import', '--from', 'k8s', cluster, '--name', 'prod']),
    );
    expect(applied.seq).toBe(1);
    expect(applied.added).toBeGreaterThan(5);
    const again = runCli(['--db', inventoryDb, 'import', '--from', 'k8s', cluster, '--name', 'prod']);
    expect(again.stdout).toMatch(/0 new, 0 changed, \d+ unchanged.*nothing to change/);
    const wrong = runCli(['--db', inventoryDb, 'import', '--from', 'terraform', cluster]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/Terraform state/);
  });

  it('prints help for every command', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    for (const command of [
      'demo',
      'serve',
      'import',
      'get',
      'query',
      'impact',
      'history',
      'fork',
      'tokens',
      'alerts',
      'accuracy',
      'lint',
      'detect',
      'forecast',
      'plant-check',
      'scenario',
      'queueing',
      'attack-paths',
      'attack-defend',
      'import-security',
    ]) {
      expect(help.stdout).toContain(command);
    }
    expect(runCli(['fork', 'create', '--help']).stdout).toMatch(/--parent/);
  });

  it('runs the demo: estate, live telemetry, faults, tokens and roles over HTTP', async () => {
    const demoDb = join(dir, 'demo.db');
    const server = await startServerProcess(['demo', '--db', demoDb, '--hosts', '40', '--tick', '200']);
    try {
      const admin = server.ready.adminToken as string;
      expect(admin).toMatch(/^itw_/);
      expect(server.ready.entities).toBeGreaterThan(200);
      const env = { INFRATWIN_URL: server.url, INFRATWIN_TOKEN: admin };
      // The first telemetry arrives within a tick or two; on a busy machine, give it a few seconds.
      let inlet: number | undefined;
      for (const deadline = Date.now() + 15_000; inlet === undefined && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const racks = json<{
          items: Array<{ id: string; state: { metrics: Record<string, { value: number }> } }>;
        }>(runCli(['--json', 'query', '-k', 'rack', '--limit', '1'], env));
        inlet = racks.items[0]?.state.metrics.inlet_temperature_celsius?.value;
      }
      expect(inlet).toBeGreaterThan(15);
      expect(inlet).toBeLessThan(40);
      const types = json<{ items: Array<{ type: string }> }>(runCli(['--json', 'faults', 'types'], env));
      expect(types.items.map((item) => item.type)).toContain('cooling-failure');
      // A cooling unit stops: the next evaluation of the prediction loop raises it as an alert.
      const unit = json<{ items: Array<{ id: string }> }>(
        runCli(['--json', 'query', '-k', 'cooling-unit', '--limit', '1'], env),
      ).items[0]?.id as string;
      expect(runCli(['faults', 'inject', 'cooling-failure', unit], env).status).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const evaluated = await fetch(`${server.url}/api/predictions/evaluate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(evaluated.status).toBe(200);
      const alerts = json<{ items: Array<{ id: string; kind: string; entityId: string }> }>(
        runCli(['--json', 'alerts', '--kind', 'cooling-failure'], env),
      );
      expect(alerts.items.map((alert) => alert.entityId)).toStrictEqual([unit]);
      const acknowledged = runCli(['alerts', 'ack', alerts.items[0]?.id as string], env);
      expect(acknowledged.stdout).toMatch(/acknowledged/);
      const viewer = json<{ secret: string }>(
        runCli(['--json', 'tokens', 'create', 'ci-viewer', '--role', 'viewer'], env),
      );
      const refused = runCli(['fork', 'create', 'nope'], {
        INFRATWIN_URL: server.url,
        INFRATWIN_TOKEN: viewer.secret,
      });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/403/);
      const local = runCli(['--db', demoDb, 'fork', 'create', 'local']);
      expect(local.status).toBe(1);
      expect(local.stderr).toMatch(/is running on/);
    } finally {
      await stopProcess(server.child);
    }
  }, 90_000);
});
