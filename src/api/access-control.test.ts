import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore } from '../model/index.js';
import { listApiRoutes } from './access-control.js';
import type { PlantControl } from './plant-control.js';
import { startTestServer, type TestServer } from './start-test-server.js';

const fakePlant: PlantControl = {
  injectFault: (spec) => ({ id: 'fault-1', ...spec }),
  listFaults: () => [],
  clearFault: () => true,
  describeFaultTypes: () => [{ type: 'fan-failure', description: 'a fan stops' }],
};

/** POST routes that only read (a request body too long for a query string); viewers may call them. */
// Computations that read the twin and change nothing, sent as POST for their JSON bodies.
const readsSentAsPost = new Set([
  'POST /api/impact',
  'POST /api/attack/analyses',
  'POST /api/attack/explanations',
]);

function concrete(url: string): string {
  return url
    .replace(/:seq/g, '1')
    .replace(/:[A-Za-z]+/g, 'x')
    .replace(/\*/g, 'host:x/y');
}

/** A body for methods that carry one: the access check must turn the request away before reading it. */
function bodyFor(method: string): { body?: unknown } {
  return method === 'GET' || method === 'DELETE' ? {} : { body: {} };
}

describe('access control, for every registered route', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), plant: fakePlant });
  });
  afterAll(() => server.close());

  it('registers the plant routes when a plant is given, and gives every /api route an access level', () => {
    const routes = listApiRoutes(server.app);
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((route) => `${route.method} ${route.url}`)).toContain('POST /api/plant/faults');
  });

  it('requires at least operator for every route that changes something', () => {
    const routes = listApiRoutes(server.app);
    const mutating = routes.filter(
      (route) => route.method !== 'GET' && !readsSentAsPost.has(`${route.method} ${route.url}`),
    );
    expect(mutating.length).toBeGreaterThan(8);
    for (const route of mutating) {
      expect(['operator', 'admin', 'ingest'], `${route.method} ${route.url}`).toContain(route.access);
    }
    const publicRoutes = routes.filter((route) => route.access === 'public').map((route) => route.url);
    expect(publicRoutes).toEqual(['/api/healthz']);
  });

  it('answers 401 problem+json with WWW-Authenticate to a request without a token, on every non-public route', async () => {
    for (const route of listApiRoutes(server.app)) {
      if (route.access === 'public' || route.url === '/api/live') continue;
      const response = await server.call(route.method, concrete(route.url), {
        role: null,
        ...bodyFor(route.method),
      });
      expect(response.status, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="infratwin"/);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 401, type: 'urn:infratwin:problem:unauthenticated' });
    }
  });

  it('answers 403 to a viewer on every route that needs operator or admin, and to an operator on admin routes', async () => {
    for (const route of listApiRoutes(server.app)) {
      if (route.access !== 'operator' && route.access !== 'admin') continue;
      const asViewer = await server.call(route.method, concrete(route.url), {
        role: 'viewer',
        ...bodyFor(route.method),
      });
      expect(asViewer.status, `viewer: ${route.method} ${route.url}`).toBe(403);
      expect(asViewer.body).toMatchObject({ status: 403, type: 'urn:infratwin:problem:forbidden' });
      if (route.access === 'admin') {
        const asOperator = await server.call(route.method, concrete(route.url), {
          role: 'operator',
          ...bodyFor(route.method),
        });
        expect(asOperator.status, `operator: ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('refuses an unknown token with error="invalid_token" and a malformed header alike', async () => {
    const unknown = await server.call('GET', '/api/entities', { token: 'itw_not-a-real-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const response = await fetch(`${server.base}/api/entities`, { headers: { authorization: 'Basic abc' } });
    expect(response.status).toBe(401);
  });

  it('lets anyone read /api/healthz', async () => {
    const response = await server.call('GET', '/api/healthz', { role: null });
    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers a plain GET of the WebSocket route 426', async () => {
    const response = await server.call('GET', '/api/live', { role: 'viewer' });
    expect(response.status).toBe(426);
  });

  it('lets each role do what its role allows', async () => {
    expect((await server.call('GET', '/api/entities', { role: 'viewer' })).status).toBe(200);
    expect(
      (await server.call('POST', '/api/impact', { role: 'viewer', body: { ids: ['host:none'] } })).status,
    ).toBe(404);
    const op = { ops: [{ op: 'upsert-entity', entity: { id: 'host:role-test', kind: 'host' } }] };
    expect((await server.call('POST', '/api/changes', { role: 'operator', body: op })).status).toBe(201);
    expect((await server.call('GET', '/api/tokens', { role: 'operator' })).status).toBe(403);
    expect((await server.call('GET', '/api/tokens', { role: 'admin' })).status).toBe(200);
    expect((await server.call('GET', '/api/audit', { role: 'admin' })).status).toBe(200);
  });
});

describe('the ingest role', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore(), ingest: {} });
  });
  afterAll(() => server.close());

  it('may send telemetry to every receiver and nothing else, not even read', async () => {
    const routes = listApiRoutes(server.app);
    const receivers = routes
      .filter((route) => route.access === 'ingest')
      .map((route) => `${route.method} ${route.url}`);
    expect(receivers.sort()).toStrictEqual([
      'POST /api/v1/write',
      'POST /api/v2/write',
      'POST /v1/metrics',
      'POST /write',
    ]);
    const line = {
      text: 'cpu,host=ingest-test usage_idle=97 1780000000000000000',
      contentType: 'text/plain',
    };
    expect((await server.call('POST', '/write', { role: 'ingest', ...line })).status).toBe(204);
    expect((await server.call('POST', '/write', { role: 'operator', ...line })).status).toBe(204);
    expect((await server.call('POST', '/write', { role: 'viewer', ...line })).status).toBe(403);
    for (const route of routes) {
      if (route.access === 'ingest' || route.access === 'public' || route.url === '/api/live') continue;
      const response = await server.call(route.method, concrete(route.url), {
        role: 'ingest',
        ...bodyFor(route.method),
      });
      expect(response.status, `ingest: ${route.method} ${route.url}`).toBe(403);
    }
  });
});
