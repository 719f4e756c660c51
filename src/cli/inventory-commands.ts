import type { Command } from 'commander';
import type { DriftItem, DriftReport, List, SyncRun, SyncStatus } from '../contract/index.js';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { formatTime, formatValue, printJson, printLine, printTable } from './output.js';

interface DriftFlags {
  type?: string;
  kind?: string;
  source?: string;
  limit: string;
}

export function registerInventoryCommands(program: Command): void {
  program
    .command('drift')
    .description(
      'what the sources of truth (NetBox, Terraform, estate files) declare against what discovery and telemetry observe',
    )
    .option('--type <type>', 'only undeclared, silent, differs or relation')
    .option('--kind <kind>', 'only entities of this kind')
    .option(
      '--source <source>',
      'only items this source witnesses, e.g. netbox:dc1 or telemetry:remote_write',
    )
    .option('--limit <n>', 'at most this many items', '1000')
    .addHelpText(
      'after',
      [
        '',
        'undeclared  observed (SNMP, Kubernetes, AWS, telemetry) but declared by no source of truth',
        'silent      declared but observed by nothing now (no fresh telemetry, not discovered)',
        'differs     a fact both sides state differently (an address, a serial, an MTU)',
        'relation    a cable, an interface or a placement that differs between both sides',
        'docs/integrations.md#drift explains the rules.',
      ].join('\n'),
    )
    .action(async (flags: DriftFlags, command: Command) => {
      const global = globalOptions(command);
      const report = await withClient(global, (client) =>
        call<DriftReport>(client, 'GET', '/api/inventory/drift', {
          query: { type: flags.type, kind: flags.kind, source: flags.source, limit: flags.limit },
        }),
      );
      if (global.json) return printJson(report);
      printDrift(report);
    });

  program
    .command('sync [name]')
    .description("scheduled re-syncs of serve mode: list them, or re-sync one now (e.g. 'sync dc1')")
    .action(async (name: string | undefined, _flags: unknown, command: Command) => {
      const global = globalOptions(command);
      if (name === undefined) {
        const list = await withClient(global, (client) =>
          call<List<SyncStatus>>(client, 'GET', '/api/inventory/syncs'),
        );
        if (global.json) return printJson(list);
        if (list.items.length === 0)
          return printLine('no re-syncs configured (inventory.sync in the config file)');
        printTable(
          ['name', 'from', 'every', 'runs', 'failures', 'last run', 'result', 'next run'],
          list.items.map((job) => [
            job.name,
            job.from,
            `${Math.round(job.everyMs / 1000)} s`,
            job.runs,
            job.failures,
            job.lastRun ? formatTime(job.lastRun.finishedAt) : job.running ? 'running' : '—',
            job.lastRun ? runSummary(job.lastRun) : '',
            job.nextRunAt === undefined ? '' : formatTime(job.nextRunAt),
          ]),
        );
        return;
      }
      const run = await withClient(global, (client) =>
        call<SyncRun>(client, 'POST', `/api/inventory/syncs/${encodeURIComponent(name)}/runs`),
      );
      if (global.json) return printJson(run);
      printLine(`${name}: ${runSummary(run)}`);
      if (!run.ok) process.exitCode = 1;
    });
}

function runSummary(run: SyncRun): string {
  if (!run.ok) return `failed: ${run.error}`;
  const change = run.seq === undefined ? 'nothing to change' : `change set ${run.seq}`;
  return `${run.added} new, ${run.changed} changed, ${run.removed} removed (${change})`;
}

function printDrift(report: DriftReport): void {
  const { summary } = report;
  printLine(
    `drift as of ${formatTime(report.at)}: ${summary.undeclared} undeclared, ${summary.silent} silent, ` +
      `${summary.differs} differing facts, ${summary.relation} differing relations`,
  );
  printLine(
    `sources: ${report.sources.map((source) => `${source.source} (${source.origin}, ${formatTime(source.at)})`).join(', ') || 'none imported yet'}`,
  );
  if (report.items.length === 0) return;
  printLine();
  printTable(
    ['drift', 'entity', 'what', 'declared', 'observed'],
    report.items.map((item) => [item.type, item.entity, ...columnsOf(item)]),
  );
  if (report.truncated) printLine(`… more items: raise --limit or filter with --type, --kind, --source`);
}

function columnsOf(item: DriftItem): [string, string, string] {
  const seen = item.lastSeen === undefined ? 'never seen' : `last seen ${formatTime(item.lastSeen)}`;
  const said = (list: Array<{ source: string; value: unknown }> | undefined) =>
    (list ?? []).map((entry) => `${formatValue(entry.value)} (${entry.source})`).join('; ');
  const peers = (list: Array<{ peer: string; source: string }> | undefined) =>
    (list ?? []).map((entry) => `${entry.peer} (${entry.source})`).join('; ') || '—';
  switch (item.type) {
    case 'undeclared':
      return [item.kind, '—', (item.observedBy ?? []).join(', ')];
    case 'silent':
      return [item.kind, (item.declaredBy ?? []).join(', '), seen];
    case 'differs':
      return [item.field ?? '', said(item.declared), said(item.observed)];
    default:
      return [item.relation ?? '', peers(item.declaredOnly), peers(item.observedOnly)];
  }
}
