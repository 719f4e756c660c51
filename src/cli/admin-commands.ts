import type { Command } from 'commander';
import type { CreatedToken, Fault, FaultType, List, Token, TwinSummary } from '../contract/index.js';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { formatTime, formatValue, printJson, printLine, printTable } from './output.js';

export function registerAdminCommands(program: Command): void {
  program
    .command('summary')
    .description('the twin at a glance: counts by kind and health, the last change, forks')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const summary = await withClient(global, (client) => call<TwinSummary>(client, 'GET', '/api/summary'));
      if (global.json) return printJson(summary);
      printLine(`${summary.entities} entities, ${summary.relations} relations, change set ${summary.seq}`);
      printTable(
        ['kind', 'total', 'ok', 'warning', 'critical', 'unknown'],
        Object.entries(summary.byKind).map(([kind, c]) => [
          kind,
          c.total,
          c.ok,
          c.warning,
          c.critical,
          c.unknown,
        ]),
      );
    });

  const tokens = program.command('tokens').description('API tokens (admin)');
  tokens
    .command('list')
    .description('the tokens, without their secrets')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) => call<List<Token>>(client, 'GET', '/api/tokens'));
      if (global.json) return printJson(list);
      printTable(
        ['id', 'name', 'role', 'created', 'revoked'],
        list.items.map((token) => [
          token.id,
          token.name,
          token.role,
          formatTime(token.createdAt),
          token.revokedAt ? formatTime(token.revokedAt) : '',
        ]),
      );
    });
  tokens
    .command('create <name>')
    .description('create a token; its secret is shown once')
    .option('--role <role>', 'viewer, operator, admin, or ingest (may only send telemetry)', 'viewer')
    .action(async (name: string, options: { role: string }, command: Command) => {
      const global = globalOptions(command);
      const created = await withClient(
        global,
        (client) => call<CreatedToken>(client, 'POST', '/api/tokens', { body: { name, role: options.role } }),
        true,
      );
      if (global.json) return printJson(created);
      printLine(
        `token ${created.token.id} (${created.token.name}, ${created.token.role}): ${created.secret}`,
      );
      printLine('the secret is shown only now; it is stored hashed');
    });
  tokens
    .command('revoke <id>')
    .description('revoke a token')
    .action(async (id: string, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      await withClient(global, (client) => call(client, 'DELETE', `/api/tokens/${encodeURIComponent(id)}`));
      if (global.json) return printJson({ revoked: id });
      printLine(`revoked ${id}`);
    });

  const faults = program
    .command('faults')
    .description('inject faults into the demo plant (needs a running demo: --url)');
  faults
    .command('types')
    .description('the fault types, their targets and parameters')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) =>
        call<List<FaultType>>(client, 'GET', '/api/plant/fault-types'),
      );
      if (global.json) return printJson(list);
      printTable(
        ['type', 'targets', 'params', 'description'],
        list.items.map((item) => [
          item.type,
          (item.targetKinds ?? []).join(', '),
          Object.keys(item.params ?? {}).join(', '),
          item.description,
        ]),
      );
    });
  faults
    .command('list')
    .description('active faults with their ground truth')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) =>
        call<List<Fault>>(client, 'GET', '/api/plant/faults'),
      );
      if (global.json) return printJson(list);
      printTable(
        ['id', 'type', 'target', 'since', 'params'],
        list.items.map((fault) => [
          fault.id,
          fault.type,
          fault.target,
          fault.startedAt ? formatTime(fault.startedAt) : '',
          formatValue(fault.params ?? {}),
        ]),
      );
    });
  faults
    .command('inject <type> <target>')
    .description('inject a fault, e.g. `faults inject cooling-failure cooling-unit:dc1/a-crah-1`')
    .option('--duration <seconds>', 'end it after this long')
    .option('-p, --param <key=value...>', 'fault parameters')
    .action(
      async (
        type: string,
        target: string,
        options: { duration?: string; param?: string[] },
        command: Command,
      ) => {
        const global = globalOptions(command);
        const params = Object.fromEntries(
          (options.param ?? []).map((pair) => {
            const [key = '', value = ''] = pair.split('=');
            const number = Number(value);
            return [key, value !== '' && Number.isFinite(number) ? number : value];
          }),
        );
        const body = {
          type,
          target,
          params,
          ...(options.duration ? { durationSeconds: Number(options.duration) } : {}),
        };
        const fault = await withClient(global, (client) =>
          call<Fault>(client, 'POST', '/api/plant/faults', { body }),
        );
        if (global.json) return printJson(fault);
        printLine(`injected ${fault.id}: ${fault.type} on ${fault.target}`);
      },
    );
  faults
    .command('clear <id>')
    .description('end a fault')
    .action(async (id: string, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      await withClient(global, (client) =>
        call(client, 'DELETE', `/api/plant/faults/${encodeURIComponent(id)}`),
      );
      if (global.json) return printJson({ cleared: id });
      printLine(`cleared ${id}`);
    });
}
