import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type {
  ChangeSet,
  ChangeSetSummary,
  Fork,
  ImportResult,
  List,
  Operation,
  TwinDiff,
} from '../contract/index.js';
import { estateToOperations, parseEstateFile } from '../ingest/index.js';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { formatTime, formatValue, printJson, printLine, printTable } from './output.js';
import { createProgress } from './progress.js';

export function registerChangeCommands(program: Command): void {
  program
    .command('import <file>')
    .description('import an estate file (YAML or JSON) as one change set; importing it again changes nothing')
    .option('--prune', 'also remove what this file imported before and no longer lists')
    .addHelpText('after', '\nThe format: docs/estate-file.md. Example: infratwin import examples/estate.yaml')
    .action(async (file: string, options: { prune?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const text = readFileSync(file, 'utf8');
      const contentType = extname(file) === '.json' ? 'application/json' : 'application/yaml';
      const upload = createProgress(`importing ${basename(file)}`, Buffer.byteLength(text), {
        enabled: global.json ? false : undefined,
      });
      const result = await withClient(
        global,
        (client) =>
          call<ImportResult>(client, 'POST', '/api/import', {
            text,
            contentType,
            query: { file: basename(file), prune: options.prune === true },
            onUploadProgress: (sent, total) => upload.update(sent, total),
          }),
        true,
      ).finally(() => upload.stop());
      if (global.json) return printJson(result);
      printLine(
        result.changed
          ? `imported ${file}: change set ${result.seq}, ${result.opCount} operations (${result.pruned} pruned)`
          : `${file}: nothing to change (${result.entities} entities, ${result.relations} relations already match)`,
      );
    });

  const history = program
    .command('history')
    .description('the change log: who changed what, when and why')
    .option('--fork <id>', "a fork's own change log")
    .option('--since <time>', 'from this time (ISO-8601 or epoch ms)')
    .option('--until <time>', 'up to this time')
    .option('--limit <n>', 'at most this many, newest first (default 20)', '20')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) =>
        call<List<ChangeSetSummary>>(client, 'GET', '/api/changes', {
          query: { fork: options.fork, since: options.since, until: options.until, limit: options.limit },
        }),
      );
      if (global.json) return printJson(list);
      printTable(
        ['seq', 'when', 'actor', 'source', 'ops', 'reason'],
        list.items.map((item) => [
          item.seq,
          formatTime(item.ts),
          item.actor,
          item.source,
          item.opCount,
          item.reason,
        ]),
      );
    });
  history
    .command('show <seq>')
    .description('one change set with its operations')
    .option('--fork <id>', "from a fork's log")
    .action(async (seq: string, options: { fork?: string }, command: Command) => {
      const global = globalOptions(command);
      const changeSet = await withClient(global, (client) =>
        call<ChangeSet>(client, 'GET', `/api/changes/${encodeURIComponent(seq)}`, {
          query: { fork: options.fork },
        }),
      );
      if (global.json) return printJson(changeSet);
      printLine(
        `change set ${changeSet.seq}${changeSet.fork ? ` of ${changeSet.fork}` : ''}: ${formatTime(changeSet.ts)}`,
      );
      printLine(
        `  by ${changeSet.actor} (${changeSet.origin} from ${changeSet.source}): ${changeSet.reason}`,
      );
      for (const op of changeSet.ops.slice(0, 200)) printLine(`  ${describeOperation(op)}`);
      if (changeSet.ops.length > 200) printLine(`  … ${changeSet.ops.length - 200} more (use --json)`);
    });

  registerForkCommands(program);
}

