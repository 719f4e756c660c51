import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../integration/cli-process.js';

const builtIndex = join(projectRoot, 'dist', 'web', 'index.html');
const inputs = [
  join(projectRoot, 'web'),
  join(projectRoot, 'src', 'contract'),
  join(projectRoot, 'vite.config.ts'),
];

function newestChangeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChangeMs(join(path, name))),
    stat.mtimeMs,
  );
}

/**
 * Builds the UI into dist/web when it is missing or older than its sources, so the browser tests
 * run against what is in the tree. (`npm test` builds everything first; this covers
 * `npx vitest run test/ui` after an edit.) The server itself runs from dist too: build it with
 * `npm run build`.
 */
export function ensureWebBuild(): void {
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= Math.max(...inputs.map(newestChangeMs)))
    return;
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const command = [process.execPath, vite, 'build', '--logLevel', 'warn'];
  // Test files run in parallel, and two builds into one dist/web at once corrupt it: flock
  // (util-linux) makes them take turns where it is there.
  const locked = spawnSync('flock', ['--version']).status === 0;
  const [program, ...args] = locked
    ? ['flock', join(tmpdir(), 'infratwin-web-build.lock'), ...command]
    : command;
  const build = spawnSync(program as string, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
}
