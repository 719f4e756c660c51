import type { Command } from 'commander';
import type { Alert, KindAccuracy, List } from '../contract/index.js';
import { formatDuration } from '../predict/index.js';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { printJson, printLine, printTable } from './output.js';

/** `infratwin alerts …` and `infratwin accuracy`: the predictions and how far to trust them. */
export function registerAlertCommands(program: Command): void {
  const alerts = program.command('alerts').description('alerts and predictions: list, acknowledge, resolve');
  alerts
    .command('list', { isDefault: true })
    .description('alerts, newest first (open and acknowledged unless --status says otherwise)')
    .option('--status <list>', 'open, acknowledged, resolved (comma-separated)', 'open,acknowledged')
    .option('--kind <kind>', 'disk-full, memory-leak, overheating, anomaly, …')
    .option('--entity <id>', 'alerts involving this entity')
    .option('--severity <level>', 'info, warning or critical')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const global = globalOptions(command);
      const query = {
        status: options.status,
        kind: options.kind,
        entity: options.entity,
        severity: options.severity,
        limit: options.limit,
      };
      const list = await withClient(global, (client) =>
        call<List<Alert>>(client, 'GET', '/api/alerts', { query }),
      );
      if (global.json) return printJson(list);
      if (list.items.length === 0) return printLine('no alerts');
      const now = Date.now();
      printTable(
        ['id', 'severity', 'kind', 'entity', 'when', 'status', 'summary'],
        list.items.map((alert) => [
          alert.id,
          alert.severity,
          alert.kind,
          alert.entityId,
          alert.expectedAtMs === undefined
            ? 'now'
            : `in ${formatDuration(Math.max(0, alert.expectedAtMs - now))}`,
          alert.status,
          // The table stays readable in a terminal; --json has the whole text.
          alert.summary.length > 100 ? `${alert.summary.slice(0, 99)}…` : alert.summary,
        ]),
      );
    });
  for (const [name, path, description] of [
    ['ack', 'acknowledge', 'acknowledge an alert: someone is on it'],
    ['resolve', 'resolve', 'resolve an alert by hand'],
  ] as const) {
    alerts
      .command(`${name} <id>`)
      .description(description)
      .action(async (id: string, _options: unknown, command: Command) => {
        const global = globalOptions(command);
        const alert = await withClient(global, (client) =>
          call<Alert>(client, 'POST', `/api/alerts/${encodeURIComponent(id)}/${path}`),
        );
        if (global.json) return printJson(alert);
        printLine(`${alert.id} ${alert.status}: ${alert.summary}`);
      });
  }

  program
    .command('accuracy')
    .description('how far to trust the predictions: per kind, how many came true and how far off in time')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) =>
        call<List<KindAccuracy>>(client, 'GET', '/api/predictions/accuracy'),
      );
      if (global.json) return printJson(list);
      printTable(
        [
          'kind',
          'alerts',
          'judged',
          'hits',
          'misses',
          'averted',
          'precision',
          'median time error',
          'median value error',
          'median lead',
        ],
        list.items.map((kind) => [
          kind.kind,
          kind.alerts,
          kind.scored,
          kind.hits,
          kind.misses,
          kind.averted,
          kind.precision === undefined ? '' : `${Math.round(kind.precision * 100)} %`,
          kind.medianAbsTimeErrorMs === undefined ? '' : formatDuration(kind.medianAbsTimeErrorMs),
          kind.medianAbsValueError === undefined ? '' : Number(kind.medianAbsValueError.toPrecision(3)),
          kind.medianLeadTimeMs === undefined ? '' : formatDuration(kind.medianLeadTimeMs),
        ]),
      );
    });
}
