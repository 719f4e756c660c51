import type { Command } from 'commander';
import type {
  DependencyNode,
  Entity,
  ImpactReport,
  List,
  Page,
  PathReport,
  PlacedEntity,
  PowerPathReport,
  Relation,
} from '../contract/index.js';
import { call, entityPath } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { formatRatio, formatValue, formatWatts, printJson, printLine, printTable } from './output.js';
import { addViewOptions, type ViewOptions, viewQuery } from './view-options.js';

export function registerEntityCommands(program: Command): void {
  addViewOptions(program.command('get <id>').description('show one entity: props, labels, state, health'))
    .addHelpText('after', '\nExample: infratwin get rack:dc1/a/r01 --as-of 2026-11-28T10:00:00Z')
    .action(async (id: string, options: ViewOptions, command: Command) => {
      const global = globalOptions(command);
      const entity = await withClient(global, (client) =>
        call<Entity>(client, 'GET', entityPath(id), { query: viewQuery(options) }),
      );
      if (global.json) return printJson(entity);
      printEntity(entity);
    });

  addViewOptions(
    program
      .command('query')
      .description('list entities by kind, label selector and search text')
      .option('-k, --kind <kind>', 'entity kind, e.g. host')
      .option('-l, --selector <selector>', "label selector, e.g. 'env=prod,tier in (web,api)'")
      .option('-s, --search <text>', 'substring of id or name')
      .option('--limit <n>', 'at most this many (default 50)', '50')
      .option('--offset <n>', 'skip this many', '0'),
  ).action(async (options: ViewOptions & Record<string, string>, command: Command) => {
    const global = globalOptions(command);
    const page = await withClient(global, (client) =>
      call<Page<Entity>>(client, 'GET', '/api/entities', {
        query: {
          ...viewQuery(options),
          kind: options.kind,
          selector: options.selector,
          search: options.search,
          limit: options.limit,
          offset: options.offset,
        },
      }),
    );
    if (global.json) return printJson(page);
    printTable(
      ['id', 'kind', 'health', 'labels'],
      page.items.map((entity) => [entity.id, entity.kind, entity.state.health, formatLabels(entity.labels)]),
    );
    printLine(`${page.items.length} of ${page.total} (offset ${page.offset})`);
  });

  addViewOptions(
    program
      .command('relations')
      .description('list relations by type, endpoints, endpoint kinds and props')
      .option('-t, --type <type>', 'relation type, e.g. depends-on')
      .option('--from <id>', 'from this entity')
      .option('--to <id>', 'to this entity')
      .option('--from-kind <kind>', 'from entities of this kind')
      .option('--to-kind <kind>', 'to entities of this kind')
      .option('-w, --where <filter...>', "prop filters, e.g. 'callsPerRequest>=2'")
      .option('--limit <n>', 'at most this many (default 50)', '50'),
  ).action(async (options: ViewOptions & Record<string, string | string[]>, command: Command) => {
    const global = globalOptions(command);
    const page = await withClient(global, (client) =>
      call<Page<Relation>>(client, 'GET', '/api/relations', {
        query: {
          ...viewQuery(options as ViewOptions),
          type: options.type as string | undefined,
          from: options.from as string | undefined,
          to: options.to as string | undefined,
          fromKind: options.fromKind as string | undefined,
          toKind: options.toKind as string | undefined,
          where: options.where as string[] | undefined,
          limit: options.limit as string,
        },
      }),
    );
    if (global.json) return printJson(page);
    printTable(
      ['type', 'from', 'to', 'props'],
      page.items.map((relation) => [relation.type, relation.from, relation.to, formatProps(relation.props)]),
    );
    printLine(`${page.items.length} of ${page.total}`);
  });

  addViewOptions(
    program
      .command('tree <id>')
      .description('what the entity contains and runs (or, with --up, where it sits)')
      .option('--up', 'walk up: rack, room, site; host of a VM')
      .option('--depth <n>', 'levels (default 3)', '3'),
  ).action(async (id: string, options: ViewOptions & { up?: boolean; depth: string }, command: Command) => {
    const global = globalOptions(command);
    const list = await withClient(global, (client) =>
      call<List<PlacedEntity>>(client, 'GET', entityPath(id, options.up ? '/parents' : '/children'), {
        query: { ...viewQuery(options), depth: options.depth },
      }),
    );
    if (global.json) return printJson(list);
    printLine(id);
    for (const placed of list.items) {
      printLine(`${'  '.repeat(placed.depth)}${placed.entity.id}  [${placed.entity.state.health}]`);
    }
  });

  addViewOptions(
    program
      .command('deps <id>')
      .description('everything the entity needs to work, transitively (or what needs it)')
      .option('--dependents', 'what depends on it instead')
      .option('--depth <n>', 'at most this many steps'),
  ).action(
    async (id: string, options: ViewOptions & { dependents?: boolean; depth?: string }, command: Command) => {
      const global = globalOptions(command);
      const list = await withClient(global, (client) =>
        call<List<DependencyNode>>(client, 'GET', entityPath(id, '/dependencies'), {
          query: {
            ...viewQuery(options),
            direction: options.dependents ? 'dependents' : 'providers',
            depth: options.depth,
          },
        }),
      );
      if (global.json) return printJson(list);
      printTable(
        ['depth', 'entity', 'via', 'from'],
        list.items.map((node) => [node.depth, node.id, node.via, node.from]),
      );
    },
  );

  addViewOptions(
    program
      .command('path <from> <to>')
      .description('a shortest path between two entities')
      .option('-t, --types <types>', 'relation types to follow, comma-separated'),
  ).action(async (from: string, to: string, options: ViewOptions & { types?: string }, command: Command) => {
    const global = globalOptions(command);
    const report = await withClient(global, (client) =>
      call<PathReport>(client, 'GET', '/api/path', {
        query: { ...viewQuery(options), from, to, types: options.types },
      }),
    );
    if (global.json) return printJson(report);
    if (!report.found) return printLine(`no path from ${from} to ${to}`);
    printLine(from);
    for (const step of report.steps) printLine(`  --${step.relation.type}--> ${step.to}`);
  });

  addViewOptions(
    program
      .command('impact <ids...>')
      .description('blast radius: what fails or degrades if these entities fail, and why'),
  ).action(async (ids: string[], options: ViewOptions, command: Command) => {
    const global = globalOptions(command);
    const report = await withClient(global, (client) =>
      ids.length === 1
        ? call<ImpactReport>(client, 'GET', entityPath(ids[0] as string, '/impact'), {
            query: viewQuery(options),
          })
        : call<ImpactReport>(client, 'POST', '/api/impact', { body: { ids }, query: viewQuery(options) }),
    );
    if (global.json) return printJson(report);
    printLine(
      `if ${ids.join(', ')} fail: ${report.counts.failed} entities fail, ${report.counts.degraded} degrade`,
    );
    printTable(
      ['kind', 'failed', 'degraded'],
      Object.entries(report.byKind).map(([kind, counts]) => [kind, counts.failed, counts.degraded]),
    );
    printTable(
      ['entity', 'effect', 'via', 'path'],
      report.affected.map((item) => [
        item.id,
        item.of > 1 ? `${item.effect} (${item.lost}/${item.of})` : item.effect,
        item.via,
        item.path.join(' → '),
      ]),
    );
  });

  addViewOptions(
    program
      .command('power-path <id>')
      .description('the power chain of a device, feed to device, with load against rating'),
  ).action(async (id: string, options: ViewOptions, command: Command) => {
    const global = globalOptions(command);
    const report = await withClient(global, (client) =>
      call<PowerPathReport>(client, 'GET', entityPath(id, '/power-path'), { query: viewQuery(options) }),
    );
    if (global.json) return printJson(report);
    report.paths.forEach((path, index) => {
      printLine(`path ${index + 1}:`);
      printTable(
        ['hop', 'kind', 'load', 'rating', 'load / rating'],
        path.map((hop) => [
          hop.id,
          hop.kind,
          formatWatts(hop.loadWatts),
          formatWatts(hop.ratedWatts),
          formatRatio(hop.loadRatio),
        ]),
      );
    });
  });
}

function printEntity(entity: Entity): void {
  printLine(`${entity.id}  (${entity.kind}, ${entity.name})  health: ${entity.state.health}`);
  const source = entity.provenance;
  printLine(`  from ${source.origin} source ${source.source} at ${new Date(source.at).toISOString()}`);
  if (Object.keys(entity.labels).length > 0) printLine(`  labels: ${formatLabels(entity.labels)}`);
  const props = Object.entries(entity.props);
  if (props.length > 0)
    printTable(
      ['prop', 'value'],
      props.map(([key, value]) => [key, formatValue(value)]),
    );
  const metrics = Object.entries(entity.state.metrics);
  if (metrics.length > 0) {
    printTable(
      ['metric', 'value', 'at', 'source'],
      metrics.map(([name, metric]) => [
        name,
        Number(metric.value.toPrecision(6)),
        new Date(metric.ts).toISOString(),
        metric.source,
      ]),
    );
  }
  for (const reason of entity.state.reasons) {
    printLine(`  ${reason.level}: ${reason.metric} = ${reason.value} (limit ${reason.limit})`);
  }
}

function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

function formatProps(props: Record<string, unknown>): string {
  return Object.entries(props)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(' ');
}
