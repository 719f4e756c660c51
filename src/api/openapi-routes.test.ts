import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore } from '../model/index.js';
import { listApiRoutes } from './access-control.js';
import { startTestServer, type TestServer } from './start-test-server.js';

interface Operation {
  tags?: string[];
  summary?: string;
  responses?: Record<string, unknown>;
  security?: unknown[];
}

describe('GET /api/openapi.json', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      store: new MemoryTwinStore(),
      plant: {
        injectFault: () => ({ id: 'f', type: 't', target: 'x' }),
        listFaults: () => [],
        clearFault: () => true,
        describeFaultTypes: () => [],
      },
    });
  });
  afterAll(() => server.close());

  it('is an OpenAPI 3.1 document with every route, each with tags, a summary and its responses', async () => {
    const response = await fetch(`${server.base}/api/openapi.json`, {
      headers: { authorization: `Bearer ${server.tokens.viewer}` },
    });
    expect(response.status).toBe(200);
    const document = JSON.parse(await response.text()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    // The raw-slash entity route is the same operations as the documented encoded ones.
    const routes = listApiRoutes(server.app).filter((route) => route.url !== '/api/entities/*');
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(documented, `${route.method} ${route.url}`).toContain(`${route.method} ${path}`);
    }
    expect(document.paths['/api/healthz']?.get?.security).toEqual([]);
    expect(document.paths['/api/entities/{id}']?.get?.responses?.['404']).toBeDefined();
  });
});
