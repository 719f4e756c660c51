import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchNetbox, type NetboxProgress, netboxApiBase, netboxAuthorization } from './netbox-client.js';
import { netboxInventory } from './netbox-mapping.js';
import { readNetboxObjects } from './netbox-objects.js';
import { netboxSmallSample } from './netbox-samples.fixture.js';

const token = '0123456789abcdef0123456789abcdef01234567';
type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

let server: Server;
let base: string;
let handler: Handler;
const seen: { path: string; authorization?: string; accept?: string }[] = [];

beforeEach(async () => {
  seen.length = 0;
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', base);
    seen.push({
      path: `${url.pathname}${url.search}`,
      ...(request.headers.authorization !== undefined && { authorization: request.headers.authorization }),
      ...(request.headers.accept !== undefined && { accept: request.headers.accept }),
    });
    handler(request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'API-Version': '4.2', ...headers });
  response.end(JSON.stringify(body));
}

/** NetBox's paging: `limit` and `offset`, absolute `next` links on `linkBase`. */
function paged(items: readonly unknown[], url: URL, linkBase = base): unknown {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const nextUrl = new URL(url.pathname, linkBase);
  nextUrl.searchParams.set('limit', String(limit));
  nextUrl.searchParams.set('offset', String(offset + limit));
  return {
    count: items.length,
    next: offset + limit < items.length ? nextUrl.href : null,
    previous: null,
    results: items.slice(offset, offset + limit),
  };
}

/** A NetBox serving the small sample: every endpoint, paged. */
function serveSample(linkBase?: (endpoint: string) => string | undefined): void {
  const sample = netboxSmallSample();
  handler = (request, response, url) => {
    if (request.headers.authorization !== `Token ${token}`) {
      json(response, 403, { detail: 'Invalid token' });
      return;
    }
    const endpoint = url.pathname.replace(/^\/api\//, '').replace(/\/$/, '');
    const items = sample.results[endpoint as keyof typeof sample.results];
    if (!items) {
      json(response, 404, { detail: 'Not found.' });
      return;
    }
    json(response, 200, paged(items, url, linkBase?.(endpoint) ?? base));
  };
}

describe('fetchNetbox', () => {
  it('reads every endpoint page by page with the token, into what the mapping reads', async () => {
    serveSample();
    const progress: NetboxProgress[] = [];
    const exported = await fetchNetbox({
      url: base,
      token,
      pageSize: 3,
      concurrency: 2,
      onProgress: (step) => progress.push(step),
    });
    expect(exported.version).toBe('4.2');
    const sample = netboxSmallSample();
    expect(exported.results).toEqual(sample.results);
    expect(seen.every((request) => request.authorization === `Token ${token}`)).toBe(true);
    expect(seen.every((request) => request.accept === 'application/json')).toBe(true);
    // Eight devices in pages of three: three pages, following the next links.
    expect(
      seen.filter((request) => request.path.startsWith('/api/dcim/devices/')).map((r) => r.path),
    ).toEqual([
      '/api/dcim/devices/?limit=3&exclude=config_context',
      '/api/dcim/devices/?limit=3&offset=3',
      '/api/dcim/devices/?limit=3&offset=6',
    ]);
    expect(progress.filter((step) => step.endpoint === 'dcim/devices')).toEqual([
      { endpoint: 'dcim/devices', fetched: 3, count: 8 },
      { endpoint: 'dcim/devices', fetched: 6, count: 8 },
      { endpoint: 'dcim/devices', fetched: 8, count: 8 },
    ]);
    const mapped = netboxInventory(readNetboxObjects(exported), { instance: '127.0.0.1' });
    const expected = netboxInventory(readNetboxObjects(sample), { instance: '127.0.0.1' });
    expect(mapped).toEqual(expected);
  });

  it('keeps a sub-path and does not double /api', async () => {
    serveSample();
    handler = ((inner) => (request, response, url) => {
      url.pathname = url.pathname.replace(/^\/netbox/, '');
      inner(request, response, url);
    })(handler);
    await fetchNetbox({ url: `${base}/netbox/api/`, token, endpoints: ['dcim/sites'] });
    expect(seen[0]?.path).toBe('/netbox/api/dcim/sites/?limit=1000');
    expect(netboxApiBase('https://nb.example.com').href).toBe('https://nb.example.com/api/');
    expect(netboxApiBase('https://nb.example.com/netbox/').href).toBe('https://nb.example.com/netbox/api/');
  });

  it('refuses a next link to another origin, and never asks it', async () => {
    serveSample((endpoint) => (endpoint === 'dcim/devices' ? 'http://169.254.169.254' : undefined));
    const failure = fetchNetbox({ url: base, token, pageSize: 3, endpoints: ['dcim/devices'] });
    await expect(failure).rejects.toThrow(
      /^NetBox's next page of dcim\/devices is on http:\/\/169\.254\.169\.254, not http:\/\/127\.0\.0\.1:\d+: refused/,
    );
    expect(seen).toHaveLength(1);
  });

  it('says NetBox refused the token, without the token', async () => {
    serveSample();
    const failure = fetchNetbox({ url: base, token: 'wrong-secret-token', endpoints: ['dcim/sites'] });
    await expect(failure).rejects.toMatchObject({
      name: 'NetboxFetchError',
      message: 'NetBox refused the token (HTTP 403 for dcim/sites)',
      status: 403,
      endpoint: 'dcim/sites',
    });
    await failure.catch((error: Error) => expect(String(error.stack)).not.toContain('wrong-secret-token'));
  });

  it('reports other HTTP errors with their status and endpoint', async () => {
    handler = (_request, response) => json(response, 500, { detail: 'database is down' });
    await expect(fetchNetbox({ url: base, token, endpoints: ['ipam/prefixes'] })).rejects.toMatchObject({
      message: 'NetBox answered HTTP 500 for ipam/prefixes: database is down',
      status: 500,
    });
    handler = (_request, response) => {
      response.writeHead(302, { Location: 'https://login.example.com/' });
      response.end();
    };
    await expect(fetchNetbox({ url: base, token, endpoints: ['ipam/prefixes'] })).rejects.toThrow(
      'NetBox redirected ipam/prefixes (HTTP 302 to https://login.example.com/); give the address it redirects to as the URL',
    );
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html>login</html>');
    };
    await expect(fetchNetbox({ url: base, token, endpoints: ['ipam/prefixes'] })).rejects.toThrow(
      "NetBox's answer for ipam/prefixes is not JSON (text/html)",
    );
  });

  it('names the origin when NetBox cannot be reached', async () => {
    const closed = base;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await expect(fetchNetbox({ url: closed, token, endpoints: ['dcim/sites'] })).rejects.toThrow(
      `could not reach NetBox at ${closed}: ECONNREFUSED`,
    );
  });

  it('sends v2 tokens as Bearer and keeps a scheme already given', () => {
    expect(netboxAuthorization('abc')).toBe('Token abc');
    expect(netboxAuthorization('nbt_key.secret')).toBe('Bearer nbt_key.secret');
    expect(netboxAuthorization('Bearer nbt_key.secret')).toBe('Bearer nbt_key.secret');
    expect(() => netboxAuthorization(' ')).toThrow('no NetBox API token');
  });
});
