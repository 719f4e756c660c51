import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { InputError } from '../model/index.js';

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
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
}

export const defaultConfig: Config = {
  db: 'infratwin.db',
  host: '127.0.0.1',
  port: 8080,
  adminToken: undefined,
  url: undefined,
  token: undefined,
  metricFlushMs: 2_000,
  demo: { hosts: 400, seed: 1, tickMs: 1_000 },
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
  const issues = [];
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
  if (!(config.metricFlushMs >= 100))
    issues.push({ ...at, field: 'metricFlushMs', message: 'must be at least 100' });
  if (issues.length > 0)
    throw new InputError(`bad configuration: ${issues[0]?.field}: ${issues[0]?.message}`, issues);
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
