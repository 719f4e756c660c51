import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../model/index.js';
import type { DecodeResult, RawSample } from '../raw-sample.js';
import {
  defaultMaxBodyBytes,
  type ResolvedAddress,
  type ScrapeOutcome,
  Scraper,
  type ScraperOptions,
  type ScrapeTarget,
  scrapeAccept,
} from './index.js';

/** A stand-in for the Prometheus text parser: `name{a="b"} value`, comments skipped. */
function parseStandIn(body: string, _contentType: string, nowMs: number): DecodeResult {
  const result: DecodeResult = { samples: [], issues: [] };
  for (const [index, line] of body.split('\n').entries()) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) {
      result.issues.push({ message: 'unreadable line', line: index + 1 });
      continue;
    }
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g))
      labels[pair[1] as string] = pair[2] as string;
    result.samples.push({ name: match[1] as string, labels, value: Number(match[3]), ts: nowMs });
  }
  return result;
}

const metricsText =
  '# HELP up x\nnode_load1{cpu="0"} 0.5\nnode_up{job="exporter-side",instance="other:1"} 1\n';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

interface TestServer {
  server: Server;
  port: number;
  requests: Seen[];
  connections: number;
  maxActive: number;
  url: (path: string) => string;
}

type Handler = (response: ServerResponse, path: string) => void;

const servers: Server[] = [];
const scrapers: Scraper[] = [];
afterEach(async () => {
  await Promise.all(scrapers.splice(0).map((scraper) => scraper.stop()));
  const open = servers.splice(0);
  for (const server of open) server.closeAllConnections();
  await Promise.all(open.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  const state = { requests: [] as Seen[], connections: 0, active: 0, maxActive: 0 };
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    state.requests.push({ path, headers: request.headers, at: performance.now() });
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    response.once('close', () => state.active--);
    handler(response, path);
  });
  server.on('connection', () => state.connections++);
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    get requests() {
      return state.requests;
    },
    get connections() {
      return state.connections;
    },
    get maxActive() {
      return state.maxActive;
    },
    url: (path) => `http://${shown}:${port}${path}`,
  };
}

const fixedText: Handler = (response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
  response.end(metricsText);
};

interface Reported {
  outcome: ScrapeOutcome;
  result: DecodeResult | undefined;
  target: ScrapeTarget;
}

function scraper(options: Partial<ScraperOptions> & Pick<ScraperOptions, 'targets' | 'allowList'>): {
  scraper: Scraper;
  reports: Reported[];
} {
  const reports: Reported[] = [];
  const created = new Scraper({
    parse: parseStandIn,
    onScrape: (outcome, result, target) => reports.push({ outcome, result, target }),
    ...options,
  });
  scrapers.push(created);
  return { scraper: created, reports };
}

