import {
  IngestService,
  LiveMirror,
  MqttSubscriber,
  SampleJournal,
  type Scraper,
  SyslogListener,
  startScrapeReceiver,
} from '../ingest/index.js';
import type { Twin } from '../model/index.js';
import type { Config, MqttConfig } from './config.js';
import { createProgress } from './progress.js';

type Log = (line: string) => void;

export interface RunningMirror {
  ingest: IngestService;
  listenerStats: () => Record<string, Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * The live mirror of a server: the mirror, its journal (replayed first, so the hot buffers and
 * state are back before any receiver opens), the periodic rollup flush and journal trim, and the
 * receivers that are not HTTP routes (MQTT).
 */
export async function startMirror(
  twin: Twin,
  config: Config,
  log: Log,
  extraMqtt?: MqttConfig,
): Promise<RunningMirror> {
  const settings = config.ingest;
  const mirror = new LiveMirror({
    twin,
    mode: settings.mode,
    retentionMs: settings.retentionMs,
    ...(settings.identity ? { identity: settings.identity } : {}),
  });
  const journalDir = settings.journalDir ?? `${config.db}.journal`;
  const journal =
    journalDir === ''
      ? undefined
      : new SampleJournal({
          dir: journalDir,
          retentionMs: settings.retentionMs,
          maxBytes: settings.journalMaxBytes,
        });
  const ingest = new IngestService({ mirror, decodeThread: true, ...(journal ? { journal } : {}) });
  const replaying = createProgress('replaying ingest journal', 1);
  const replayed = await ingest.replay((records) => replaying.update(records, records));
  replaying.stop();
  if (replayed.records > 0) {
    log(
      `ingest journal: ${replayed.samples} samples from ${replayed.records} requests replayed${replayed.unreadable ? `, ${replayed.unreadable} unreadable` : ''}`,
    );
  }
  const timers = [
    setInterval(() => void flushRollups(mirror, log), 10_000),
    setInterval(() => journal?.trim(), 60_000),
    // Health turns unknown by the clock, not by a sample: announce it to live subscribers.
    setInterval(() => twin.sweepStale(), Math.min(5_000, Math.max(500, settings.staleAfterMs / 10))),
    setInterval(
      () => void ingest.flushSyslogCounters().catch((error: Error) => log(`syslog: ${error.message}`)),
      5_000,
    ),
  ];
  const syslog = settings.syslog ? await startSyslog(settings.syslog, ingest, log) : undefined;
  const scraper: Scraper | undefined = settings.scrape
    ? startScrapeReceiver(ingest, {
        allowList: settings.scrape.allow,
        targets: settings.scrape.targets.map((target) => ({
          ...target,
          intervalMs: target.intervalMs ?? 15_000,
          timeoutMs: target.timeoutMs ?? Math.min(10_000, target.intervalMs ?? 15_000),
        })),
        onError: (message) => log(message),
      })
    : undefined;
  const subscribers: MqttSubscriber[] = [];
  for (const mqtt of [settings.mqtt, extraMqtt]) {
    if (mqtt) {
      const subscriber = await startMqtt(mqtt, ingest, log);
      if (subscriber) subscribers.push(subscriber);
    }
  }
  return {
    ingest,
    listenerStats: () => ({
      ...Object.fromEntries(
        subscribers.map((subscriber, index) => [
          `mqtt${index === 0 ? '' : `-${index + 1}`}`,
          { ...subscriber.stats() },
        ]),
      ),
      ...(syslog
        ? { syslog: { ...syslog.stats(), udp: syslog.udpAddress(), tcp: syslog.tcpAddress() } }
        : {}),
    }),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await scraper?.stop();
      await syslog?.close();
      for (const subscriber of subscribers) await subscriber.close();
      await flushRollups(mirror, log, true);
      await ingest.close();
      mirror.close();
    },
  };
}

async function startSyslog(
  config: NonNullable<Config['ingest']['syslog']>,
  ingest: IngestService,
  log: Log,
): Promise<SyslogListener | undefined> {
  try {
    const listener = await SyslogListener.start({
      host: config.host,
      ...(config.udpPort !== undefined ? { udpPort: config.udpPort } : {}),
      ...(config.tcpPort !== undefined ? { tcpPort: config.tcpPort } : {}),
      onMessage: (message, peer) => {
        ingest.syslog(message, peer).catch((error: Error) => log(`syslog: ${error.message}`));
      },
    });
    const where = (kind: string, address: { address: string; port: number } | undefined) =>
      address ? [`${kind} ${address.address}:${address.port}`] : [];
    log(
      `syslog: listening on ${[...where('udp', listener.udpAddress()), ...where('tcp', listener.tcpAddress())].join(', ')}`,
    );
    return listener;
  } catch (error) {
    log(`syslog: not listening (${(error as Error).message})`);
    return undefined;
  }
}

async function startMqtt(
  config: MqttConfig,
  ingest: IngestService,
  log: Log,
): Promise<MqttSubscriber | undefined> {
  try {
    return await MqttSubscriber.start({
      url: config.url,
      rules: config.rules,
      ...(config.username ? { username: config.username } : {}),
      ...(config.password ? { password: config.password } : {}),
      onSamples: (samples) => {
        ingest.rawSamples(samples, 'mqtt').catch((error: Error) => log(`mqtt: ${error.message}`));
      },
    });
  } catch (error) {
    log(`mqtt: not subscribed (${(error as Error).message}); the other receivers run`);
    return undefined;
  }
}

async function flushRollups(mirror: LiveMirror, log: Log, force = false): Promise<void> {
  try {
    await mirror.flushRollups(force);
  } catch (error) {
    log(`rollup flush failed: ${(error as Error).message}`);
  }
}
