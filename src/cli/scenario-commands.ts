import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import type { List, ScenarioResult, ScenarioSummary } from '../contract/index.js';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { formatRatio, formatTime, printJson, printLine, printTable } from './output.js';

interface RunOptions {
  out?: string;
  keepFork: boolean;
  top: string;
}

const help = [
  '',
  'A scenario (YAML or JSON) lists steps: traffic (multiplier, ramp, daily), deploy, remove, scale,',
  'fail (any entity, at a time), migrate, addHosts, setpoint, instanceType. See docs/simulate.md.',
  '',
  'Example:',
  '  infratwin scenario run examples/scenarios/black-friday.yaml',
  '  infratwin scenario run examples/scenarios/cooling-failure.yaml --json > result.json',
].join('\n');

/** `infratwin scenario run|list|show`: what-if scenarios on forks, through /api/scenarios. */
export function registerScenarioCommands(program: Command): void {
  const scenario = program.command('scenario').description('what-if scenarios on forks of the twin');
  scenario
    .command('run <file>')
    .description('run a scenario: predicted load, latency, power, temperatures, the cascade and the headroom')
    .option('-o, --out <file>', 'also write the whole result as JSON to this file')
    .option('--no-keep-fork', 'delete the scenario’s fork after the run')
    .option('--top <n>', 'services to list, those that change most first', '15')
    .addHelpText('after', help)
    .action(async (file: string, options: RunOptions, command: Command) => {
      const global = globalOptions(command);
      const text = readFileSync(file, 'utf8');
      const contentType = extname(file) === '.json' ? 'application/json' : 'application/yaml';
      const result = await withClient(
        global,
        (client) =>
          call<ScenarioResult>(client, 'POST', '/api/scenarios', {
            text,
            contentType,
            query: { file: basename(file), keepFork: options.keepFork },
          }),
        true,
      );
      if (options.out) writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
      if (global.json) return printJson(result);
      printResult(result, Number(options.top) || 15);
    });
  scenario
    .command('list')
    .description('scenarios the server ran, newest first')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) =>
        call<List<ScenarioSummary>>(client, 'GET', '/api/scenarios'),
      );
      if (global.json) return printJson(list);
      printTable(
        ['fork', 'name', 'ran', 'limits broken', 'headroom base', 'headroom scenario'],
        list.items.map((item) => [
          item.fork,
          item.name,
          formatTime(item.ranAt),
          item.summary.violations,
          `${item.summary.headroomBase.toFixed(2)}×`,
          `${item.summary.headroomScenario.toFixed(2)}×`,
        ]),
      );
    });
  scenario
    .command('show <fork>')
    .description('the result of a scenario the server ran, by its fork id')
    .option('--top <n>', 'services to list', '15')
    .action(async (fork: string, options: { top: string }, command: Command) => {
      const global = globalOptions(command);
      const result = await withClient(global, (client) =>
        call<ScenarioResult>(client, 'GET', `/api/scenarios/${encodeURIComponent(fork)}`),
      );
      if (global.json) return printJson(result);
      printResult(result, Number(options.top) || 15);
    });
}

/** `t+2m30s`: when in the scenario something happened. */
export function formatOffset(seconds: number): string {
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const parts = [
    hours > 0 ? `${hours}h` : '',
    minutes > 0 ? `${minutes}m` : '',
    rest > 0 || whole === 0 ? `${rest}s` : '',
  ];
  return `t+${parts.join('')}`;
}

function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '∞';
  return value >= 1 ? `${value.toFixed(2)} s` : `${(value * 1000).toFixed(1)} ms`;
}

