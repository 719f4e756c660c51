import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../contract/index.js';
import { MemoryTwinStore } from '../model/index.js';
import { startTestServer, type TestServer } from './start-test-server.js';

function expectProblem(response: { status: number; headers: Headers; body: unknown }, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = response.body as Problem;
  expect(problem).toMatchObject({ status });
  expect(problem.type).toMatch(/^urn:infratwin:problem:/);
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  expect(typeof problem.instance).toBe('string');
  return problem;
}

describe('errors as problem+json', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      store: new MemoryTwinStore(),
      api: { bodyLimitBytes: 4096 },
      plant: {
        injectFault: () => {
          throw new Error('database password is hunter2');
        },
        listFaults: () => [],
        clearFault: () => false,
        describeFaultTypes: () => [],
      },
    });
    await server.twin.apply({
      actor: 'test',
      ops: [{ op: 'upsert-entity', entity: { id: 'rack:dc1/a/r01', kind: 'rack' } }],
    });
  });
  afterAll(() => server.close());

  it('answers 404 for an unknown entity, fork, change set and route', async () => {
    expect(expectProblem(await server.call('GET', '/api/entities/host:none'), 404).detail).toContain(
      'host:none',
    );
    expectProblem(await server.call('GET', '/api/forks/fork-none'), 404);
    expectProblem(await server.call('GET', '/api/changes/999'), 404);
    expectProblem(await server.call('GET', '/api/entities?fork=fork-none'), 404);
    expectProblem(await server.call('GET', '/api/nothing-here'), 404);
    expectProblem(await server.call('DELETE', '/api/plant/faults/f-none'), 404);
  });

  it('answers 400 listing every failing field', async () => {
    const problem = expectProblem(await server.call('GET', '/api/entities?limit=-1&offset=x'), 400);
    expect(problem.issues?.map((issue) => issue.field).sort()).toEqual([
      'querystring.limit',
      'querystring.offset',
    ]);

    const body = {
      ops: [
        { op: 'upsert-entity', entity: { kind: 'host' } },
        { op: 'teleport', id: 'host:a' },
        { op: 'set-metric', id: 'host:a', metric: 'cpu_utilization', value: 'high' },
      ],
    };
    const ops = expectProblem(await server.call('POST', '/api/changes', { body }), 400);
    expect(ops.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.ops[0].entity.id' }),
        expect.objectContaining({ field: 'body.ops[1].op', message: expect.stringContaining('teleport') }),
        expect.objectContaining({ field: 'body.ops[2].value' }),
      ]),
    );
  });

  it('answers 400 with the model’s issues for a change set it refuses, and for a bad selector or time', async () => {
    const wrongKind = await server.call('POST', '/api/changes', {
      body: { ops: [{ op: 'upsert-entity', entity: { id: 'host:x', kind: 'no-such-kind' } }] },
    });
    expect(expectProblem(wrongKind, 400).issues?.length).toBeGreaterThan(0);
    expectProblem(await server.call('GET', `/api/entities?selector=${encodeURIComponent('env in (')}`), 400);
    expect(
      expectProblem(await server.call('GET', '/api/entities?asOf=yesterday'), 400).issues?.[0]?.field,
    ).toBe('querystring.asOf');
    expectProblem(await server.call('GET', '/api/relations?where=nonsense'), 400);
  });

  it('answers 400 for malformed JSON and a malformed URL', async () => {
    expectProblem(
      await server.call('POST', '/api/changes', { text: '{"ops": [', contentType: 'application/json' }),
      400,
    );
    const badUrl = await fetch(`${server.base}/api/entities/%E0%A4%A`, {
      headers: { authorization: `Bearer ${server.tokens.viewer}` },
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 409 for a conflict', async () => {
    const tokens = (await server.call('GET', '/api/tokens')).body as {
      items: Array<{ id: string; role: string }>;
    };
    const admin = tokens.items.find((token) => token.role === 'admin');
    expectProblem(await server.call('DELETE', `/api/tokens/${admin?.id}`), 409);
  });

  it('answers 413 for a body over the limit and 415 for an unsupported media type', async () => {
    const big = {
      ops: [{ op: 'upsert-entity', entity: { id: 'host:big', kind: 'host', name: 'x'.repeat(10_000) } }],
    };
    expectProblem(await server.call('POST', '/api/changes', { body: big }), 413);
    expectProblem(
      await server.call('POST', '/api/changes', { text: 'a,b\n1,2', contentType: 'text/csv' }),
      415,
    );
    expectProblem(
      await server.call('POST', '/api/import?file=x.yaml', { text: 'a,b', contentType: 'text/csv' }),
      415,
    );
  });

  it('answers 500 with a generic detail and never the error’s message', async () => {
    const problem = expectProblem(
      await server.call('POST', '/api/plant/faults', {
        body: { type: 'fan-failure', target: 'rack:dc1/a/r01' },
      }),
      500,
    );
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(problem.detail).toMatch(/internal error/);
  });

  it('keeps serving after all of that', async () => {
    expect((await server.call('GET', '/api/entities/rack:dc1/a/r01')).status).toBe(200);
  });
});
