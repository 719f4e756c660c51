// `infratwin import --from snmp` as a user runs it: the CLI's entry (main, as bin/infratwin.js calls
// it) polls the real net-snmp agent (Debian's snmpd, snmpd-agent.fixture.ts) over SNMP v2c with the
// community read from a file, and sends what it found over HTTP to a real server, whose twin is
// then read. The peer rule is snmp-live.test.ts's: without snmpd this suite is skipped with a loud
// warning, except in CI (CI=true), where it fails.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../api/start-test-server.js';
import { interfaceIds } from '../ingest/inventory/snmp/snmp-identity.js';
import { pollDevice } from '../ingest/inventory/snmp/snmp-poller.js';
import {
  type Agent,
  snmpd,
  startSnmpd,
  stopSnmpd,
  warnSnmpdMissing,
} from '../ingest/inventory/snmp/snmpd-agent.fixture.js';
import { MemoryTwinStore } from '../model/index.js';
import { runMain } from './run-main.fixture.js';

warnSnmpdMissing('`infratwin import --from snmp` against a real agent');

// Not `public`, the CLI's default: only the community in the file opens the agent.
const community = 'it-ro-7c41e';
const wrongCommunity = 'wrong-community-q8';
// A switch's banner: the kind (switch) and the model prop come from it, whatever runs the agent.
const sysDescr = 'Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 15.2(4)E10';
const deviceId = 'switch:lab-sw-1';

describe.skipIf(snmpd.skip)('infratwin import --from snmp against a real snmpd and server', () => {
  let agent: Agent | undefined;
  let server: TestServer | undefined;
  let dir = '';
  const communityFile = () => join(dir, 'community.txt');
  const wrongFile = () => join(dir, 'wrong-community.txt');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'infratwin-import-snmp-'));
    writeFileSync(communityFile(), `${community}\n`);
    writeFileSync(wrongFile(), `${wrongCommunity}\n`);
    agent = await startSnmpd({ community, sysName: 'lab-sw-1', sysLocation: 'dc1/a/r07', sysDescr });
    server = await startTestServer({ store: new MemoryTwinStore() });
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    if (agent) await stopSnmpd(agent);
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const twin = () => (server as TestServer).twin;
  const target = () => `127.0.0.1:${(agent as Agent).port}`;

  /** `infratwin --url <server> --token <an operator's> <args>`. */
  const infratwin = (...args: string[]) => {
    const { base, tokens } = server as TestServer;
    return runMain('--url', base, '--token', tokens.operator, ...args);
  };

  const importFrom = (file: string, ...more: string[]) =>
    infratwin('import', '--from', 'snmp', '--target', target(), '--community-file', file, ...more);

  it('imports the device, named and typed from sysName and sysDescr, with its IF-MIB interfaces', async () => {
    const run = await importFrom(communityFile(), '--name', 'lab', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout) as { source: string; seq?: number; added: number };
    expect(answer).toMatchObject({ source: 'snmp:lab', seq: twin().seq });

    expect(twin().live.entity(deviceId)).toMatchObject({
      kind: 'switch',
      name: 'lab-sw-1',
      labels: { 'snmp-location': 'dc1/a/r07' },
      props: { managementIp: '127.0.0.1', model: sysDescr },
      provenance: { origin: 'observed', source: 'snmp:lab' },
    });

    // Every interface the agent's IF-MIB lists (but an address-less loopback), as the agent answers
    // the library directly: contained by the device, with its ifName, speed, MAC and addresses.
    const polled = await pollDevice({ host: '127.0.0.1', port: (agent as Agent).port, community });
    const expected = interfaceIds(polled);
    expect(expected.map(({ iface }) => iface.name)).toContain('lo');
    const contained = twin()
      .live.outgoing(deviceId, 'contains')
      .map((relation) => relation.to)
      .sort();
    expect(contained).toEqual(expected.map(({ id }) => id).sort());
    for (const { iface, id } of expected) {
      expect(twin().live.entity(id)).toMatchObject({
        kind: 'interface',
        name: iface.name,
        props: {
          ipAddresses: iface.ipAddresses,
          ...(iface.mac === null ? {} : { macAddress: iface.mac }),
          ...(iface.speedBitsPerSecond === null ? {} : { speedBitsPerSecond: iface.speedBitsPerSecond }),
        },
      });
    }
    expect(twin().live.entity('interface:lab-sw-1/lo')?.props.ipAddresses).toContain('127.0.0.1');
    expect(answer.added).toBe(1 + expected.length);
  });

  it('changes nothing when run again', async () => {
    const seq = twin().seq;
    const entities = [...twin().live.entities()];
    const run = await importFrom(communityFile(), '--name', 'lab');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^imported snmp:lab: 0 new, 0 changed, \d+ unchanged, 0 new relations \(nothing to change\)$/m,
    );
    expect(twin().seq).toBe(seq);
    expect([...twin().live.entities()]).toEqual(entities);
  });

  it('says why a wrong community gets no answer, exits non-zero and changes nothing', async () => {
    const seq = twin().seq;
    const count = twin().counts.entities;
    const run = await importFrom(wrongFile(), '--name', 'lab');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `infratwin: no SNMP answer from ${target()} in 4 s (2 tries of 2 s) — wrong community, port or ACL?\n`,
    );
    expect(run.stderr).toMatch(/^infratwin: no device answered$/m);
    // The community is a secret: it is read from the file and never printed.
    expect(run.stderr).not.toContain(wrongCommunity);
    expect(twin().seq).toBe(seq);
    expect(twin().counts.entities).toBe(count);
  }, 20_000);
});
