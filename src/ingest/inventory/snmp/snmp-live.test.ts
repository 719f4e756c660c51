// SNMP discovery against the real net-snmp agent (Debian's snmpd), started on a free high port of
// 127.0.0.1 with a throw-away configuration: no root, no /etc/snmp, no /var/lib/snmp, no MIB files.
// Without snmpd the suite is skipped with a loud warning, except in CI (CI=true), where it fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../../model/index.js';
import { estateToOperations } from '../../estate-file.js';
import { SnmpTimeoutError } from './snmp-errors.js';
import { snmpInventory } from './snmp-mapping.js';
import { pollDevice } from './snmp-poller.js';
import { snmpSamples } from './snmp-samples.js';

const snmpdPath = process.env.SNMPD_PATH ?? '/usr/sbin/snmpd';
const installed = existsSync(snmpdPath);
const ci = process.env.CI === 'true';
if (!installed && !ci) {
  console.warn(
    `\n${'!'.repeat(100)}\n!!! SKIPPED: the live SNMP tests need snmpd at ${snmpdPath} (apt-get install snmpd, or set SNMPD_PATH).\n!!! Discovery against a real agent is NOT tested in this run.\n${'!'.repeat(100)}\n`,
  );
}

const community = 'public';

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

function sysNameAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const session = snmp.createSession('127.0.0.1', community, {
      port,
      version: snmp.Version2c,
      timeout: 200,
      retries: 0,
    });
    session.on('error', () => undefined);
    session.get(['1.3.6.1.2.1.1.5.0'], (error) => {
      session.close();
      resolve(!error);
    });
  });
}

interface Agent {
  readonly process: ChildProcess;
  readonly port: number;
  readonly dir: string;
  readonly output: () => string;
}

