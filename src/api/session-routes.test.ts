import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

describe('GET /api/session', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
  });
  afterAll(() => server.close());

  it('answers the name and role of the calling token, for each role that reads', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      const answer = await server.call('GET', '/api/session', { role });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ name: role, role });
    }
    const admin = await server.call('GET', '/api/session', { role: 'admin' });
    expect(admin.body).toMatchObject({ role: 'admin' });
  });

  it('refuses a missing or unknown token (401) and an ingest token, which reads nothing (403)', async () => {
    expect((await server.call('GET', '/api/session', { role: null })).status).toBe(401);
    const unknown = await server.call('GET', '/api/session', { token: 'itw_not-a-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await server.call('GET', '/api/session', { role: 'ingest' })).status).toBe(403);
  });
});
