import type { Command } from 'commander';
import { webUiBuilt } from '../api/index.js';
import { configFrom, type GlobalOptions, globalOptions } from './client-options.js';
import type { Config } from './config.js';
import { runServer } from './run-server.js';

interface ServeOptions {
  host?: string;
  port?: string;
  hosts?: string;
  seed?: string;
  tick?: string;
}

export function registerServerCommands(program: Command): void {
  program
    .command('demo')
    .description('generate a demo estate, feed it live telemetry from the emulator and serve the API')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port (default 8080; 0 picks a free one)')
    .option('--hosts <n>', 'hosts in the generated estate, 10 to 100000 (default 400)')
    .option('--seed <n>', 'seed of the generator and emulator (default 1)')
    .option('--tick <ms>', 'emulator interval in milliseconds (default 1000)')
    .addHelpText('after', '\nThe database defaults to ./infratwin-demo.db; restarting resumes it.')
    .action(async (options: ServeOptions, command: Command) => {
      const global = globalOptions(command);
      const config = configFrom(
        { ...global, db: global.db ?? 'infratwin-demo.db' },
        serverOverrides(options),
      );
      await serve(config, true, global);
    });
  program
    .command('serve')
    .description('serve the API on an existing database')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port (default 8080; 0 picks a free one)')
    .action(async (options: ServeOptions, command: Command) => {
      const global = globalOptions(command);
      await serve(configFrom(global, serverOverrides(options)), false, global);
    });
}

function serverOverrides(options: ServeOptions): Partial<Config> {
  const number = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value)) throw new Error(`--${name}: '${text}' is not an integer`);
    return value;
  };
  const overrides: Partial<Config> = {};
  if (options.host) overrides.host = options.host;
  const port = number(options.port, 'port');
  if (port !== undefined) overrides.port = port;
  const hosts = number(options.hosts, 'hosts');
  const seed = number(options.seed, 'seed');
  const tick = number(options.tick, 'tick');
  if (hosts !== undefined || seed !== undefined || tick !== undefined) {
    overrides.demo = {
      hosts: hosts ?? 400,
      seed: seed ?? 1,
      tickMs: tick ?? 1_000,
    };
  }
  return overrides;
}

async function serve(config: Config, demo: boolean, global: GlobalOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const server = await runServer(config, { demo, log });
  const ready = {
    url: server.url,
    db: config.db,
    adminToken: server.adminSecret,
    entities: server.twin.counts.entities,
    relations: server.twin.counts.relations,
    ...(webUiBuilt() ? { ui: `${server.url}/` } : {}),
  };
  if (global.json) {
    process.stdout.write(`${JSON.stringify(ready)}\n`);
  } else {
    process.stdout.write(`infratwin ${demo ? 'demo ' : ''}serving ${config.db} at ${server.url}\n`);
    process.stdout.write(`  ${ready.entities} entities, ${ready.relations} relations\n`);
    if (ready.ui) process.stdout.write(`  UI:      ${ready.ui}  (sign in with the admin token)\n`);
    process.stdout.write(`  API:     ${server.url}/api  (OpenAPI: ${server.url}/api/openapi.json)\n`);
    if (server.adminSecret) {
      process.stdout.write(`  admin token (shown once): ${server.adminSecret}\n`);
      process.stdout.write(
        `  try: curl -H "Authorization: Bearer ${server.adminSecret}" ${server.url}/api/summary\n`,
      );
    } else if (config.adminToken) {
      process.stdout.write('  admin token: the one in INFRATWIN_ADMIN_TOKEN\n');
    }
    process.stdout.write('  Ctrl-C stops it.\n');
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.stop().then(resolve, (error: unknown) => {
        log(`stopping: ${(error as Error).message}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
