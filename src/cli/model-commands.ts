import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { printJson, printLine, printTable } from './output.js';

interface DefineAnswer {
  defined: Array<{ kind: string; dtmi?: string }>;
  unchanged: string[];
  notes: Array<{ path: string; message: string }>;
}

export function registerModelCommands(program: Command): void {
  const models = program
    .command('models')
    .description('the kinds as DTDL v3 models: list, define from DTDL, remove (docs/integrations.md#dtdl)');

  models
    .command('list', { isDefault: true })
    .description('the kinds users defined (or with --all every kind), as a table or with --json as DTDL')
    .option('--all', 'include the built-in kinds')
    .option('--out <file>', 'write the DTDL interfaces (a JSON array) to this file')
    .action(async (flags: { all?: boolean; out?: string }, command: Command) => {
      const global = globalOptions(command);
      const interfaces = await withClient(global, (client) =>
        call<Array<Record<string, unknown>>>(client, 'GET', '/api/models', {
          query: { builtin: flags.all === true },
        }),
      );
      if (flags.out) {
        writeFileSync(flags.out, `${JSON.stringify(interfaces, null, 2)}\n`);
        return printLine(`wrote ${interfaces.length} interfaces to ${flags.out}`);
      }
      if (global.json) return printJson(interfaces);
      if (interfaces.length === 0)
        return printLine('no user-defined kinds (models define <file> adds some; --all lists every kind)');
      printTable(
        ['DTMI', 'name', 'contents'],
        interfaces.map((item) => [
          String(item['@id']),
          displayName(item.displayName),
          Array.isArray(item.contents) ? item.contents.length : 0,
        ]),
      );
    });

  models
    .command('define <file>')
    .description('define kinds from a DTDL file (one Interface or an array); a problem anywhere defines none')
    .action(async (file: string, _flags: unknown, command: Command) => {
      const global = globalOptions(command);
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file} is not JSON: ${(error as Error).message}`);
      }
      const answer = await withClient(global, (client) =>
        call<DefineAnswer>(client, 'POST', '/api/models', { body }),
      );
      if (global.json) return printJson(answer);
      for (const kind of answer.defined)
        printLine(`defined ${kind.kind}${kind.dtmi ? ` (${kind.dtmi})` : ''}`);
      if (answer.unchanged.length > 0) printLine(`already defined: ${answer.unchanged.join(', ')}`);
      if (answer.defined.length === 0 && answer.unchanged.length === 0) printLine('nothing to define');
      for (const note of answer.notes) printLine(`note: ${note.path}: ${note.message}`);
    });

  models
    .command('remove <kind>')
    .description('remove a user-defined kind no entity has (admin)')
    .action(async (kind: string, _flags: unknown, command: Command) => {
      const global = globalOptions(command);
      await withClient(global, (client) => call(client, 'DELETE', `/api/models/${encodeURIComponent(kind)}`));
      if (global.json) return printJson({ removed: kind });
      printLine(`removed ${kind}`);
    });

  program
    .command('export')
    .description('the twin as an Azure Digital Twins import job (NDJSON: models, twins, relationships)')
    .option('--to <format>', 'the format: dtdl', 'dtdl')
    .option('--fork <id>', 'export a fork')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (flags: { to: string; fork?: string; out?: string }, command: Command) => {
      if (flags.to !== 'dtdl') throw new Error(`--to ${flags.to}: the export format is dtdl`);
      const global = globalOptions(command);
      const text = await withClient(global, (client) =>
        call<string>(client, 'GET', '/api/exports/dtdl', { query: { fork: flags.fork } }),
      );
      if (flags.out) {
        writeFileSync(flags.out, text);
        printLine(`wrote ${flags.out}`);
      } else process.stdout.write(text);
    });
}

function displayName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return String(Object.values(value)[0] ?? '');
  return '';
}
