import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  AlertNotifier,
  type AuthService,
  createAuthService,
  createServer,
  type PlantControl,
} from '../api/index.js';
import { InventoryHub, InventorySync, syncJobOf } from '../ingest/index.js';
import { AlertBook, type Operation, Twin } from '../model/index.js';
import {
  createEmulator,
  demoRackTopicRule,
  type Emulator,
  estateOperations,
  generateEstate,
  MqttSensorPublisher,
  RemoteWriteSender,
} from '../plant/index.js';
import { lintFindingSource, PredictionLoop, RiskEngine } from '../predict/index.js';
import { SqliteTwinStore } from '../store/index.js';
import type { Config } from './config.js';
import { type RunningMirror, startMirror } from './mirror-setup.js';
import { createPlantControl } from './plant-control-adapter.js';
import { createProgress } from './progress.js';
import { readLiveLock, writeLock } from './server-lock.js';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  twin: Twin;
  /** A secret to show the user once: a new admin token, or none when one was preset or exists. */
  adminSecret: string | undefined;
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/**
 * The composition root: picks the store (SQLite), the plant when demoing, and wires them into the
 * twin and the API. The only place that chooses implementations.
 */
export async function runServer(
  config: Config,
  options: { demo: boolean; log: Log },
): Promise<RunningServer> {
  const { log } = options;
  const holder = readLiveLock(config.db);
  if (holder) throw new Error(`a server (pid ${holder.pid}, ${holder.url}) already runs on ${config.db}`);
  const store = SqliteTwinStore.open(config.db);
  const loading = createProgress('loading twin', 1);
  const twin = await Twin.open({
    store,
    staleAfterMs: config.ingest.staleAfterMs,
    onProgress: (done) => loading.update(done, Math.max(done, 1)),
  });
  loading.stop();
  const auth = createAuthService(store);
  await auth.ready();
  const adminSecret = await provideAdminToken(auth, config, options.demo);
  let demo: { emulator: Emulator; plant: PlantControl } | undefined;
  if (options.demo) demo = await loadDemoEstate(twin, config, log);
  // A prefix of its own: two demos on one machine (tests run several) share the broker, and must
  // not discover each other's racks.
  const topicPrefix = `infratwin-demo-${randomBytes(4).toString('hex')}`;
  const demoMqtt = options.demo ? { url: demoMqttUrl, rules: [demoRackTopicRule(topicPrefix)] } : undefined;
  const mirror = await startMirror(twin, config, log, demoMqtt);
  const predictions = await startPredictions(twin, config, log);
  const inventory = await startInventorySync(twin, config, log);
  const app = await createServer(
    {
      twin,
      auth,
      ...(demo ? { plant: demo.plant } : {}),
      ingest: { service: mirror.ingest, listenerStats: mirror.listenerStats },
      predictions: { alerts: predictions.alerts, loop: predictions.loop },
      inventory,
    },
    { logger: { level: config.logLevel } },
  );
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const releaseLock = writeLock(config.db, url);
  predictions.connect(url);
  const timers = [setInterval(() => flushMetrics(twin, log), config.metricFlushMs)];
  let senders: DemoSenders | undefined;
  if (demo) {
    senders = await startDemoSenders(auth, url, topicPrefix, log);
    timers.push(startEmulatorLoop(twin, demo.emulator, senders, config.demo.tickMs, log));
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const timer of timers) clearInterval(timer);
    await senders?.mqtt?.close();
    await predictions.loop.stop();
    await inventory.sync.stop();
    await app.close();
    await stopMirror(mirror, log);
    await twin.close();
    releaseLock();
  };
  return { url, app, twin, adminSecret, stop };
}

/** The inventory hub, and the configured re-syncs started: each runs now, then on its interval. */
async function startInventorySync(twin: Twin, config: Config, log: Log) {
  const hub = await InventoryHub.open(twin);
  const jobs = config.inventory.sync.map((job) => syncJobOf(job, twin.catalog));
  const sync = new InventorySync(hub, jobs);
  sync.start();
  if (config.inventory.sync.length > 0)
    log(`inventory: re-syncing ${config.inventory.sync.map((job) => `${job.from}:${job.name}`).join(', ')}`);
  return { hub, sync };
}

/**
 * Alerts and the loop that predicts over the live twin; alerts go to the configured webhooks and
 * Alertmanagers once the server knows its own URL (for the links in them).
 */
