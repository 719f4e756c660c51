#!/usr/bin/env node
// `npm run bench -- <name> [args]`: runs bench/<name>.ts with tsx. Each benchmark prints one JSON
// object of its figures as its last line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const names = readdirSync(join(root, 'bench'))
  .filter((file) => file.endsWith('.ts') && !file.startsWith('_') && file !== 'bench-utils.ts')
  .map((file) => file.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !existsSync(join(root, 'bench', `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name> [args]\nbenchmarks: ${names.join(', ')}`);
  process.exit(name ? 1 : 0);
}
const result = spawnSync(
  process.execPath,
  [
    '--expose-gc',
    '--max-old-space-size=16384',
    '--import',
    'tsx',
    join(root, 'bench', `${name}.ts`),
    ...args,
  ],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
