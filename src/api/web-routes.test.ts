import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const page = '<!doctype html><title>infratwin</title><div id="root"></div>';
const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;

/** A built UI as Vite lays it out: index.html, hashed assets with their precompressed twins. */
function fakeBuild(): string {
  const outer = mkdtempSync(join(tmpdir(), 'infratwin-web-'));
  writeFileSync(join(outer, 'secret.txt'), 'not for the web');
  const root = join(outer, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), page);
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'index-3f2a1b.js'), script);
  writeFileSync(join(root, 'assets', 'index-3f2a1b.js.gz'), gzipSync(script));
  return root;
}

describe('the web UI routes', () => {
  let root: string;
  let server: TestServer;
  beforeAll(async () => {
    root = fakeBuild();
    server = await startTestServer({ store: new MemoryTwinStore(), api: { webRoot: root } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(join(root, '..'), { recursive: true, force: true });
  });

  it('serves index.html at / and at every UI path, without a token and never cached', async () => {
    for (const path of [
      '/',
      '/topology',
      '/entities/host:web-01',
      '/entities/rack:dc1/a/r1',
      '/index.html',
    ]) {
      const response = await fetch(`${server.base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(await response.text(), path).toBe(page);
    }
  });

  it('serves hashed assets for a year, precompressed when the browser accepts it', async () => {
    const plain = await fetch(`${server.base}/assets/index-3f2a1b.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('javascript');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await plain.text()).toBe(script);
    const gzipped = await fetch(`${server.base}/assets/index-3f2a1b.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe(script);
    const icon = await fetch(`${server.base}/favicon.svg`);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves what a rebuild writes without a restart', async () => {
    writeFileSync(join(root, 'assets', 'index-9e8d7c.js'), 'export {};');
    const response = await fetch(`${server.base}/assets/index-9e8d7c.js`);
    expect(response.status).toBe(200);
  });

  it('never serves a file outside the build', async () => {
    for (const path of ['/%2e%2e%2fsecret.txt', '/..%2Fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await fetch(`${server.base}${path}`);
      expect(await response.text(), path).not.toContain('not for the web');
    }
  });

  it('answers a missing asset and an unknown API route with a problem, not the page', async () => {
    for (const path of ['/assets/gone-1234.js', '/api/no-such-route', '/api']) {
      const response = await fetch(`${server.base}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });

  it('leaves the API its own access rules', async () => {
    expect((await server.call('GET', '/api/summary', { role: null })).status).toBe(401);
    expect((await server.call('GET', '/api/summary', { role: 'viewer' })).status).toBe(200);
  });

  it('keeps the UI routes out of the OpenAPI document', async () => {
    const document = (await server.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, unknown>;
    };
    const uiPaths = Object.keys(document.paths).filter(
      (path) => path === '/' || path === '/*' || path.endsWith('.html') || path.startsWith('/assets'),
    );
    expect(uiPaths).toEqual([]);
  });
});

describe('without a built UI', () => {
  it('serves no page, and the API works as before', async () => {
    const missing = join(tmpdir(), 'infratwin-no-such-build');
    for (const webRoot of [null, missing]) {
      const server = await startTestServer({ store: new MemoryTwinStore(), api: { webRoot } });
      try {
        expect((await fetch(`${server.base}/`)).status).toBe(404);
        expect((await server.call('GET', '/api/summary')).status).toBe(200);
      } finally {
        await server.close();
      }
    }
  });
});
