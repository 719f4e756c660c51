// The real net-snmp agent (Debian's snmpd) for tests, started on a free high port of 127.0.0.1 with
// a throw-away configuration: no root, no /etc/snmp, no /var/lib/snmp, no MIB files.
//
// The peer rule every test using it follows: without snmpd its suite is skipped with a loud
// warning, except in CI (CI=true), where it fails:
//
//   describe.skipIf(snmpd.skip)('…', () => {
//     beforeAll(async () => { agent = await startSnmpd(); }, 20_000);   // throws under CI without snmpd
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import snmp from 'net-snmp';

const path = process.env.SNMPD_PATH ?? '/usr/sbin/snmpd';
const installed = existsSync(path);
const ci = process.env.CI === 'true';

/** Where snmpd is (SNMPD_PATH, else Debian's), whether it is there, and whether to skip without it. */
export const snmpd = { path, installed, skip: !installed && !ci } as const;

/** The loud warning of a suite skipped for want of snmpd; `what` says what goes untested. */
export function warnSnmpdMissing(what: string): void {
  if (!snmpd.skip) return;
  console.warn(
    `\n${'!'.repeat(100)}\n!!! SKIPPED: the live SNMP tests need snmpd at ${path} (apt-get install snmpd, or set SNMPD_PATH).\n!!! ${what} is NOT tested in this run.\n${'!'.repeat(100)}\n`,
  );
}

export interface AgentOptions {
  /** The read-only community, allowed from 127.0.0.1 only. */
  readonly community?: string;
  readonly sysName?: string;
  readonly sysLocation?: string;
  readonly sysContact?: string;
  /** The agent's own (`Linux <host> <kernel> …`) when not given. */
  readonly sysDescr?: string;
}

export interface Agent {
  readonly process: ChildProcess;
  readonly port: number;
  readonly dir: string;
  readonly output: () => string;
}

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

function sysNameAnswers(port: number, community: string): Promise<boolean> {
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

/** Starts snmpd and resolves once it answers; throws (naming the CI rule) when snmpd is missing. */
export async function startSnmpd(options: AgentOptions = {}): Promise<Agent> {
  if (!installed) {
    throw new Error(
      `CI=true and snmpd is missing at ${path}: the live SNMP tests must run in CI (apt-get install snmpd)`,
    );
  }
  const community = options.community ?? 'public';
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
        `sysName ${options.sysName ?? 'it-switch-1'}`,
        `sysLocation ${options.sysLocation ?? 'dc1/a/r01'}`,
        `sysContact ${options.sysContact ?? 'noc@example.com'}`,
        ...(options.sysDescr === undefined ? [] : [`sysDescr ${options.sysDescr}`]),
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
      path,
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
      if (await sysNameAnswers(port, community)) return { process: child, port, dir, output: () => output };
    }
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    lastOutput = output;
    // A port taken between finding it free and snmpd binding it: try another.
    if (!/Error opening specified endpoint/.test(output)) break;
  }
  throw new Error(`snmpd did not answer within 5 s; its output:\n${lastOutput}`);
}

export async function stopSnmpd(agent: Agent): Promise<void> {
  if (agent.process.exitCode === null && agent.process.signalCode === null) {
    const exited = new Promise((resolve) => agent.process.once('exit', resolve));
    agent.process.kill('SIGTERM');
    const timer = setTimeout(() => agent.process.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(agent.dir, { recursive: true, force: true });
}
