import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Where `npm run build` puts the web UI (vite.config.ts): `dist/web`, beside the compiled server
 * in `dist/api`. Run from source (`src/api`), this is `src/web`, which does not exist: tests of the
 * API from source get no UI unless they name one.
 */
export const builtWebRoot = fileURLToPath(new URL('../web/', import.meta.url));

/** Vite names every file under `assets/` after a hash of its content: it may be kept forever. */
const hashedAssets = '/assets/';
const cacheForever = 'public, max-age=31536000, immutable';
/** index.html names the current assets: the browser must ask again each time. */
const cacheNever = 'no-cache';

/**
 * The UI's page may run only this origin's scripts and talk only to this origin (the API and its
 * WebSocket): an injected script or a hostile frame gets nothing. Inline styles are allowed
 * because Cytoscape.js adds one small style element of its own.
 */
const pageSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Whether a built web UI is there to serve (`npm run build` writes it). */
export function webUiBuilt(root: string = builtWebRoot): boolean {
  return existsSync(join(root, 'index.html'));
}

/**
 * Serves the built web UI at `/` when `root` holds one (its index.html), and does nothing
 * otherwise. Static files need no token: they hold no data, and the UI signs in against the API,
 * whose routes keep their own access rules. Any other GET outside `/api` and `/assets` answers
 * index.html, so the UI's own paths (`/entities/host:web-01`) survive a reload.
 * Answers whether the UI is served.
 */
export async function registerWebRoutes(app: FastifyInstance, root: string | null): Promise<boolean> {
  if (root === null || !webUiBuilt(root)) return false;
  const assets = join(root, 'assets');
  await app.register(fastifyStatic, {
    root: assets,
    prefix: hashedAssets,
    cacheControl: false,
    // The build writes .br and .gz beside each asset (web/build/precompress.ts).
    preCompressed: true,
    // Called for every file this plugin sends, index.html included: only assets are kept.
    setHeaders: (response, path) => {
      if (path.startsWith(assets + sep)) response.setHeader('cache-control', cacheForever);
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => answerUiPath(root, request.url, reply));
  return true;
}

/**
 * An unknown API route stays a problem+json 404; a top-level file of the build (favicon.svg) is
 * sent as it is; every other path is the UI's, and gets index.html. Files are looked up on each
 * request, so a rebuild shows without a restart.
 */
function answerUiPath(root: string, url: string, reply: FastifyReply): FastifyReply {
  const path = url.split('?', 1)[0] ?? url;
  if (path === '/api' || path.startsWith('/api/')) {
    reply.callNotFound();
    return reply;
  }
  const file = topLevelFile(root, path) ?? 'index.html';
  reply.header('cache-control', cacheNever);
  if (file === 'index.html') reply.headers(pageSecurityHeaders);
  return reply.sendFile(file, root);
}

/** `/favicon.svg` → `favicon.svg` when the build has it; never a path into a folder. */
function topLevelFile(root: string, path: string): string | undefined {
  const match = /^\/([^/]+\.[A-Za-z0-9]+)$/.exec(path);
  if (match?.[1] === undefined) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  if (name.startsWith('.') || /[/\\]/.test(name)) return undefined;
  return existsSync(join(root, name)) ? name : undefined;
}
