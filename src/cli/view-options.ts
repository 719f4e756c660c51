import type { Command } from 'commander';

/** Options every reading command shares: which twin to read. */
export interface ViewOptions {
  fork?: string;
  asOf?: string;
  seq?: string;
}

export function addViewOptions(command: Command): Command {
  return command
    .option('--fork <id>', 'read a fork instead of the live twin')
    .option('--as-of <time>', 'read the twin as of a past time (ISO-8601 or epoch ms)')
    .option('--seq <n>', 'read the twin right after change set n');
}

export function viewQuery(options: ViewOptions): Record<string, string | undefined> {
  return { fork: options.fork, asOf: options.asOf, seq: options.seq };
}