function printResult(result: ScenarioResult, top: number): void {
  const { summary, headroom } = result;
  printLine(
    `scenario '${result.scenario.name}' on ${result.base} → fork ${result.fork}: ${summary.services} services, ${summary.hosts} hosts` +
      (result.durationSeconds > 0
        ? `, played over ${formatOffset(result.durationSeconds).slice(2)}`
        : ', steady state'),
  );
  const first = (list: ScenarioResult['headroom']['base']['bottlenecks']) =>
    list[0] ? ` (first: ${list[0].entity} ${list[0].message})` : '';
  const broken = (list: ScenarioResult['headroom']['base']['alreadyBroken']) =>
    list.length > 0 ? `, ${list.length}${list.length >= 50 ? '+' : ''} limits already broken` : '';
  printLine(
    `headroom: today ${headroom.base.multiplier.toFixed(2)}× today's traffic${first(headroom.base.bottlenecks)}${broken(headroom.base.alreadyBroken)}` +
      `; scenario ${headroom.scenario.multiplier.toFixed(2)}× its peak traffic${first(headroom.scenario.bottlenecks)}${broken(headroom.scenario.alreadyBroken)}`,
  );
  printLine();
  if (result.violations.length === 0) printLine('no limit broken');
  else {
    printLine(`limits broken: ${result.violations.length}`);
    printTable(
      ['at', 'entity', 'limit'],
      result.violations
        .slice(0, 25)
        .map((violation) => [formatOffset(violation.atSeconds), violation.entity, violation.message]),
    );
  }
  const cascade = result.chain.filter((step) => step.event !== 'limit-broken');
  if (cascade.length > 0) {
    printLine(`cascade: ${cascade.length} steps${cascade.length > 25 ? ' (the first 25)' : ''}`);
    printTable(
      ['at', 'entity', 'event', 'cause', 'detail'],
      cascade
        .slice(0, 25)
        .map((step) => [formatOffset(step.atSeconds), step.entity, step.event, step.cause, step.detail]),
    );
  }
  printServices(result, top);
  if (result.stationChecks && result.stationChecks.length > 0) {
    printLine('closed forms against the discrete-event engine (one replica of the busiest services):');
    printTable(
      ['service', 'ρ', 'scv', 'mean analytic / simulated (95 % CI)', 'p99 analytic / simulated'],
      result.stationChecks.map((check) => [
        check.service,
        check.utilization.toFixed(2),
        check.serviceTimeScv.toFixed(2),
        `${formatSeconds(check.analytic.meanSeconds)} / ${formatSeconds(check.simulated.meanSeconds)} [${formatSeconds(check.simulated.ciLowSeconds)}, ${formatSeconds(check.simulated.ciHighSeconds)}]`,
        `${formatSeconds(check.analytic.p99Seconds)} / ${formatSeconds(check.simulated.p99Seconds)} (${(check.p99Error * 100).toFixed(1)} %)`,
      ]),
    );
  }
  for (const note of result.notes.slice(0, 10)) printLine(`note: ${note.entity}: ${note.message}`);
  printLine(
    `(${result.elapsedMs} ms; the fork holds the predicted metrics: infratwin fork diff ${result.fork})`,
  );
}

function printServices(result: ScenarioResult, top: number): void {
  const services = result.entities.filter((entity) => entity.status !== undefined);
  const change = (entity: (typeof services)[number]) => {
    const p99 = entity.metrics.latency_p99_seconds;
    if (!p99 || p99.scenario === null) return Number.POSITIVE_INFINITY;
    // New services first, then those whose p99 grows most.
    return p99.base === null ? Number.MAX_VALUE : p99.scenario / Math.max(1e-9, p99.base);
  };
  const rows = [...services].sort((a, b) => change(b) - change(a)).slice(0, top);
  printTable(
    ['service', 'req/s', 'p99', 'CPU (busiest replica)', 'replicas', 'status'],
    rows.map((entity) => {
      const m = entity.metrics;
      const pair = (base: string, scenario: string) =>
        base === scenario ? scenario : `${base} → ${scenario}`;
      return [
        entity.id,
        pair(
          (m.request_rate_per_second?.base ?? 0).toFixed(1),
          (m.request_rate_per_second?.scenario ?? 0).toFixed(1),
        ),
        pair(formatSeconds(m.latency_p99_seconds?.base), formatSeconds(m.latency_p99_seconds?.scenario)),
        pair(
          formatRatio(m.replica_cpu_utilization?.base ?? undefined),
          formatRatio(m.replica_cpu_utilization?.scenario ?? undefined),
        ),
        pair(String(m.replicas?.base ?? ''), String(m.replicas?.scenario ?? '')),
        entity.status?.scenario ?? '',
      ];
    }),
  );
}
