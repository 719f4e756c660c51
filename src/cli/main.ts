import { Command, CommanderError } from 'commander';
import { formatIssue, InputError } from '../model/index.js';
import { registerAdminCommands } from './admin-commands.js';
import { registerAlertCommands } from './alert-commands.js';
import { ApiError } from './api-client.js';
import { registerAttackCommands } from './attack-commands.js';
import { registerChangeCommands } from './change-commands.js';
import { registerDetectCommand } from './detect-command.js';
import { registerEntityCommands } from './entity-commands.js';
import { registerForecastCommand } from './forecast-command.js';
import { registerInventoryCommands } from './inventory-commands.js';
import { registerLintCommand } from './lint-command.js';
import { registerModelCommands } from './model-commands.js';
import { registerPlantCheckCommand } from './plant-check-command.js';
import { registerQueueingCommand } from './queueing-command.js';
import { registerScenarioCommands } from './scenario-commands.js';
import { registerServerCommands } from './server-commands.js';

export function buildProgram(): Command {
  const program = new Command('infratwin')
    .description('A digital twin of IT infrastructure: mirror, show, predict, simulate, decide, attack.')
    .option('--url <url>', 'talk to a running server (env INFRATWIN_URL) instead of opening the database')
    .option('--token <token>', 'bearer token for --url (env INFRATWIN_TOKEN)')
    .option('--db <path>', 'SQLite database file (env INFRATWIN_DB; default ./infratwin.db)')
    .option('--config <file>', 'configuration file, YAML (env INFRATWIN_CONFIG)')
    .option('--json', 'print JSON for scripts instead of tables')
    .showHelpAfterError()
    .exitOverride();
  registerServerCommands(program);
  registerChangeCommands(program);
  registerInventoryCommands(program);
  registerModelCommands(program);
  registerEntityCommands(program);
  registerAdminCommands(program);
  registerAlertCommands(program);
  registerPlantCheckCommand(program);
  registerDetectCommand(program);
  registerForecastCommand(program);
  registerLintCommand(program);
  registerScenarioCommands(program);
  registerAttackCommands(program);
  registerQueueingCommand(program);
  return program;
}

/** The CLI entry: runs one command; reports errors as one readable message and a non-zero exit. */
export async function main(argv: string[]): Promise<void> {
  // `infratwin query | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = 1;
    process.stderr.write(`infratwin: ${describeError(error)}\n`);
  }
}

function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { problem } = error;
    const lines = [`${problem.title ?? 'error'} (${error.status}): ${problem.detail ?? ''}`];
    for (const issue of problem.issues ?? []) {
      const place = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
      lines.push(`  ${place ? `${place}: ` : ''}${issue.field ? `${issue.field}: ` : ''}${issue.message}`);
    }
    return lines.join('\n');
  }
  if (error instanceof InputError)
    return [error.message, ...error.issues.map((issue) => `  ${formatIssue(issue)}`)].join('\n');
  return error instanceof Error ? error.message : String(error);
}