async function startSnmpd(): Promise<Agent> {
  let lastOutput = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freeUdpPort();
    const dir = mkdtempSync(join(tmpdir(), 'infratwin-snmpd-'));
    const conf = join(dir, 'snmpd.conf');
    writeFileSync(
      conf,
      [
        `agentAddress udp:127.0.0.1:${port}`,
        `rocommunity ${community} 127.0.0.1`,
        'sysName it-switch-1',
        'sysLocation dc1/a/r01',
        'sysContact noc@example.com',
        // Not a log line per request.
        'dontLogTCPWrappersConnects yes',
        '',
      ].join('\n'),
    );
    // -f foreground, -Lo log to stdout, -C only this configuration file; the endpoint comes from
    // agentAddress (naming it on the command line too makes snmpd bind it twice and exit).
    // -I -smux: no SMUX listener on port 199, privileged. -M /dev/null -m '': no MIB files to
    // parse (Debian ships few, and snmpd needs none to serve). SNMP_PERSISTENT_DIR: not /var/lib/snmp.
    const child = spawn(
      snmpdPath,
      [
        '-f',
        '-Lo',
        '-C',
        '-c',
        conf,
        '-p',
        join(dir, 'snmpd.pid'),
        '-I',
        '-smux',
        '-M',
        '/dev/null',
        '-m',
        '',
      ],
      {
        env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 5000;
    while (!exited && Date.now() < deadline) {
      if (await sysNameAnswers(port)) return { process: child, port, dir, output: () => output };
    }
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    lastOutput = output;
    // A port taken between finding it free and snmpd binding it: try another.
    if (!/Error opening specified endpoint/.test(output)) break;
  }
  throw new Error(`snmpd did not answer within 5 s; its output:\n${lastOutput}`);
}

async function stopSnmpd(agent: Agent): Promise<void> {
  if (agent.process.exitCode === null && agent.process.signalCode === null) {
    const exited = new Promise((resolve) => agent.process.once('exit', resolve));
    agent.process.kill('SIGTERM');
    const timer = setTimeout(() => agent.process.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(agent.dir, { recursive: true, force: true });
}

describe.skipIf(!installed && !ci)('SNMP discovery against a real snmpd', () => {
  let agent: Agent | undefined;

  beforeAll(async () => {
    if (!installed) {
      throw new Error(
        `CI=true and snmpd is missing at ${snmpdPath}: the live SNMP tests must run in CI (apt-get install snmpd)`,
      );
    }
    agent = await startSnmpd();
  }, 20_000);

  afterAll(async () => {
    if (agent) await stopSnmpd(agent);
  });

  const target = () => ({ host: '127.0.0.1', port: (agent as Agent).port, community });

  it('reads the system group, the interfaces with their counters and addresses, and no LLDP', async () => {
    const device = await pollDevice(target());
    expect(device.system).toMatchObject({
      name: 'it-switch-1',
      location: 'dc1/a/r01',
      contact: 'noc@example.com',
    });
    expect(device.system.objectId).toMatch(/^1\.3\.6\.1\.4\.1\.8072\.3\.2\./);
    expect(device.system.uptimeSeconds).toBeGreaterThanOrEqual(0);
    const lo = device.interfaces.find((iface) => iface.name === 'lo');
    expect(lo).toMatchObject({ type: 24, mac: null, adminUp: true, operUp: true, counterBits: 64 });
    expect(lo?.ipAddresses).toContain('127.0.0.1');
    for (const iface of device.interfaces) {
      expect(typeof iface.inOctets).toBe('number');
      expect(typeof iface.outOctets).toBe('number');
      expect(iface.index).toBeGreaterThan(0);
    }
    expect(device.neighbours).toEqual([]);
  });

  it('maps onto a real twin and records non-negative rates from two polls a second apart', async () => {
    const first = await pollDevice(target());
    const { document, problems } = snmpInventory([first], { name: 'live' });
    expect(problems).toEqual([]);
    // net-snmp on Linux is a host, whatever it is called.
    expect(document.entities[0]).toMatchObject({
      id: 'host:it-switch-1',
      labels: { 'snmp-location': 'dc1/a/r01' },
      props: { managementIp: '127.0.0.1', os: expect.stringMatching(/^Linux /) },
    });
    expect(document.entities.find((e) => e.id === 'interface:it-switch-1/lo')?.props?.ipAddresses).toContain(
      '127.0.0.1',
    );
    const twin = await Twin.open({ store: new MemoryTwinStore() });
    await twin.apply({
      actor: 'test',
      reason: 'snmp',
      source: document.source,
      ops: estateToOperations(document),
    });
    expect(twin.live.entity('host:it-switch-1')?.kind).toBe('host');

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const second = await pollDevice(target());
    const samples = snmpSamples(second, first, { name: 'live' });
    expect(samples.length).toBeGreaterThanOrEqual(2);
    // Non-negative, not positive: snmpd caches interface counters for a few seconds, so two polls a
    // second apart may read the same values although the polls themselves crossed lo.
    for (const sample of samples) {
      expect(Number.isFinite(sample.value)).toBe(true);
      expect(sample.value).toBeGreaterThanOrEqual(0);
    }
    expect(samples.map((s) => s.metric)).toContain('receive_bits_per_second');
    expect(twin.recordSamples(samples)).toEqual({ accepted: samples.length, rejected: [] });
  });

  it('times out on a wrong community, naming host and port but not the community', async () => {
    const secret = 'wrong-community-x9';
    const failure = pollDevice({ ...target(), community: secret, timeoutMs: 300, retries: 1 });
    await expect(failure).rejects.toThrow(SnmpTimeoutError);
    await expect(failure).rejects.toThrow(
      `no SNMP answer from 127.0.0.1:${(agent as Agent).port} in 0.6 s (2 tries of 0.3 s) — wrong community, port or ACL?`,
    );
    await failure.catch((error: Error) => expect(`${error.message}${error.stack}`).not.toContain(secret));
  });
});