function registerForkCommands(program: Command): void {
  const fork = program.command('fork').description('what-if forks of the twin: create, change, diff, delete');
  fork
    .command('create <name>')
    .description('fork the live twin (or another fork, with --parent)')
    .option('--parent <id>', 'copy this fork instead of the live twin')
    .option('--description <text>', 'what the fork is for')
    .action(async (name: string, options: { parent?: string; description?: string }, command: Command) => {
      const global = globalOptions(command);
      const created = await withClient(global, (client) =>
        call<Fork>(client, 'POST', '/api/forks', { body: { name, ...options } }),
      );
      if (global.json) return printJson(created);
      printLine(`created ${created.id} (${created.name}) at live change set ${created.baseSeq}`);
    });
  fork
    .command('list')
    .description('the forks')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) => call<List<Fork>>(client, 'GET', '/api/forks'));
      if (global.json) return printJson(list);
      printTable(
        ['id', 'name', 'base', 'changes', 'created', 'by'],
        list.items.map((item) => [
          item.id,
          item.name,
          item.baseSeq,
          item.changeCount,
          formatTime(item.createdAt),
          item.createdBy,
        ]),
      );
    });
  fork
    .command('apply <id> <file>')
    .description('apply a change set to a fork: a file of {reason, ops} or an estate file')
    .option('--reason <text>', 'why (overrides the file)')
    .action(async (id: string, file: string, options: { reason?: string }, command: Command) => {
      const global = globalOptions(command);
      const input = readChangeFile(file);
      const body = { reason: options.reason ?? input.reason ?? `from ${basename(file)}`, ops: input.ops };
      const result = await withClient(global, (client) =>
        call<ChangeSet | { changed: false }>(client, 'POST', `/api/forks/${encodeURIComponent(id)}/changes`, {
          body,
        }),
      );
      if (global.json) return printJson(result);
      printLine(
        'seq' in result
          ? `${id}: change set ${result.seq}, ${result.ops.length} operations`
          : `${id}: nothing to change`,
      );
    });
  fork
    .command('diff <id>')
    .description('what the fork changed against its base')
    .action(async (id: string, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      const diff = await withClient(global, (client) =>
        call<TwinDiff>(client, 'GET', `/api/forks/${encodeURIComponent(id)}/diff`),
      );
      if (global.json) return printJson(diff);
      printDiff(diff);
    });
  fork
    .command('delete <id>')
    .description('delete a fork; the live twin is never touched')
    .action(async (id: string, _options: unknown, command: Command) => {
      const global = globalOptions(command);
      await withClient(global, (client) => call(client, 'DELETE', `/api/forks/${encodeURIComponent(id)}`));
      if (global.json) return printJson({ deleted: id });
      printLine(`deleted ${id}`);
    });
}

/** A change file: `{ reason?, ops: [...] }` in JSON or YAML, or an estate file. */
function readChangeFile(file: string): { reason?: string; ops: Operation[] } {
  const text = readFileSync(file, 'utf8');
  const value: unknown = parseYaml(text);
  if (typeof value === 'object' && value !== null && 'apiVersion' in value) {
    return { ops: estateToOperations(parseEstateFile(text, { file })) as Operation[] };
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { ops?: unknown }).ops)) {
    throw new Error(`${file}: expected { reason?, ops: [...] } or an estate file (apiVersion: infratwin/v1)`);
  }
  return value as { reason?: string; ops: Operation[] };
}

function printDiff(diff: TwinDiff): void {
  const rows: Array<[string, string, string]> = [];
  for (const entity of diff.entities.added) rows.push(['+ entity', entity.id, '']);
  for (const entity of diff.entities.removed) rows.push(['- entity', entity.id, '']);
  for (const change of diff.entities.changed) {
    for (const field of change.changes) {
      rows.push([
        '~ entity',
        change.id,
        `${field.field}: ${formatValue(field.before)} → ${formatValue(field.after)}`,
      ]);
    }
  }
  for (const relation of diff.relations.added) rows.push(['+ relation', relation.id, '']);
  for (const relation of diff.relations.removed) rows.push(['- relation', relation.id, '']);
  for (const change of diff.relations.changed) {
    for (const field of change.changes) {
      rows.push([
        '~ relation',
        change.id,
        `${field.field}: ${formatValue(field.before)} → ${formatValue(field.after)}`,
      ]);
    }
  }
  for (const metric of diff.metrics) {
    rows.push(['~ metric', metric.id, `${metric.metric}: ${metric.before ?? '—'} → ${metric.after ?? '—'}`]);
  }
  if (rows.length === 0) printLine('no differences');
  else printTable(['change', 'id', 'detail'], rows);
}

function describeOperation(op: Operation): string {
  switch (op.op) {
    case 'upsert-entity':
      return `upsert ${op.entity.id}`;
    case 'patch-entity':
      return `patch ${op.id} ${formatValue({ ...(op.props ? { props: op.props } : {}), ...(op.labels ? { labels: op.labels } : {}) })}`;
    case 'remove-entity':
      return `remove ${op.id}`;
    case 'upsert-relation':
      return `relate ${op.relation.from} --${op.relation.type}--> ${op.relation.to}`;
    case 'remove-relation':
      return `unrelate ${op.id}`;
    case 'set-metric':
      return `set ${op.id} ${op.metric} = ${op.value}`;
  }
}
