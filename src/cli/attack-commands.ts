import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { AttackAnalysisResult, AttackPath, DefenseEvaluationResult } from '../contract/index.js';
import { type ApiClient, call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { printJson, printLine, printTable } from './output.js';

interface AnalysisFlags {
  scan: string[];
  vulns: string[];
  target?: string;
  epss?: string;
  kev?: string;
  strict?: boolean;
  fork?: string;
  jewels?: string;
  footholds?: string;
  maxPaths: string;
  rankBy: string;
  trials?: string;
  seed: string;
  maxSteps?: string;
  hardening: string;
  keepFix: string[];
  out?: string;
}

interface DefendFlags extends AnalysisFlags {
  file?: string;
  patch: string[];
  block: string[];
  isolate: string[];
  rotate: string[];
  untrust: string[];
  unexpose: string[];
  keepFork: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const analysisHelp = [
  '',
  'Crown jewels carry the label crown-jewel=true (or pass --jewels). Entry points: internet-facing',
  'services (entryPoint), network segments with internet: true, assets labelled attack-entry=internet,',
  'attack-entry=phishing or attack-entry=foothold. See docs/attack.md.',
  '',
  'Examples:',
  '  infratwin attack-paths',
  '  infratwin attack-paths --scan scan.xml --vulns trivy-web.json --target container:web-1',
  '  infratwin attack-paths --jewels tier=db --trials 50000 --json > paths.json',
].join('\n');

/** `infratwin attack-paths`, `infratwin attack-defend`, `infratwin import-security`. */
export function registerAttackCommands(program: Command): void {
  addAnalysisOptions(
    program
      .command('attack-paths')
      .description(
        'attack paths to the crown jewels: ranked paths, odds, management planes at risk, the cheapest cut',
      )
      .option('--scan <nmap.xml>', 'import an Nmap XML scan first (repeatable)', collect, [])
      .option('--vulns <trivy.json>', 'import a Trivy JSON report first (repeatable)', collect, [])
      .option(
        '--target <entity>',
        'the entity the Trivy reports scanned, when their artifact name does not say',
      )
      .option('--epss <file>', 'import FIRST EPSS scores first (CSV or API JSON)')
      .option('--kev <file>', 'import the CISA KEV catalogue first (JSON)')
      .option('--strict', 'hosts in the scan the twin does not know are listed, not created'),
  )
    .addHelpText('after', analysisHelp)
    .action(async (flags: AnalysisFlags, command: Command) => {
      const global = globalOptions(command);
      const analysis = await withClient(
        global,
        async (client) => {
          await importInputs(client, flags, global.json === true);
          return call<AttackAnalysisResult>(client, 'POST', '/api/attack/analyses', {
            body: analysisBody(flags),
          });
        },
        true,
      );
      if (flags.out) writeFileSync(flags.out, `${JSON.stringify(analysis, null, 2)}\n`);
      if (global.json) return printJson(analysis);
      printAnalysis(analysis);
    });

  addAnalysisOptions(
    program
      .command('attack-defend')
      .description('apply defenses on a new fork and compare its attack paths with the base')
      .option('-f, --file <defenses>', 'defenses as a YAML or JSON list (docs/attack.md)')
      .option('--patch <vulnerability>', 'remove a vulnerability everywhere (repeatable)', collect, [])
      .option('--block <relation>', 'remove an allows rule (repeatable)', collect, [])
      .option('--isolate <segment>', 'cut a network segment off (repeatable)', collect, [])
      .option('--rotate <credential>', 'rotate a credential (repeatable)', collect, [])
      .option('--untrust <relation>', 'remove a trusts relation (repeatable)', collect, [])
      .option('--unexpose <entity>', 'take a service or asset off the internet (repeatable)', collect, [])
      .option('--no-keep-fork', 'delete the fork after the comparison'),
  ).action(async (flags: DefendFlags, command: Command) => {
    const global = globalOptions(command);
    const defenses = defensesOf(flags);
    if (defenses.length === 0)
      throw new Error(
        'no defense given: use --file, --patch, --block, --isolate, --rotate, --untrust or --unexpose',
      );
    const evaluation = await withClient(global, (client) =>
      call<DefenseEvaluationResult>(client, 'POST', '/api/attack/defenses', {
        body: { ...analysisBody(flags), defenses, keepFork: flags.keepFork },
      }),
    );
    if (flags.out) writeFileSync(flags.out, `${JSON.stringify(evaluation, null, 2)}\n`);
    if (global.json) return printJson(evaluation);
    printComparison(evaluation);
  });

  program
    .command('import-security <kind> <file>')
    .description(
      'import an Nmap scan (nmap), a Trivy report (trivy), EPSS scores (epss) or the KEV catalogue (kev)',
    )
    .option('--target <entity>', 'trivy: the scanned entity')
    .option('--strict', 'nmap: list unknown hosts instead of creating them')
    .option('--fork <id>', 'import into a fork')
    .action(
      async (
        kind: string,
        file: string,
        flags: { target?: string; strict?: boolean; fork?: string },
        command: Command,
      ) => {
        const global = globalOptions(command);
        if (!['nmap', 'trivy', 'epss', 'kev'].includes(kind))
          throw new Error(`unknown kind '${kind}': nmap, trivy, epss or kev`);
        const result = await withClient(global, (client) => importFile(client, kind, file, flags), true);
        if (global.json) return printJson(result);
        printImport(kind, file, result);
      },
    );
}

function addAnalysisOptions(command: Command): Command {
  return command
    .option('--fork <id>', 'analyse a fork instead of the live twin')
    .option('--jewels <selector>', 'label selector of the crown jewels', undefined)
    .option('--footholds <selector>', 'label selector of assets the attacker already holds (assume breach)')
    .option('--max-paths <n>', 'paths to list per crown jewel', '5')
    .option('--rank-by <order>', 'rank paths by likelihood or by length (fewest actions)', 'likelihood')
    .option(
      '--trials <n>',
      'Monte Carlo trials (0: none; default: up to 10,000, as many as fit in about 2 s)',
    )
    .option('--seed <n>', 'Monte Carlo seed', '1')
    .option('--max-steps <n>', 'count compromises within this many attacker steps only')
    .option('--hardening <method>', 'minimal hardening set: auto, exact, greedy or none', 'auto')
    .option('--keep-fix <id>', 'a fix the hardening set may not use (repeatable)', collect, [])
    .option('-o, --out <file>', 'also write the whole result as JSON to this file');
}

function analysisBody(flags: AnalysisFlags): Record<string, unknown> {
  const integer = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name} must be a whole number ≥ 0, got '${text}'`);
    return value;
  };
  if (!['auto', 'exact', 'greedy', 'none'].includes(flags.hardening))
    throw new Error(`--hardening must be auto, exact, greedy or none, got '${flags.hardening}'`);
  const maxSteps = integer(flags.maxSteps, 'max-steps');
  return {
    ...(flags.fork ? { fork: flags.fork } : {}),
    ...(flags.jewels ? { jewels: flags.jewels } : {}),
    ...(flags.footholds ? { footholds: flags.footholds } : {}),
    maxPaths: integer(flags.maxPaths, 'max-paths'),
    rankBy: flags.rankBy === 'length' ? 'length' : 'likelihood',
    ...(flags.trials === undefined ? {} : { trials: integer(flags.trials, 'trials') }),
    seed: integer(flags.seed, 'seed'),
    ...(maxSteps === undefined ? {} : { maxSteps }),
    hardening: flags.hardening,
    ...(flags.keepFix.length > 0 ? { keepFixes: flags.keepFix } : {}),
  };
}

async function importInputs(client: ApiClient, flags: AnalysisFlags, quiet: boolean): Promise<void> {
  const inputs: Array<[string, string]> = [
    ...flags.scan.map((file): [string, string] => ['nmap', file]),
    ...flags.vulns.map((file): [string, string] => ['trivy', file]),
    ...(flags.epss ? [['epss', flags.epss] as [string, string]] : []),
    ...(flags.kev ? [['kev', flags.kev] as [string, string]] : []),
  ];
  for (const [kind, file] of inputs) {
    const result = await importFile(client, kind, file, flags);
    if (!quiet) printImport(kind, file, result);
  }
}

interface ImportAnswer {
  changed: boolean;
  opCount: number;
  details: Record<string, unknown>;
  problems: string[];
}

function importFile(
  client: ApiClient,
  kind: string,
  file: string,
  flags: { target?: string; strict?: boolean; fork?: string },
): Promise<ImportAnswer> {
  const text = readFileSync(file, 'utf8');
  const contentType =
    kind === 'nmap'
      ? 'application/xml'
      : kind === 'epss' && extname(file) === '.csv'
        ? 'text/csv'
        : 'application/json';
  return call<ImportAnswer>(client, 'POST', `/api/imports/${kind}`, {
    text,
    contentType,
    query: {
      ...(flags.fork ? { fork: flags.fork } : {}),
      ...(kind === 'trivy' && flags.target ? { target: flags.target } : {}),
      ...(kind === 'nmap' ? { mode: flags.strict ? 'strict' : 'discover' } : {}),
    },
  });
}

function printImport(kind: string, file: string, result: ImportAnswer): void {
  const counts = Object.entries(result.details)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.length : String(value)}`)
    .join(', ');
  printLine(`${kind} ${file}: ${result.changed ? `${result.opCount} change(s)` : 'nothing new'} (${counts})`);
  for (const problem of result.problems.slice(0, 10)) printLine(`  skipped: ${problem}`);
  if (result.problems.length > 10) printLine(`  … and ${result.problems.length - 10} more`);
}

