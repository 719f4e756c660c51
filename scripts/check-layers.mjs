#!/usr/bin/env node
// The import rule of docs/ARCHITECTURE (and ../shared/DESIGN.md), checked on every CI run.
// A layer may import only the layers listed for it, and only through that layer's index.ts.
// The web UI (web/) may take from the server only the contract's types (see the end).
// Test files are exempt: they may wire implementations from any layer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

export const allowedImports = {
  contract: [],
  model: [],
  store: ['model'],
  ingest: ['model'],
  plant: ['model'],
  predict: ['model'],
  simulate: ['model'],
  security: ['model'],
  decide: ['model', 'predict', 'simulate', 'security'],
  api: ['model', 'contract', 'ingest', 'predict', 'simulate', 'security', 'decide'],
  cli: ['model', 'contract', 'store', 'ingest', 'plant', 'predict', 'simulate', 'security', 'decide', 'api'],
};

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield path;
  }
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
const violations = [];
for (const file of sourceFiles(root)) {
  const layer = relative(root, file).split(sep)[0];
  if (!(layer in allowedImports)) {
    violations.push(`${relative(root, file)}: folder src/${layer} is not a known layer`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (!spec.startsWith('.')) continue;
    const target = relative(root, resolve(dirname(file), spec));
    const [targetLayer, ...rest] = target.split(sep);
    if (targetLayer === layer) continue;
    const where = `src/${relative(root, file)}`;
    if (!allowedImports[layer].includes(targetLayer)) {
      violations.push(`${where}: layer '${layer}' must not import layer '${targetLayer}' (${spec})`);
    } else if (rest.join('/') !== 'index.js') {
      violations.push(`${where}: import layer '${targetLayer}' through its index.js, not ${spec}`);
    }
  }
}
// The web UI shares types with the server through the contract module, and nothing else: its
// relative imports stay inside web/ or name src/contract/index.js with `import type` (a value
// would bring TypeBox and every schema into the bundle), and it imports neither a package the
// server runs on (package.json `dependencies`) nor a Node built-in.
const projectRoot = resolve(root, '..');
const webRoot = join(projectRoot, 'web');
const contractIndex = join(root, 'contract', 'index.js');
const serverPackages = Object.keys(
  JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).dependencies ?? {},
);
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
for (const file of sourceFiles(join(webRoot, 'src'))) {
  const where = relative(projectRoot, file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (target === webRoot || target.startsWith(webRoot + sep)) continue;
      if (target !== contractIndex) {
        violations.push(
          `${where}: the web UI must not import server code (${spec}); share types through src/contract`,
        );
      } else if (!/^\s*(?:import|export)\s+type\s/.test(match[0])) {
        violations.push(
          `${where}: import the contract with \`import type\` (${spec}): values would bundle TypeBox`,
        );
      }
    } else if (spec.startsWith('node:') || serverPackages.includes(packageName(spec))) {
      violations.push(`${where}: the web UI must not import '${spec}', which belongs to the server`);
    }
  }
}

if (violations.length > 0) {
  console.error(`import rule: ${violations.length} violation(s)\n${violations.join('\n')}`);
  process.exit(1);
}
console.log('import rule: ok');
