// Launchers for the real peers (node_exporter, Prometheus, VictoriaMetrics, Mosquitto) used by the
// integration tests and the benchmarks. Each peer runs on a free loopback port in its own temp dir
// and is stopped by PID: there is no systemd on these machines (see shared/PEERS.md).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { stringify as toYaml } from 'yaml';

export interface Peer {
  /** Base URL: `http://127.0.0.1:PORT` (`mqtt://127.0.0.1:PORT` for Mosquitto). */
  url: string;
  port: number;
  pid: number;
  /** The peer's temp dir (data, config); removed by `stop()`. */
  dir: string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is reaped and the dir removed. Idempotent. */
  stop(): Promise<void>;
  /** The tail of the peer's stdout and stderr, for failure messages. */
  logs(): string;
}

export type PeerName = 'node-exporter' | 'prometheus' | 'victoria-metrics' | 'mosquitto' | 'alertmanager';

export const peerBinaries: Record<PeerName, string> = {
  'node-exporter': 'prometheus-node-exporter',
  prometheus: 'prometheus',
  'victoria-metrics': 'victoria-metrics',
  mosquitto: 'mosquitto',
  alertmanager: 'prometheus-alertmanager',
};

export interface PeerOptions {
  /** How long to wait for readiness. Default 30 s. */
  readyTimeoutMs?: number;
  /** How long SIGTERM gets before SIGKILL. Default 10 s. */
  stopGraceMs?: number;
}

/** The full path of `binary` on PATH (plus the sbin dirs, where Mosquitto lives), or undefined. */
export function resolveBinary(binary: string): string | undefined {
  if (binary.includes('/')) return isExecutable(binary) ? binary : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function peerAvailable(binary: string): boolean {
  return resolveBinary(binary) !== undefined;
}

/**
 * For tests: true when the peer (a `PeerName` or a binary) is installed. When it is not, CI fails
 * (a missing peer there is a broken install step, not a reason to go green) and a developer's run
 * warns loudly and lets the caller skip.
 */
export function requirePeer(name: PeerName | string): boolean {
  const binary = name in peerBinaries ? peerBinaries[name as PeerName] : name;
  if (peerAvailable(binary)) return true;
  const message = `peer "${name}" is not installed (binary "${binary}" not found on PATH); see shared/PEERS.md for the apt-get line`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n${'!'.repeat(100)}\n!!! SKIPPING: ${message}\n${'!'.repeat(100)}\n`);
  return false;
}

/** A port that was free a moment ago: bind port 0 on loopback, read it, close. Racy by nature; starters retry. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('no port assigned'))));
    });
  });
}

export function startNodeExporter(options: PeerOptions = {}): Promise<Peer> {
  return startPeer({
    name: 'node-exporter',
    binary: peerBinaries['node-exporter'],
    // systemd's collector would log dbus errors on every scrape: there is no systemd here.
    args: ({ port }) => [`--web.listen-address=127.0.0.1:${port}`, '--no-collector.systemd'],
    ready: httpReady('/metrics'),
    ...options,
  });
}

export interface PrometheusOptions extends PeerOptions {
  /** `host:port` targets scraped as job `node`. */
  scrapeTargets?: string[];
  /** Default 1 s, so that tests see data (and the first remote_write, ≈ 6 s in) quickly. */
  scrapeIntervalSeconds?: number;
  remoteWriteUrl?: string;
  /**
   * Extra remote_write headers. Prometheus refuses to let `headers` set `Authorization`, so an
   * `Authorization: Bearer X` given here becomes the remote_write `authorization` block instead.
   */
  remoteWriteHeaders?: Record<string, string>;
  /** Serve `POST /api/v1/write` (`--web.enable-remote-write-receiver`). */
  enableRemoteWriteReceiver?: boolean;
  /** Labels added to every scraped target (static_configs labels). */
  extraLabels?: Record<string, string>;
  /** `global.external_labels`, added to every series Prometheus forwards. */
  externalLabels?: Record<string, string>;
}

export function startPrometheus(options: PrometheusOptions = {}): Promise<Peer> {
  return startPeer({
    name: 'prometheus',
    binary: peerBinaries.prometheus,
    args: ({ port, dir }) => {
      const configFile = join(dir, 'prometheus.yml');
      writeFileSync(configFile, prometheusConfig(options));
      return [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // Without it, stopping Prometheus after its receiver hangs ≈ 58 s on the unsent queue.
        '--storage.remote.flush-deadline=2s',
        ...(options.enableRemoteWriteReceiver ? ['--web.enable-remote-write-receiver'] : []),
      ];
    },
    ready: httpReady('/-/ready'),
    ...options,
  });
}

/** The prometheus.yml that `startPrometheus` writes; exported for tests of the config itself. */
export function prometheusConfig(options: PrometheusOptions): string {
  const interval = options.scrapeIntervalSeconds ?? 1;
  const config: Record<string, unknown> = {
    global: {
      scrape_interval: `${interval}s`,
      scrape_timeout: `${Math.min(interval, 10)}s`,
      evaluation_interval: `${interval}s`,
      ...(options.externalLabels ? { external_labels: options.externalLabels } : {}),
    },
    scrape_configs: options.scrapeTargets?.length
      ? [
          {
            job_name: 'node',
            static_configs: [
              {
                targets: options.scrapeTargets,
                ...(options.extraLabels ? { labels: options.extraLabels } : {}),
              },
            ],
          },
        ]
      : [],
  };
  if (options.remoteWriteUrl) {
    const headers: Record<string, string> = {};
    let bearer: string | undefined;
    for (const [name, value] of Object.entries(options.remoteWriteHeaders ?? {})) {
      const token = /^bearer\s+(.+)$/i.exec(value)?.[1];
      if (name.toLowerCase() === 'authorization' && token) bearer = token;
      else headers[name] = value;
    }
    config.remote_write = [
      {
        url: options.remoteWriteUrl,
        // The default 5 s deadline would make tests wait for the first request.
        queue_config: { batch_send_deadline: '1s' },
        ...(Object.keys(headers).length ? { headers } : {}),
        ...(bearer ? { authorization: { type: 'Bearer', credentials: bearer } } : {}),
      },
    ];
  }
  return toYaml(config);
}

export function startVictoriaMetrics(options: PeerOptions = {}): Promise<Peer> {
  return startPeer({
    name: 'victoria-metrics',
    binary: peerBinaries['victoria-metrics'],
    args: ({ port, dir }) => [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${join(dir, 'data')}`],
    ready: httpReady('/health'),
    ...options,
  });
}

