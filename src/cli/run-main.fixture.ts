// The CLI's entry run in the test's own process, as bin/infratwin.js runs it: main turns a failure
// into a message on stderr and process.exitCode, which is collected here and cleared again.
import { vi } from 'vitest';
import { main } from './main.js';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `infratwin <args>`: what it printed, and the exit status it set (0 when it set none). */
export async function runMain(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await main(['node', 'infratwin', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { status, stdout, stderr };
}
