import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../model/index.js';
import { solveQueueingCases } from '../simulate/index.js';
import { printJson } from './output.js';

export function registerQueueingCommand(program: Command): void {
  program
    .command('queueing <case-file>')
    .description(
      'solve queueing cases exactly: an M/M/c station, an open (Jackson) or a closed (MVA) network',
    )
    .addHelpText(
      'after',
      '\nInput: JSON, one case {"kind": "mmc" | "open" | "closed", "input": {...}} or {"cases": [...]}.' +
        '\nOutput: the solved JSON (an array for a cases file); unbounded times print as "Infinity".' +
        '\nThe formulas, units and fields: docs/queueing.md.' +
        '\nExample: infratwin queueing examples/web-tier.json',
    )
    .action((file: string) => {
      try {
        printJson(jsonSafe(solveQueueingCases(readCaseFile(file))));
      } catch (error) {
        // The CLI's entry prints every issue with its field path; the file name goes in front.
        if (error instanceof InputError) throw new InputError(`${file}: ${error.message}`, error.issues);
        throw error;
      }
    });
}

function readCaseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON has no Infinity (JSON.stringify would print null, which reads as "unknown"): spell it out. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonSafe(inner)]));
  return value;
}
