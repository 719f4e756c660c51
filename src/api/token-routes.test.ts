import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

describe('token routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: new MemoryTwinStore() });
  });
  afterAll(() => server.close());

  it('creates a token whose secret is shown once and stored only as a hash', async () => {
    const created = await server.call('POST', '/api/tokens', { body: { name: 'ci-bot', role: 'operator' } });
    expect(created.status).toBe(201);
    const { token, secret } = created.body as {
      token: { id: string; name: string; role: string };
      secret: string;
    };
    expect(secret).toMatch(/^itw_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'ci-bot', role: 'operator' });

    const listed = await server.call('GET', '/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain('secretHash');
    const stored = await server.store.listTokens();
    expect(JSON.stringify(stored)).not.toContain(secret);

    const asBot = await server.call('POST', '/api/changes', {
      token: secret,
      body: {
        actor: 'mallory',
        ops: [{ op: 'upsert-entity', entity: { id: 'host:bot-made', kind: 'host' } }],
      },
    });
    expect(asBot.status).toBe(201);
    expect(asBot.body).toMatchObject({ actor: 'ci-bot' });
  });

  it('refuses a second active token of the same name (409) and a bad role (400)', async () => {
    await server.call('POST', '/api/tokens', { body: { name: 'twice', role: 'viewer' } });
    const again = await server.call('POST', '/api/tokens', { body: { name: 'twice', role: 'viewer' } });
    expect(again.status).toBe(409);
    const badRole = await server.call('POST', '/api/tokens', { body: { name: 'x', role: 'root' } });
    expect(badRole.status).toBe(400);
    expect((badRole.body as { issues: Array<{ field: string }> }).issues[0]?.field).toBe('body.role');
  });

  it('revokes a token: it stops working at once, and the audit says who did it', async () => {
    const created = await server.call('POST', '/api/tokens', {
      body: { name: 'short-lived', role: 'viewer' },
    });
    const { token, secret } = created.body as { token: { id: string }; secret: string };
    expect((await server.call('GET', '/api/kinds', { token: secret })).status).toBe(200);
    expect((await server.call('DELETE', `/api/tokens/${token.id}`)).status).toBe(204);
    expect((await server.call('GET', '/api/kinds', { token: secret })).status).toBe(401);
    expect((await server.call('DELETE', `/api/tokens/${token.id}`)).status).toBe(409);
    expect((await server.call('DELETE', '/api/tokens/tok-none')).status).toBe(404);

    const audit = (await server.call('GET', '/api/audit?limit=1000')).body as {
      items: Array<{ actor: string; action: string; target?: string }>;
    };
    expect(audit.items).toContainEqual(
      expect.objectContaining({ actor: 'admin', action: 'token.create', target: token.id }),
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({ actor: 'admin', action: 'token.revoke', target: token.id }),
    );
  });

  it('never revokes the last active admin token', async () => {
    const tokens = (await server.call('GET', '/api/tokens')).body as {
      items: Array<{ id: string; role: string }>;
    };
    const admin = tokens.items.find((token) => token.role === 'admin');
    const response = await server.call('DELETE', `/api/tokens/${admin?.id}`);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ type: 'urn:infratwin:problem:conflict' });
  });
});