/**
 * Alertmanager with one webhook receiver that gets every alert at once (no grouping delay) and
 * resolved alerts too; clustering off (its gossip port would need a second free port).
 */
export function startAlertmanager(options: PeerOptions & { webhookUrl: string }): Promise<Peer> {
  return startPeer({
    name: 'alertmanager',
    binary: peerBinaries.alertmanager,
    args: ({ port, dir }) => {
      const configFile = join(dir, 'alertmanager.yml');
      writeFileSync(
        configFile,
        toYaml({
          route: {
            receiver: 'hook',
            group_by: ['...'],
            group_wait: '0s',
            group_interval: '1s',
            repeat_interval: '1h',
          },
          receivers: [{ name: 'hook', webhook_configs: [{ url: options.webhookUrl, send_resolved: true }] }],
        }),
      );
      return [
        `--config.file=${configFile}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ];
    },
    ready: httpReady('/-/ready'),
    ...options,
  });
}

/** A second Mosquitto, beside the machine's own on 1883: anonymous, no persistence, logs to stderr. */
export function startMosquitto(options: PeerOptions = {}): Promise<Peer> {
  return startPeer({
    name: 'mosquitto',
    binary: peerBinaries.mosquitto,
    scheme: 'mqtt',
    args: ({ port, dir }) => {
      const configFile = join(dir, 'mosquitto.conf');
      writeFileSync(
        configFile,
        [
          `listener ${port} 127.0.0.1`,
          'allow_anonymous true',
          'persistence false',
          'log_dest stderr',
          'log_type error',
          'log_type warning',
          'log_type notice',
          '',
        ].join('\n'),
      );
      // Started as root, Mosquitto drops to the `mosquitto` user: give it the dir it may write to.
      const owner = process.getuid?.() === 0 ? userIds('mosquitto') : undefined;
      if (owner) chownSync(dir, owner.uid, owner.gid);
      return ['-c', configFile];
    },
    ready: mqttReady,
    ...options,
  });
}

interface StartSpec extends PeerOptions {
  name: string;
  binary: string;
  scheme?: 'http' | 'mqtt';
  /** Called once per attempt, after the dir exists: may write config files there. */
  args: (where: { port: number; dir: string }) => string[];
  /** Resolves true once the peer answers as ready on `port`. */
  ready: (port: number) => Promise<boolean>;
}

const ATTEMPTS = 3;
const LOG_LIMIT = 256 * 1024;
// Peers still running when the test or bench process exits: killed there, so a crash or a
// forgotten stop() never leaves a daemon holding a port for the next run.
const running = new Map<number, { child: ChildProcess; dir: string }>();
let exitHookInstalled = false;

async function startPeer(spec: StartSpec): Promise<Peer> {
  const path = resolveBinary(spec.binary);
  if (!path) throw new Error(`${spec.name}: binary "${spec.binary}" not found; see shared/PEERS.md`);
  installExitHook();
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), `infratwin-peer-${spec.name}-`));
    try {
      const port = await freePort();
      return await launch(spec, path, port, dir);
    } catch (error) {
      lastError = error as Error;
      rmSync(dir, { recursive: true, force: true });
      // Only a lost port race is worth another try; anything else would fail the same way again.
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw lastError ?? new Error(`${spec.name}: could not start`);
}

class PortTakenError extends Error {}

async function launch(spec: StartSpec, path: string, port: number, dir: string): Promise<Peer> {
  const child = spawn(path, spec.args({ port, dir }), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > LOG_LIMIT) output = output.slice(-LOG_LIMIT / 2);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', () => resolveExit());
    // A spawn failure emits 'error' and maybe no 'exit': settle on either.
    child.once('error', (error) => {
      append(Buffer.from(`spawn error: ${error.message}\n`));
      resolveExit();
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    throw new Error(`${spec.name}: could not spawn ${path}: ${output}`);
  }
  running.set(pid, { child, dir });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (isRunning(child)) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), spec.stopGraceMs ?? 10_000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(pid);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 30_000);
  while (true) {
    if (!isRunning(child)) {
      await stop();
      const failure = `${spec.name} exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${output}`;
      if (/address already in use|EADDRINUSE|Address in use/i.test(output)) throw new PortTakenError(failure);
      throw new Error(failure);
    }
    // Ready only counts if our process still runs: a stranger who won the port race may answer too.
    if ((await spec.ready(port).catch(() => false)) && isRunning(child)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${spec.name} not ready after ${spec.readyTimeoutMs ?? 30_000} ms:\n${output}`);
    }
    await sleep(50);
  }
  return {
    url: `${spec.scheme ?? 'http'}://127.0.0.1:${port}`,
    port,
    pid,
    dir,
    stop,
    logs: () => output,
  };
}

function httpReady(path: string): (port: number) => Promise<boolean> {
  return async (port) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  };
}

// An MQTT 3.1.1 CONNECT with an empty client id and a clean session; ready means a CONNACK with
// return code 0, i.e. the broker accepts clients, not just that its socket is open.
const MQTT_CONNECT = Buffer.from([
  0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00,
]);
const MQTT_DISCONNECT = Buffer.from([0xe0, 0x00]);

function mqttReady(port: number): Promise<boolean> {
  return new Promise((resolveReady) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const done = (ready: boolean) => {
      clearTimeout(timer);
      if (ready) socket.end(MQTT_DISCONNECT);
      else socket.destroy();
      resolveReady(ready);
    };
    const timer = setTimeout(() => done(false), 2_000);
    socket.once('connect', () => socket.write(MQTT_CONNECT));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4) done(received[0] === 0x20 && received[3] === 0x00);
    });
    socket.once('error', () => done(false));
  });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [pid, { dir }] of running) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function userIds(user: string): { uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(`${user}:`));
    const fields = line?.split(':');
    if (fields && fields.length > 3) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  } catch {
    // No /etc/passwd: fall through to `id`.
  }
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  return undefined;
}

/** True while a process with this PID exists (signal 0 probes without signalling). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