function defensesOf(flags: DefendFlags): unknown[] {
  const fromFile = flags.file ? readDefenseFile(flags.file) : [];
  return [
    ...fromFile,
    ...flags.patch.map((vulnerability) => ({ patch: { vulnerability } })),
    ...flags.block.map((blockRule) => ({ blockRule })),
    ...flags.isolate.map((isolate) => ({ isolate })),
    ...flags.rotate.map((rotateCredential) => ({ rotateCredential })),
    ...flags.untrust.map((removeTrust) => ({ removeTrust })),
    ...flags.unexpose.map((unexpose) => ({ unexpose })),
  ];
}

function readDefenseFile(file: string): unknown[] {
  const value: unknown = parseYaml(readFileSync(file, 'utf8'));
  const list = Array.isArray(value) ? value : (value as { defenses?: unknown })?.defenses;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of defenses, or { defenses: [...] }`);
  return list;
}

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;

function printAnalysis(analysis: AttackAnalysisResult): void {
  const { summary } = analysis;
  printLine(
    `${analysis.view}: ${summary.assets} assets in ${summary.segments} segments, ${summary.vulnerabilityInstances} vulnerability instances, ` +
      `${summary.credentials} credentials → attack graph of ${summary.graphNodes} nodes; ${summary.compromisable} assets can be compromised`,
  );
  if (analysis.jewels.length === 0) {
    printLine('no crown jewels: label them crown-jewel=true or pass --jewels');
  } else {
    printTable(
      ['crown jewel', 'reachable', 'compromised (95 % CI)', 'most likely path', 'shortest'],
      analysis.jewels.map((jewel) => [
        jewel.id,
        jewel.reachable ? 'yes' : 'no',
        jewel.odds
          ? `${percent(jewel.odds.probability)} [${percent(jewel.odds.low)}, ${percent(jewel.odds.high)}]`
          : '–',
        jewel.mostLikely ? `${percent(jewel.mostLikely.probability)}, ${jewel.mostLikely.length} steps` : '–',
        jewel.shortest ? `${jewel.shortest.length} steps` : '–',
      ]),
    );
  }
  for (const jewel of analysis.jewels) {
    if (!jewel.mostLikely) continue;
    printLine(`most likely path to ${jewel.id} (${jewel.paths.length} path(s) listed; --json for all):`);
    printPath(jewel.mostLikely);
  }
  if (analysis.managementPlane.length > 0) {
    printLine('management planes the attacker can take over:');
    printTable(
      ['device', 'privilege', 'physical effect', 'blast radius'],
      analysis.managementPlane.map((device) => [
        device.id,
        device.privilege,
        device.effect,
        `${device.blastRadius.failed} fail, ${device.blastRadius.degraded} degraded (${device.blastRadius.examples.slice(0, 3).join(', ')})`,
      ]),
    );
  }
  if (analysis.hardening) {
    const h = analysis.hardening;
    printLine(
      `minimal hardening set (${h.method}${h.optimal ? ', optimal' : `, within ${(h.cost / Math.max(h.lowerBound, 1e-9)).toFixed(2)}× of the optimum`}): ` +
        `${h.fixes.length} fix(es), cost ${h.cost}`,
    );
    printTable(
      ['fix', 'what'],
      h.fixes.map((fix) => [fix.id, fix.description]),
    );
    if (h.uncuttable.length > 0) printLine(`no allowed fix protects: ${h.uncuttable.join(', ')}`);
  }
  for (const problem of analysis.problems.slice(0, 10)) printLine(`note: ${problem.ref}: ${problem.problem}`);
}

function printPath(path: AttackPath): void {
  printTable(
    ['#', 'step', 'gains', 'p', 'evidence'],
    path.steps.map((step, index) => [
      index + 1,
      `${step.ruleName}${step.technique ? ` (${step.technique})` : ''}`,
      step.gains,
      step.probability.toFixed(2),
      step.evidence.map((e) => e.fact).join('; '),
    ]),
  );
}

function printComparison(evaluation: DefenseEvaluationResult): void {
  const c = evaluation.comparison;
  printLine(`defenses applied on fork ${evaluation.fork} (base: ${evaluation.base}):`);
  printTable(
    ['crown jewel', 'reachable', 'compromised', 'paths', 'shortest'],
    c.jewels.map((jewel) => [
      jewel.id,
      `${jewel.reachableBefore ? 'yes' : 'no'} → ${jewel.reachableAfter ? 'yes' : 'no'}`,
      `${percent(jewel.probabilityBefore)} → ${percent(jewel.probabilityAfter)}`,
      `${jewel.pathsBefore} → ${jewel.pathsAfter}`,
      `${jewel.shortestBefore ?? '–'} → ${jewel.shortestAfter ?? '–'}`,
    ]),
  );
  printLine(`compromisable assets: ${c.compromisableBefore} → ${c.compromisableAfter}`);
  if (c.secured.length > 0) printLine(`secured: ${c.secured.join(', ')}`);
  if (c.exposed.length > 0) printLine(`newly exposed: ${c.exposed.join(', ')}`);
}