function target(url: string, extra: Partial<ScrapeTarget> = {}): ScrapeTarget {
  return { url, intervalMs: 1000, timeoutMs: 1000, ...extra };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Scraper.scrapeOnce', () => {
  it('scrapes, parses and labels samples like Prometheus', async () => {
    const metrics = await serve(fixedText);
    const node = target(metrics.url('/metrics'), { job: 'node', labels: { rack: 'r12' } });
    const { scraper: s, reports } = scraper({
      targets: [node],
      allowList: ['127.0.0.1/32'],
      clock: () => 1_764_000_000_000,
    });
    const outcome = await s.scrapeOnce(node);
    expect(outcome).toMatchObject({
      target: node.url,
      ok: true,
      httpStatus: 200,
      samples: 2,
      startedAt: 1_764_000_000_000,
      contentType: 'text/plain; version=0.0.4',
    });
    expect(outcome.error).toBeUndefined();
    const instance = `127.0.0.1:${metrics.port}`;
    expect(reports).toHaveLength(1);
    expect(reports[0]?.target).toBe(node);
    expect(reports[0]?.result?.samples).toEqual<RawSample[]>([
      {
        name: 'node_load1',
        labels: { cpu: '0', job: 'node', instance, rack: 'r12' },
        value: 0.5,
        ts: 1_764_000_000_000,
      },
      {
        name: 'node_up',
        labels: {
          job: 'node',
          instance,
          rack: 'r12',
          exported_job: 'exporter-side',
          exported_instance: 'other:1',
        },
        value: 1,
        ts: 1_764_000_000_000,
      },
    ]);
    const headers = metrics.requests[0]?.headers;
    expect(headers?.accept).toBe(scrapeAccept);
    expect(headers?.['x-prometheus-scrape-timeout-seconds']).toBe('1');
  });

  it('fails a scrape that takes longer than its timeout, headers or body', async () => {
    const slow = await serve((response, path) => {
      if (path === '/slow-headers') setTimeout(() => fixedText(response, path), 3000);
      else {
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.write('node_load1 1\n');
      }
    });
    const headers = target(slow.url('/slow-headers'), { timeoutMs: 200 });
    const body = target(slow.url('/slow-body'), { timeoutMs: 200 });
    const { scraper: s, reports } = scraper({ targets: [headers, body], allowList: ['127.0.0.1'] });
    for (const t of [headers, body]) {
      const outcome = await s.scrapeOnce(t);
      expect(outcome).toMatchObject({ ok: false, error: 'timed out after 200 ms', samples: 0 });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(190);
      expect(outcome.durationMs).toBeLessThan(1500);
    }
    expect(reports.map((report) => report.result)).toEqual([undefined, undefined]);
  });

  it('refuses redirects instead of following them', async () => {
    const redirecting = await serve((response, path) => {
      if (path === '/metrics') fixedText(response, path);
      else {
        response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' });
        response.end();
      }
    });
    const moved = target(redirecting.url('/old'));
    const { scraper: s } = scraper({ targets: [moved], allowList: ['127.0.0.1'] });
    const outcome = await s.scrapeOnce(moved);
    expect(outcome).toMatchObject({ ok: false, httpStatus: 302 });
    expect(outcome.error).toMatch(/redirect to 'http:\/\/169\.254\.169\.254\/latest\/meta-data\/' refused/);
    expect(redirecting.requests.map((request) => request.path)).toEqual(['/old']);
  });

  it('stops reading a body beyond the cap', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let written = 0;
    const huge = await serve((response, path) => {
      if (path === '/announced') {
        response.writeHead(200, { 'Content-Length': String(2048) });
        response.end(Buffer.alloc(2048, 'x'));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      const pump = (): void => {
        while (written < 64 * chunk.length && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    });
    const streamed = target(huge.url('/streamed'), { timeoutMs: 5000, intervalMs: 5000 });
    const { scraper: s } = scraper({ targets: [streamed], allowList: ['127.0.0.1'] });
    const outcome = await s.scrapeOnce(streamed);
    expect(outcome).toMatchObject({ ok: false, httpStatus: 200 });
    expect(outcome.error).toBe(`the body exceeds ${defaultMaxBodyBytes} bytes; reading stopped`);
    await sleep(50);
    expect(written).toBeLessThan(32 * chunk.length);

    const announced = target(huge.url('/announced'));
    const { scraper: small } = scraper({
      targets: [announced],
      allowList: ['127.0.0.1'],
      maxBodyBytes: 1024,
    });
    expect((await small.scrapeOnce(announced)).error).toBe(
      'the body announces 2048 bytes; the limit is 1024',
    );
  });

  it('refuses a target outside the allow-list before connecting', async () => {
    const metrics = await serve(fixedText);
    const outside = target(metrics.url('/metrics'));
    const { scraper: s, reports } = scraper({
      targets: [outside],
      allowList: ['10.0.0.0/8', 'metrics.internal'],
    });
    const outcome = await s.scrapeOnce(outside);
    expect(outcome).toMatchObject({
      ok: false,
      samples: 0,
      error: 'refused: 127.0.0.1 is not in an allowed network',
    });
    expect(outcome.httpStatus).toBeUndefined();
    expect(reports).toHaveLength(1);
    await sleep(50);
    expect(metrics.connections).toBe(0);
    expect(metrics.requests).toEqual([]);
  });

  it('refuses a name that resolves to a forbidden address, and connects to the checked address only', async () => {
    const metrics = await serve(fixedText);
    const named = target(`http://metrics.test:${metrics.port}/metrics`);
    const answers: string[][] = [['127.0.0.1', '169.254.169.254'], ['127.0.0.1'], ['169.254.169.254']];
    const calls: string[] = [];
    const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
      calls.push(hostname);
      return (answers.shift() ?? []).map((address) => ({ address, family: 4 }));
    };
    const { scraper: s } = scraper({
      targets: [named],
      allowList: ['metrics.test', '127.0.0.1/32'],
      resolve,
    });

    const refused = await s.scrapeOnce(named);
    expect(refused.error).toBe(
      'refused: metrics.test resolves to 169.254.169.254, outside the allowed networks',
    );
    await sleep(50);
    expect(metrics.connections).toBe(0);

    // metrics.test exists in no DNS: reaching the server proves the checked address was used.
    const pinned = await s.scrapeOnce(named);
    expect(pinned).toMatchObject({ ok: true, samples: 2 });
    expect(metrics.requests[0]?.headers.host).toBe(`metrics.test:${metrics.port}`);
    expect(calls).toEqual(['metrics.test', 'metrics.test']);
  });

  it('scrapes over IPv6 loopback', async (context) => {
    const metrics = await serve(fixedText, '::1').catch((error: Error) => error);
    if (metrics instanceof Error) {
      console.warn(`SKIPPING the IPv6 loopback scrape: cannot listen on ::1 (${metrics.message})`);
      context.skip();
      return;
    }
    const v6 = target(metrics.url('/metrics'));
    const { scraper: s, reports } = scraper({ targets: [v6], allowList: ['::1/128'] });
    expect(await s.scrapeOnce(v6)).toMatchObject({ ok: true, samples: 2 });
    expect(reports[0]?.result?.samples[0]?.labels.instance).toBe(`[::1]:${metrics.port}`);
    const { scraper: v4only } = scraper({ targets: [v6], allowList: ['127.0.0.0/8'] });
    expect((await v4only.scrapeOnce(v6)).error).toBe('refused: ::1 is not in an allowed network');
  });

  it('reports HTTP errors and parser failures as failed scrapes', async () => {
    const server = await serve((response, path) => {
      if (path === '/500') {
        response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end('boom');
      } else fixedText(response, path);
    });
    const failing = target(server.url('/500'));
    const fine = target(server.url('/metrics'));
    const { scraper: s } = scraper({ targets: [failing], allowList: ['127.0.0.1'] });
    expect(await s.scrapeOnce(failing)).toMatchObject({ ok: false, httpStatus: 500, error: 'HTTP 500' });
    const { scraper: broken } = scraper({
      targets: [fine],
      allowList: ['127.0.0.1'],
      parse: () => {
        throw new Error('parser bug');
      },
    });
    expect(await broken.scrapeOnce(fine)).toMatchObject({
      ok: false,
      httpStatus: 200,
      error: 'the parser failed: parser bug',
    });
  });

  it('joins a scrape already running instead of starting a second one', async () => {
    const slow = await serve((response, path) => setTimeout(() => fixedText(response, path), 100));
    const t = target(slow.url('/metrics'));
    const { scraper: s, reports } = scraper({ targets: [t], allowList: ['127.0.0.1'] });
    const [a, b] = await Promise.all([s.scrapeOnce(t), s.scrapeOnce(t)]);
    expect(a).toBe(b);
    expect(slow.requests).toHaveLength(1);
    expect(reports).toHaveLength(1);
  });
});

