import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  type IdentityRule,
  inventorySources,
  type MirrorMode,
  type SyncSourceConfig,
} from '../ingest/index.js';
import { InputError } from '../model/index.js';
import { defaultRiskSettings } from '../predict/index.js';

/** Everything the server and the CLI can be configured with, from one place. */
export interface Config {
  /** SQLite file of the embedded store. */
  db: string;
  /** Address to listen on; loopback unless told otherwise. */
  host: string;
  port: number;
  /** Preset admin token (INFRATWIN_ADMIN_TOKEN); generated and printed once when absent. */
  adminToken: string | undefined;
  /** A running server to talk to instead of opening the database (INFRATWIN_URL). */
  url: string | undefined;
  /** Bearer token for `url` (INFRATWIN_TOKEN). */
  token: string | undefined;
  /** How often live metric state is flushed to the store. */
  metricFlushMs: number;
  demo: { hosts: number; seed: number; tickMs: number };
  ingest: IngestConfig;
  predict: PredictConfig;
  inventory: InventoryConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
}

/** Inventory sources serve mode re-reads on a schedule. See docs/integrations.md. */
export interface InventoryConfig {
  sync: SyncSourceConfig[];
}

/** Predictions and alerts: how often to evaluate, where to send alerts. See docs/predict.md. */
export interface PredictConfig {
  /** How often the risk rules, anomalies and lint are evaluated; 0 turns the loop off. */
  evaluateEveryMs: number;
  /** Receivers of Alertmanager's webhook format (version 4), as Alertmanager itself would call them. */
  webhooks: Array<{ url: string; token?: string }>;
  /** Alertmanager base URLs (http://host:9093): alerts are pushed to their API v2. */
  alertmanagers: string[];
  /** Overrides of the risk rules' limits (docs/predict.md lists them). */
  risk: Record<string, number>;
}

/** The live mirror: how telemetry is attributed, kept and received. See docs/ingest.md. */
export interface IngestConfig {
  /** `discover` creates entities for unknown sources; `strict` quarantines them. */
  mode: MirrorMode;
  /** A metric older than this stops deciding health: the entity turns unknown. */
  staleAfterMs: number;
  /** Raw samples kept in the hot buffers. */
  retentionMs: number;
  /** The journal directory (acknowledged samples survive a crash); default `<db>.journal`; '' for none. */
  journalDir: string | undefined;
  journalMaxBytes: number;
  /** `process`: acknowledged once written (survives a crash of infratwin); `machine`: once fsynced (survives power loss). */
  journalDurability: 'process' | 'machine';
  /** How labels name entities; default: OpenTelemetry's and Prometheus's conventions. */
  identity: IdentityRule[] | undefined;
  mqtt: MqttConfig | undefined;
  syslog: { host: string; udpPort?: number; tcpPort?: number } | undefined;
  scrape:
    | {
        allow: string[];
        targets: Array<{
          url: string;
          intervalMs?: number;
          timeoutMs?: number;
          job?: string;
          labels?: Record<string, string>;
        }>;
      }
    | undefined;
}

export interface MqttConfig {
  url: string;
  username?: string;
  password?: string;
  rules: Array<{
    topic: string;
    entity: string;
    metric: string;
    valuePath?: string;
    timestampPath?: string;
    labels?: Record<string, string>;
  }>;
}

export const defaultIngestConfig: IngestConfig = {
  mode: 'discover',
  staleAfterMs: 5 * 60_000,
  retentionMs: 60 * 60_000,
  journalDir: undefined,
  journalMaxBytes: 2 * 1024 * 1024 * 1024,
  journalDurability: 'process',
  identity: undefined,
  mqtt: undefined,
  syslog: undefined,
  scrape: undefined,
};

export const defaultConfig: Config = {
  db: 'infratwin.db',
  host: '127.0.0.1',
  port: 8080,
  adminToken: undefined,
  url: undefined,
  token: undefined,
  metricFlushMs: 2_000,
  demo: { hosts: 400, seed: 1, tickMs: 1_000 },
  ingest: defaultIngestConfig,
  predict: { evaluateEveryMs: 30_000, webhooks: [], alertmanagers: [], risk: {} },
  inventory: { sync: [] },
  logLevel: 'warn',
};

type Env = Record<string, string | undefined>;

/**
 * Parses the configuration once at start-up: defaults, then the file (`--config` or
 * INFRATWIN_CONFIG), then the environment, then command-line flags (passed as `overrides`).
 */
