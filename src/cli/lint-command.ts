import { type Command, Option } from 'commander';
import { type LintFinding, type LintReport, lintSeverities } from '../contract/index.js';
import { lintRules } from '../predict/index.js';
import { call } from './api-client.js';
import { globalOptions, withClient } from './client-options.js';
import { printJson, printLine, printTable } from './output.js';
import { addViewOptions, type ViewOptions, viewQuery } from './view-options.js';

interface LintOptions extends ViewOptions {
  rule?: string;
  severity?: string;
}

/** `infratwin lint`: configuration lint over the twin, through GET /api/lint. */
export function registerLintCommand(program: Command): void {
  addViewOptions(
    program
      .command('lint')
      .description('configuration lint: duplicate IPs, MTU/VLAN mismatches, single points of failure, …')
      .option('-r, --rule <rules>', 'run only these rules, comma-separated')
      .addOption(
        new Option('--severity <level>', 'show only findings at least this severe').choices([
          ...lintSeverities,
        ]),
      )
      .addHelpText(
        'after',
        [
          '',
          'Rules:',
          ...lintRules.map((rule) => `  ${rule.name.padEnd(24)} ${rule.description}`),
          '',
          'Exits 1 when an error-level finding is reported. See docs/config-lint.md.',
          'Example: infratwin lint --rule duplicate-ip,single-point-of-failure --severity warning',
        ].join('\n'),
      ),
  ).action(async (options: LintOptions, command: Command) => {
    const global = globalOptions(command);
    const report = await withClient(global, (client) =>
      call<LintReport>(client, 'GET', '/api/lint', {
        query: { ...viewQuery(options), rule: options.rule, severity: options.severity },
      }),
    );
    if (report.items.some((finding) => finding.severity === 'error')) process.exitCode = 1;
    if (global.json) return printJson(report);
    printFindings(report.items);
  });
}

function printFindings(findings: readonly LintFinding[]): void {
  if (findings.length === 0) {
    printLine('no findings');
    return;
  }
  printTable(
    ['severity', 'rule', 'finding', 'fix'],
    findings.map((finding) => [finding.severity, finding.rule, finding.message, finding.fix]),
  );
  const counts = lintSeverities
    .map(
      (severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  printLine(`${findings.length} findings: ${counts.join(', ')}`);
}
