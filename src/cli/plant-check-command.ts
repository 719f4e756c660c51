import type { Command } from 'commander';
import { formatDuration } from '../predict/index.js';
import { globalOptions } from './client-options.js';
import { printJson, printLine, printTable } from './output.js';
import { runPlantCheck } from './plant-check.js';
import { createProgress } from './progress.js';

/** `infratwin plant-check`: inject faults into the demo plant and check they are foreseen. */
export function registerPlantCheckCommand(program: Command): void {
  program
    .command('plant-check')
    .description(
      'inject faults of every kind into the demo plant (simulated time, seeded) and report, per kind, how many the risk rules foresaw before they became failures, with lead times and precision',
    )
    .option('--faults <n>', 'faults of each kind (one of each per episode)', '50')
    .option('--seed <n>', 'seed of the estate, the targets and the times', '1')
    .option('--hosts <n>', 'size of the generated estate', '60')
    .action(async (options: { faults: string; seed: string; hosts: string }, command: Command) => {
      const global = globalOptions(command);
      const faults = positiveInteger(options.faults, '--faults');
      const progress = createProgress('plant check', faults, { enabled: global.json ? false : undefined });
      const report = await runPlantCheck({
        seed: positiveInteger(options.seed, '--seed'),
        faultsPerType: faults,
        hosts: positiveInteger(options.hosts, '--hosts'),
        onEpisode: (done, total) => progress.update(done, total),
      });
      progress.stop();
      if (global.json) return printJson(report);
      printTable(
        ['fault', 'injected', 'foreseen', 'recall', 'precision', 'alerts', 'median lead', 'shortest lead'],
        report.kinds.map((kind) => [
          kind.type,
          kind.faults,
          kind.foreseen,
          `${Math.round(kind.recall * 100)} %`,
          `${Math.round(kind.precision * 100)} %`,
          kind.alerts,
          kind.medianLeadMs === undefined ? '' : formatDuration(kind.medianLeadMs),
          kind.minLeadMs === undefined ? '' : formatDuration(kind.minLeadMs),
        ]),
      );
      const { healthy } = report;
      printLine(
        `healthy plant (no fault, ${healthy.hours} h): ${healthy.alertsPerDay.toFixed(1)} alerts per day${
          Object.keys(healthy.alertsByKind).length > 0
            ? ` (${Object.entries(healthy.alertsByKind)
                .map(([kind, count]) => `${kind} ${count}`)
                .join(', ')})`
            : ''
        }`,
      );
      const unmatched = Object.entries(report.unmatchedByKind);
      if (unmatched.length > 0) {
        printLine(
          `alerts that matched no fault: ${unmatched.map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
        );
      }
    });
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} must be a positive integer, not '${text}'`);
  return value;
}