export function loadConfig(options: { file?: string; env?: Env; overrides?: Partial<Config> } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.INFRATWIN_CONFIG;
  const fromFile = file ? readConfigFile(file) : {};
  const fromEnv: Partial<Config> = dropUndefined({
    db: env.INFRATWIN_DB,
    host: env.INFRATWIN_HOST,
    port: env.INFRATWIN_PORT === undefined ? undefined : parsePort(env.INFRATWIN_PORT, 'INFRATWIN_PORT'),
    adminToken: env.INFRATWIN_ADMIN_TOKEN,
    url: env.INFRATWIN_URL,
    token: env.INFRATWIN_TOKEN,
    logLevel: env.INFRATWIN_LOG_LEVEL as Config['logLevel'] | undefined,
  });
  const merged: Config = {
    ...defaultConfig,
    ...fromFile,
    ...fromEnv,
    ...dropUndefined(options.overrides ?? {}),
    demo: { ...defaultConfig.demo, ...fromFile.demo, ...options.overrides?.demo },
    predict: { ...defaultConfig.predict, ...fromFile.predict, ...options.overrides?.predict },
    inventory: { ...defaultConfig.inventory, ...fromFile.inventory, ...options.overrides?.inventory },
    ingest: {
      ...defaultConfig.ingest,
      ...fromFile.ingest,
      ...dropUndefined({
        mode: env.INFRATWIN_INGEST_MODE as MirrorMode | undefined,
        journalDir: env.INFRATWIN_JOURNAL_DIR,
      }),
      ...options.overrides?.ingest,
    },
  };
  validate(merged, file);
  return merged;
}

