import type { Command } from 'commander';
import type { ApiClient } from './api-client.js';
import { type Config, loadConfig } from './config.js';
import { HttpApiClient } from './http-api-client.js';
import { InProcessApiClient } from './in-process-api-client.js';

/** Global options, on the root command. */
export interface GlobalOptions {
  url?: string;
  token?: string;
  db?: string;
  config?: string;
  json?: boolean;
}

export function globalOptions(command: Command): GlobalOptions & { config?: string } {
  return command.optsWithGlobals<GlobalOptions>();
}

export function configFrom(options: GlobalOptions, overrides: Partial<Config> = {}): Config {
  return loadConfig({
    ...(options.config ? { file: options.config } : {}),
    overrides: {
      ...overrides,
      ...(options.db ? { db: options.db } : {}),
      ...(options.url ? { url: options.url } : {}),
      ...(options.token ? { token: options.token } : {}),
    },
  });
}

/**
 * A running server when --url (or INFRATWIN_URL) is given, else the database file in-process.
 * `create`: whether a missing database file may be created (imports may; reads may not).
 */
export async function openClient(options: GlobalOptions, create = false): Promise<ApiClient> {
  const config = configFrom(options);
  if (config.url) return new HttpApiClient(config.url, config.token);
  return InProcessApiClient.open(config.db, { create, quiet: options.json === true });
}

export async function withClient<T>(
  options: GlobalOptions,
  work: (client: ApiClient) => Promise<T>,
  create = false,
): Promise<T> {
  const client = await openClient(options, create);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}