async function startPredictions(twin: Twin, config: Config, log: Log) {
  const alerts = await AlertBook.open(twin.store, { resolveAfterMs: 2 * config.predict.evaluateEveryMs });
  const risks = new RiskEngine({ catalog: twin.catalog, settings: config.predict.risk });
  let notifier: AlertNotifier | undefined;
  const loop = new PredictionLoop({
    twin,
    alerts,
    risks,
    sources: { lint: lintFindingSource(twin) },
    onError: (error) => log(`prediction: ${(error as Error).message}`),
    onEvaluated: (changes) => {
      const resolved = changes.filter((change) => change.action === 'resolved').map((change) => change.alert);
      void notifier?.refresh(alerts.list({ status: ['open', 'acknowledged'] }), resolved);
    },
  });
  if (config.predict.evaluateEveryMs > 0) loop.start(config.predict.evaluateEveryMs);
  return {
    alerts,
    loop,
    connect(url: string) {
      notifier = new AlertNotifier({
        webhooks: config.predict.webhooks,
        alertmanagers: config.predict.alertmanagers,
        externalUrl: url,
        onError: (error) => log(`alerts: ${error.message}`),
      });
      if (notifier.enabled) alerts.onChange((changes) => void notifier?.notify(changes));
    },
  };
}

async function provideAdminToken(
  auth: AuthService,
  config: Config,
  demo: boolean,
): Promise<string | undefined> {
  if (config.adminToken) {
    await auth.ensureAdmin(config.adminToken);
    return undefined;
  }
  if (!demo) return auth.ensureAdmin();
  // The demo prints a working admin token at every start: the previous one is revoked.
  for (const token of await auth.list()) {
    if (token.name === 'demo-admin' && token.revokedAt === undefined) await auth.revoke(token.id, 'demo');
  }
  const created = await auth.create('demo-admin', 'admin', 'demo');
  return created.secret;
}

async function loadDemoEstate(twin: Twin, config: Config, log: Log) {
  const { hosts, seed } = config.demo;
  const generating = createProgress('generating estate', 1);
  const estate = generateEstate({ hosts, seed }, (done, total) => generating.update(done, total));
  generating.stop();
  const ops: Operation[] = estateOperations(estate);
  const changeSet = await twin.apply({
    actor: 'plant',
    source: 'plant:demo',
    reason: `demo estate: ${hosts} hosts, seed ${seed}`,
    ops,
  });
  log(
    changeSet
      ? `demo estate: ${estate.summary.entities} entities, ${estate.summary.relations} relations (change set ${changeSet.seq})`
      : `demo estate: unchanged since the last run (${twin.counts.entities} entities)`,
  );
  const emulator = createEmulator(estate, { seed, startMs: Date.now() });
  return { emulator, plant: createPlantControl(emulator) };
}

const demoMqttUrl = 'mqtt://127.0.0.1:1883';

interface DemoSenders {
  remoteWrite: RemoteWriteSender;
  mqtt: MqttSensorPublisher | undefined;
}

/**
 * The demo plant speaks the real protocols to the server's own receivers: remote_write for the
 * machines, MQTT for the rack sensors (when a broker answers on loopback), with a token of its own.
 */
async function startDemoSenders(
  auth: AuthService,
  url: string,
  topicPrefix: string,
  log: Log,
): Promise<DemoSenders> {
  for (const token of await auth.list()) {
    if (token.name === 'demo-plant' && token.revokedAt === undefined) await auth.revoke(token.id, 'demo');
  }
  const token = await auth.create('demo-plant', 'ingest', 'demo');
  const remoteWrite = new RemoteWriteSender({ url: `${url}/api/v1/write`, token: token.secret });
  let mqtt: MqttSensorPublisher | undefined;
  try {
    mqtt = await MqttSensorPublisher.connect(demoMqttUrl, topicPrefix);
    log(`demo plant: machines over remote_write, rack sensors over MQTT (${demoMqttUrl}, ${topicPrefix}/…)`);
  } catch (error) {
    log(`demo plant: ${(error as Error).message}; rack sensors go over remote_write too`);
  }
  return { remoteWrite, mqtt };
}

/** Sends the plant's telemetry once a tick; never lets an error out of the loop. */
function startEmulatorLoop(
  twin: Twin,
  emulator: Emulator,
  senders: DemoSenders,
  tickMs: number,
  log: Log,
): NodeJS.Timeout {
  let busy = false;
  return setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const output = emulator.step(Date.now());
      const rest = senders.mqtt ? senders.mqtt.publishRacks(output.samples) : output.samples;
      await senders.remoteWrite.send(rest);
      if (output.ops.length > 0) {
        await twin.apply({
          actor: 'plant',
          source: 'plant:demo',
          origin: 'observed',
          reason: 'plant fault',
          ops: output.ops,
        });
      }
    } catch (error) {
      log(`emulator: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  }, tickMs);
}

async function stopMirror(mirror: RunningMirror, log: Log): Promise<void> {
  try {
    await mirror.stop();
  } catch (error) {
    log(`stopping the mirror: ${(error as Error).message}`);
  }
}

async function flushMetrics(twin: Twin, log: Log): Promise<void> {
  try {
    await twin.flushMetrics();
  } catch (error) {
    log(`metric flush failed: ${(error as Error).message}`);
  }
}