function readConfigFile(file: string): Partial<Config> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read config file ${file}: ${(error as Error).message}`, [
      { file, message: 'unreadable' },
    ]);
  }
  const value: unknown = parse(text);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`config file ${file} must hold a map`, [{ file, message: 'not a map' }]);
  }
  return value as Partial<Config>;
}

function parsePort(text: string, field: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InputError(`${field}: '${text}' is not a port number`, [
      { field, message: 'must be 0 to 65535' },
    ]);
  }
  return port;
}

function validate(config: Config, file: string | undefined): void {
  const issues: Array<{ field: string; message: string; file?: string }> = [];
  const at = file ? { file } : {};
  if (typeof config.db !== 'string' || config.db === '')
    issues.push({ ...at, field: 'db', message: 'must be a path' });
  if (typeof config.host !== 'string') issues.push({ ...at, field: 'host', message: 'must be an address' });
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65_535) {
    issues.push({ ...at, field: 'port', message: 'must be 0 to 65535' });
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug'].includes(config.logLevel)) {
    issues.push({ ...at, field: 'logLevel', message: 'must be fatal, error, warn, info or debug' });
  }
  if (!Number.isInteger(config.demo.hosts) || config.demo.hosts < 10 || config.demo.hosts > 100_000) {
    issues.push({ ...at, field: 'demo.hosts', message: 'must be an integer from 10 to 100000' });
  }
  validateIngest(config.ingest, at, issues);
  validatePredict(config.predict, at, issues);
  validateInventory(config.inventory, at, issues);
  if (!(config.metricFlushMs >= 100))
    issues.push({ ...at, field: 'metricFlushMs', message: 'must be at least 100' });
  if (issues.length > 0)
    throw new InputError(`bad configuration: ${issues[0]?.field}: ${issues[0]?.message}`, issues);
}

function validatePredict(
  predict: PredictConfig,
  at: { file?: string },
  issues: Array<{ field: string; message: string; file?: string }>,
): void {
  if (!(predict.evaluateEveryMs === 0 || predict.evaluateEveryMs >= 1000))
    issues.push({ ...at, field: 'predict.evaluateEveryMs', message: 'must be 0 (off) or at least 1000' });
  if (!Array.isArray(predict.webhooks))
    issues.push({ ...at, field: 'predict.webhooks', message: 'must be a list' });
  else {
    predict.webhooks.forEach((hook, index) => {
      if (!isHttpUrl(hook?.url))
        issues.push({ ...at, field: `predict.webhooks[${index}].url`, message: 'must be an http(s) URL' });
    });
  }
  if (!Array.isArray(predict.alertmanagers))
    issues.push({ ...at, field: 'predict.alertmanagers', message: 'must be a list of URLs' });
  else {
    predict.alertmanagers.forEach((url, index) => {
      if (!isHttpUrl(url))
        issues.push({ ...at, field: `predict.alertmanagers[${index}]`, message: 'must be an http(s) URL' });
    });
  }
  if (typeof predict.risk !== 'object' || predict.risk === null || Array.isArray(predict.risk))
    issues.push({ ...at, field: 'predict.risk', message: 'must be a map of limits' });
  else {
    for (const [name, value] of Object.entries(predict.risk)) {
      if (!(name in defaultRiskSettings))
        issues.push({
          ...at,
          field: `predict.risk.${name}`,
          message: `unknown; known: ${Object.keys(defaultRiskSettings).join(', ')}`,
        });
      else if (typeof value !== 'number' || !Number.isFinite(value))
        issues.push({ ...at, field: `predict.risk.${name}`, message: 'must be a number' });
    }
  }
}

function validateInventory(
  inventory: InventoryConfig,
  at: { file?: string },
  issues: Array<{ field: string; message: string; file?: string }>,
): void {
  if (!Array.isArray(inventory.sync)) {
    issues.push({ ...at, field: 'inventory.sync', message: 'must be a list of sources' });
    return;
  }
  const names = new Set<string>();
  inventory.sync.forEach((job: Partial<Record<string, unknown>>, index) => {
    const field = (name: string) => `inventory.sync[${index}].${name}`;
    const bad = (name: string, message: string) => issues.push({ ...at, field: field(name), message });
    if (!(inventorySources as readonly unknown[]).includes(job?.from))
      bad('from', `must be one of ${inventorySources.join(', ')}`);
    if (typeof job?.name !== 'string' || !/^[^\s]+$/.test(job.name))
      bad('name', 'must be a name without spaces');
    else if (names.has(`${job.from}:${job.name}`))
      bad('name', `'${job.from}:${job.name}' is configured twice`);
    else names.add(`${job.from}:${job.name}`);
    if (typeof job?.everyMs !== 'number' || !(job.everyMs >= 10_000))
      bad('everyMs', 'must be at least 10000');
    if (job?.prune !== undefined && typeof job.prune !== 'boolean') bad('prune', 'must be true or false');
    if (typeof job?.file === 'string') return;
    if (job?.from === 'netbox') {
      if (!isHttpUrl(job.url)) bad('url', "must be NetBox's http(s) URL (or give `file`)");
      if (typeof job.tokenFile !== 'string')
        bad('tokenFile', 'must be the path of a file holding the API token');
    } else if (job?.from === 'k8s') {
      if (!isHttpUrl(job.server)) bad('server', "must be the API server's https URL (or give `file`)");
      if (typeof job.tokenFile !== 'string')
        bad('tokenFile', 'must be the path of a file holding a bearer token');
      if (job.caFile !== undefined && typeof job.caFile !== 'string') bad('caFile', 'must be a path');
    } else bad('file', `'${String(job?.from)}' is read from a file: give its path`);
  });
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function validateIngest(
  ingest: IngestConfig,
  at: { file?: string },
  issues: Array<{ field: string; message: string; file?: string }>,
): void {
  if (ingest.mode !== 'discover' && ingest.mode !== 'strict') {
    issues.push({ ...at, field: 'ingest.mode', message: 'must be discover or strict' });
  }
  if (ingest.journalDurability !== 'process' && ingest.journalDurability !== 'machine') {
    issues.push({ ...at, field: 'ingest.journalDurability', message: 'must be process or machine' });
  }
  if (!(ingest.staleAfterMs >= 1000))
    issues.push({ ...at, field: 'ingest.staleAfterMs', message: 'must be at least 1000' });
  if (!(ingest.retentionMs >= 60_000))
    issues.push({ ...at, field: 'ingest.retentionMs', message: 'must be at least 60000' });
  if (ingest.mqtt && (typeof ingest.mqtt.url !== 'string' || !Array.isArray(ingest.mqtt.rules))) {
    issues.push({ ...at, field: 'ingest.mqtt', message: 'needs a url and a list of rules' });
  }
  if (ingest.scrape && (!Array.isArray(ingest.scrape.allow) || !Array.isArray(ingest.scrape.targets))) {
    issues.push({
      ...at,
      field: 'ingest.scrape',
      message: 'needs `allow` (hosts and networks) and `targets`',
    });
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