describe('Scraper schedule', () => {
  it('staggers targets across their interval and keeps scraping', async () => {
    const metrics = await serve(fixedText);
    const a = target(metrics.url('/a'), { intervalMs: 300, timeoutMs: 300 });
    const b = target(metrics.url('/b'), { intervalMs: 300, timeoutMs: 300 });
    const { scraper: s } = scraper({ targets: [a, b], allowList: ['127.0.0.1'] });
    const started = performance.now();
    s.start();
    await sleep(1000);
    await s.stop();
    const times = (path: string): number[] =>
      metrics.requests.filter((request) => request.path === path).map((request) => request.at - started);
    expect(times('/a').length).toBeGreaterThanOrEqual(3);
    expect(times('/b').length).toBeGreaterThanOrEqual(3);
    expect(times('/a')[0]).toBeLessThan(100);
    expect(times('/b')[0]).toBeGreaterThanOrEqual(140);
    expect(times('/b')[0]).toBeLessThan(260);
    const gaps = times('/a')
      .slice(1)
      .map((at, index) => at - (times('/a')[index] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThan(200);
  });

  it('never runs two scrapes of one target at once', async () => {
    const slow = await serve((response, path) => setTimeout(() => fixedText(response, path), 120));
    const t = target(slow.url('/metrics'), { intervalMs: 150, timeoutMs: 150 });
    const { scraper: s } = scraper({ targets: [t], allowList: ['127.0.0.1'] });
    s.start();
    for (let i = 0; i < 20; i++) {
      void s.scrapeOnce(t);
      await sleep(30);
    }
    await s.stop();
    expect(slow.requests.length).toBeGreaterThanOrEqual(3);
    expect(slow.maxActive).toBe(1);
  });

  it('aborts running scrapes on stop, reports none of them, and schedules nothing more', async () => {
    const hanging = await serve(() => {});
    const t = target(hanging.url('/metrics'), { intervalMs: 5000, timeoutMs: 5000 });
    const { scraper: s, reports } = scraper({ targets: [t], allowList: ['127.0.0.1'] });
    s.start();
    await sleep(100);
    const before = performance.now();
    await s.stop();
    expect(performance.now() - before).toBeLessThan(500);
    const count = hanging.requests.length;
    await sleep(200);
    expect(hanging.requests.length).toBe(count);
    expect(reports).toEqual([]);
  });

  it('goes on when onScrape throws, and says so as a process warning', async () => {
    const metrics = await serve(fixedText);
    const t = target(metrics.url('/metrics'), { intervalMs: 100, timeoutMs: 100 });
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const { scraper: s } = scraper({
        targets: [t],
        allowList: ['127.0.0.1'],
        onScrape: () => {
          throw new Error('consumer bug');
        },
      });
      s.start();
      await sleep(450);
      await s.stop();
      expect(metrics.requests.length).toBeGreaterThanOrEqual(3);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/onScrape threw: consumer bug/),
        'ScraperWarning',
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe('Scraper configuration', () => {
  it('refuses bad targets and allow-list entries with InputError', () => {
    const issues = (options: Pick<ScraperOptions, 'targets' | 'allowList'>): unknown => {
      try {
        new Scraper({ ...options, parse: parseStandIn, onScrape: () => {} });
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues;
      }
      throw new Error('expected an InputError');
    };
    expect(issues({ targets: [target('http://127.0.0.1/', { timeoutMs: 2000 })], allowList: [] })).toEqual([
      { field: 'targets[0].timeoutMs', message: 'must not exceed intervalMs (1000)' },
    ]);
    expect(issues({ targets: [target('ftp://127.0.0.1/')], allowList: [] })).toEqual([
      { field: 'targets[0].url', message: expect.stringMatching(/scheme ftp:/) },
    ]);
    expect(issues({ targets: [target('http://u:secret@127.0.0.1/')], allowList: [] })).toEqual([
      { field: 'targets[0].url', message: 'carries credentials, which are not supported' },
    ]);
    const labels = JSON.parse('{"__proto__": "x", "rack-id": "y", "ok": "z"}') as Record<string, string>;
    expect(issues({ targets: [target('http://127.0.0.1/', { labels })], allowList: [] })).toEqual([
      { field: 'targets[0].labels.__proto__', message: expect.stringMatching(/label name/) },
      { field: 'targets[0].labels.rack-id', message: expect.stringMatching(/label name/) },
    ]);
    expect(issues({ targets: [], allowList: ['10.0.0.1/8'] })).toEqual([
      { field: 'allowList[0]', message: expect.stringMatching(/host bits/) },
    ]);
  });
});
