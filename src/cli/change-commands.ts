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
import {
  estateToOperations,
  fetchNetbox,
  parseEstateFile,
  pollDevice,
  type SnmpDevice,
  serializeEstate,
  snmpInventory,
} from '../ingest/index.js';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { formatTime, formatValue, printJson, printLine, printTable } from './output.js';
import { createProgress } from './progress.js';

export function registerChangeCommands(program: Command): void {
  program
    .command('import [file]')
    .description('import an estate file (YAML or JSON) as one change set; importing it again changes nothing')
    .option('--prune', 'also remove what this file (or source) imported before and no longer lists')
    .option(
      '--from <source>',
      'an inventory export instead of an estate file: netbox, k8s, terraform, aws, dtdl or snmp (docs/integrations.md)',
    )
    .option('--name <name>', 'the source instance (cluster, state, account); default: the file name')
    .option('--dry-run', 'with --from: show what would change, change nothing')
    .option('--fork <id>', 'with --from: import into a fork')
    .option(
      '--target <host[:port]>',
      'with --from snmp: a device to poll (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option(
      '--community-file <file>',
      'with --from snmp: a file holding the SNMP v2c community (default: public)',
    )
    .addHelpText(
      'after',
      [
        '',
        'The estate format: docs/estate-file.md. Example: infratwin import examples/estate.yaml',
        'Inventories: kubectl get nodes,pods,services,deployments,statefulsets,ingresses,networkpolicies -A -o json > c.json',
        '             infratwin import --from k8s c.json --name prod --dry-run',
        '             infratwin import --from terraform terraform.tfstate',
        '             infratwin import --from aws bundle.json   # { instances, securityGroups, subnets, vpcs }',
        '             infratwin import --from netbox netbox-export.json   # { "dcim/devices": [...], ... }',
        '             infratwin import --from netbox --netbox-url https://netbox.example.com --token-file token.txt',
        '             infratwin import --from snmp --target 10.0.0.1 --target 10.0.0.2 --community-file community.txt',
        '             infratwin import --from dtdl twins.ndjson --name building   # ADT import job or Explorer export',
      ].join('\n'),
    )
    .action(async (file: string | undefined, options: ImportFlags, command: Command) => {
      if (options.from === 'snmp') return importSnmp(options, command);
      if (options.from === 'netbox' && options.netboxUrl) return importNetboxApi(options, command);
      if (file === undefined) throw new Error('name the file to import');
      if (options.from !== undefined) return importInventoryFile(file, options, command);
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

interface ImportFlags {
  target: string[];
  netboxUrl?: string;
  tokenFile?: string;
  communityFile?: string;
  prune?: boolean;
  from?: string;
  name?: string;
  dryRun?: boolean;
  fork?: string;
}

interface InventoryAnswer {
  source: string;
  dryRun: boolean;
  seq?: number;
  opCount: number;
  added: number;
  changed: Array<{ id: string; fields: string[] }>;
  unchanged: number;
  relationsAdded: number;
  removedEntities: string[];
  removedRelations: string[];
  pruned: boolean;
  matches: Array<{ declared: string; entity: string; by: string; value: string }>;
  ambiguous: Array<{ declared: string; candidates: string[]; by: string }>;
  conflicts: Array<{
    entity: string;
    field: string;
    held: { value: unknown; source: string };
    declared: { value: unknown; source: string };
  }>;
  problems: Array<{ path: string; message: string }>;
}

/**
 * `import --from snmp --target …`: polls each device from here (where the management network is
 * reachable), maps what it found, and sends it as an estate document through /api/inventory/imports.
 */
async function importSnmp(options: ImportFlags, command: Command): Promise<void> {
  if (options.target.length === 0) throw new Error('--from snmp needs at least one --target host[:port]');
  const community = options.communityFile ? readFileSync(options.communityFile, 'utf8').trim() : 'public';
  const global = globalOptions(command);
  const progress = createProgress('polling SNMP', options.target.length, {
    enabled: global.json ? false : undefined,
  });
  const devices: SnmpDevice[] = [];
  const failures: string[] = [];
  for (const [index, target] of options.target.entries()) {
    const { host, port } = splitTarget(target);
    try {
      devices.push(await pollDevice({ host, port, community }));
    } catch (error) {
      failures.push((error as Error).message);
    }
    progress.update(index + 1);
  }
  progress.stop();
  for (const failure of failures) process.stderr.write(`infratwin: ${failure}\n`);
  if (devices.length === 0) throw new Error('no device answered');
  const inventory = snmpInventory(devices, { name: options.name ?? 'discovery' });
  const text = serializeEstate(inventory.document, 'json');
  await sendInventory(text, `${options.name ?? 'discovery'}`, options, command, 'snmp');
}

/** `import --from netbox --netbox-url …`: reads NetBox's API from here, page by page, then imports it. */
async function importNetboxApi(options: ImportFlags, command: Command): Promise<void> {
  if (!options.tokenFile) throw new Error('--netbox-url needs --token-file with an API token');
  const token = readFileSync(options.tokenFile, 'utf8').trim();
  const global = globalOptions(command);
  const progress = createProgress('reading NetBox', 1, { enabled: global.json ? false : undefined });
  const totals = new Map<string, { fetched: number; count: number }>();
  const exported = await fetchNetbox({
    url: options.netboxUrl as string,
    token,
    onProgress: ({ endpoint, fetched, count }) => {
      totals.set(endpoint, { fetched, count: count ?? fetched });
      const all = [...totals.values()];
      progress.update(
        all.reduce((sum, t) => sum + t.fetched, 0),
        Math.max(
          1,
          all.reduce((sum, t) => sum + t.count, 0),
        ),
      );
    },
  }).finally(() => progress.stop());
  const text = JSON.stringify({ 'netbox-version': exported.version, ...exported.results });
  await sendInventory(
    text,
    options.name ?? new URL(options.netboxUrl as string).hostname,
    options,
    command,
    'netbox',
  );
}

function splitTarget(target: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(target);
  if (!match || (target.split(':').length > 2 && !target.startsWith('['))) return { host: target, port: 161 };
  return { host: match[1] as string, port: match[2] ? Number(match[2]) : 161 };
}

/** `import --from k8s|terraform|aws FILE`: an inventory export through /api/inventory/imports. */
async function importInventoryFile(file: string, options: ImportFlags, command: Command): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const name = options.name ?? basename(file).replace(/\.[^.]+$/, '');
  await sendInventory(text, name, options, command, basename(file));
}

async function sendInventory(
  text: string,
  name: string,
  options: ImportFlags,
  command: Command,
  label: string,
): Promise<void> {
  const global = globalOptions(command);
  const file = label;
  const upload = createProgress(`importing ${basename(file)}`, Buffer.byteLength(text), {
    enabled: global.json ? false : undefined,
  });
  const result = await withClient(
    global,
    (client) =>
      call<InventoryAnswer>(client, 'POST', '/api/inventory/imports', {
        text,
        contentType: 'application/json',
        query: {
          from: options.from,
          name,
          dryRun: options.dryRun === true,
          prune: options.prune === true,
          ...(options.fork ? { fork: options.fork } : {}),
        },
        onUploadProgress: (sent, total) => upload.update(sent, total),
      }),
    true,
  ).finally(() => upload.stop());
  if (global.json) return printJson(result);
  const verb = result.dryRun ? 'would import' : 'imported';
  printLine(
    `${verb} ${result.source}: ${result.added} new, ${result.changed.length} changed, ${result.unchanged} unchanged, ` +
      `${result.relationsAdded} new relations` +
      (result.seq !== undefined
        ? ` (change set ${result.seq})`
        : result.dryRun
          ? ''
          : ' (nothing to change)'),
  );
  const removals = result.removedEntities.length + result.removedRelations.length;
  if (removals > 0)
    printLine(
      result.pruned
        ? `removed ${result.removedEntities.length} entities and ${result.removedRelations.length} relations the source no longer has`
        : `the source no longer has ${result.removedEntities.length} entities and ${result.removedRelations.length} relations: --prune removes them (${result.removedEntities.slice(0, 5).join(', ')}${result.removedEntities.length > 5 ? ', …' : ''})`,
    );
  if (result.changed.length > 0)
    printTable(
      ['changed', 'fields'],
      result.changed.slice(0, 20).map((change) => [change.id, change.fields.join(', ')]),
    );
  if (result.matches.length > 0)
    printTable(
      ['declared as', 'is the twin’s', 'by', 'value'],
      result.matches.slice(0, 20).map((m) => [m.declared, m.entity, m.by, m.value]),
    );
  if (result.conflicts.length > 0)
    printTable(
      ['conflict', 'field', 'twin holds (source)', 'this source says'],
      result.conflicts
        .slice(0, 20)
        .map((c) => [
          c.entity,
          c.field,
          `${formatValue(c.held.value)} (${c.held.source})`,
          formatValue(c.declared.value),
        ]),
    );
  for (const ambiguous of result.ambiguous.slice(0, 10))
    printLine(
      `not merged: ${ambiguous.declared} could be ${ambiguous.candidates.join(' or ')} (same ${ambiguous.by})`,
    );
  for (const problem of result.problems.slice(0, 10))
    printLine(`skipped: ${problem.path}: ${problem.message}`);
  if (result.problems.length > 10)
    printLine(`… and ${result.problems.length - 10} more problems (--json for all)`);
}
