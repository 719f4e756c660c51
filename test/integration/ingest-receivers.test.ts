// The live mirror's receivers (issue 3) end to end, each fed by a real sender where one exists on
// these machines: the OpenTelemetry JS SDK's OTLP exporters, Debian's `logger`, the machine's
// Mosquitto. What is asserted is what an operator sees through the API: discovered entities,
// state metrics named and valued by the documented rules, series, events, health.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { connectAsync } from 'mqtt';
import snappy from 'snappy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/api/start-test-server.js';
import { MqttSubscriber, SyslogListener } from '../../src/ingest/index.js';
import { compressedWriteRequest, type TestSeries } from '../../src/ingest/remote-write/write-request.fixture.js';
import { MemoryTwinStore } from '../../src/model/index.js';
import { SqliteTwinStore } from '../../src/store/index.js';
import { requirePeer } from '../peers/peers.js';
import {
  expectedRate,
  getEntity,
  getSeries,
  mqttBrokerAccepts,
  post,
  problemOf,
  rawPoints,
  remoteWriteHeaders,
  sleep,
  waitFor,
} from './ingest-helpers.js';

const execFileAsync = promisify(execFile);

/** Servers a test started; closed after it, pass or fail, so no port or timer outlives a test. */
const started: TestServer[] = [];

async function server(options: Omit<Parameters<typeof startTestServer>[0], 'store'> = {}): Promise<TestServer> {
  const instance = await startTestServer({ store: new MemoryTwinStore(), ingest: {}, ...options });
  started.push(instance);
  return instance;
}

afterEach(async () => {
  for (const instance of started.splice(0)) await instance.close();
});

function remoteWrite(target: TestServer, body: Buffer, token: string | undefined = target.tokens.operator) {
  return post(`${target.base}/api/v1/write`, body, remoteWriteHeaders(token));
}

// ---------------------------------------------------------------------------------------------
// 1. OTLP/HTTP from the OpenTelemetry JS SDK
// ---------------------------------------------------------------------------------------------

type ExportResult = Parameters<Parameters<PushMetricExporter['export']>[1]>[0];
/** ExportResultCode.SUCCESS of @opentelemetry/core, which is not a direct dependency here. */
const exportSucceeded = 0;

/** Passes everything to the real exporter and keeps the result code the SDK got for each export. */
class RecordingExporter implements PushMetricExporter {
  readonly results: ExportResult[] = [];
  readonly selectAggregationTemporality: PushMetricExporter['selectAggregationTemporality'];
  readonly selectAggregation: PushMetricExporter['selectAggregation'];

  constructor(readonly inner: PushMetricExporter) {
    this.selectAggregationTemporality = inner.selectAggregationTemporality?.bind(inner);
    this.selectAggregation = inner.selectAggregation?.bind(inner);
  }

  export(...[metrics, done]: Parameters<PushMetricExporter['export']>): void {
    this.inner.export(metrics, (result) => {
      this.results.push(result);
      done(result);
    });
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

type ExporterOptions = NonNullable<ConstructorParameters<typeof JsonExporter>[0]>;
const gzip = 'gzip' as ExporterOptions['compression'];

describe('OTLP/HTTP from the OpenTelemetry JS SDK', () => {
  const cases: Array<[string, (options: ExporterOptions) => PushMetricExporter]> = [
    ['JSON', (options) => new JsonExporter(options)],
    ['protobuf', (options) => new ProtoExporter(options)],
    ['protobuf, gzip', (options) => new ProtoExporter({ ...options, compression: gzip })],
    ['JSON, gzip', (options) => new JsonExporter({ ...options, compression: gzip })],
  ];

  it.each(cases)('%s: discovers the service with its gauge, counter and histogram', async (_, make) => {
    const target = await server();
    const exporter = new RecordingExporter(
      make({
        url: `${target.base}/v1/metrics`,
        headers: { Authorization: `Bearer ${target.tokens.operator}` },
      }),
    );
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'checkout', 'host.name': 'web-07' }),
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
    });
    try {
      const meter = provider.getMeter('shop');
      const requests = meter.createCounter('http.requests');
      const depth = meter.createGauge('queue.depth');
      const duration = meter.createHistogram('request.duration', {
        advice: { explicitBucketBoundaries: [10, 100] },
      });
      requests.add(3, { route: '/cart' });
      depth.record(12, { queue: 'orders' });
      for (const value of [5, 50, 500]) duration.record(value, { route: '/cart' });
      await provider.forceFlush();
      // A counter's rate needs a second cumulative point, some milliseconds later.
      await sleep(30);
      requests.add(2, { route: '/cart' });
      depth.record(7, { queue: 'orders' });
      duration.record(60, { route: '/cart' });
      await provider.forceFlush();

      expect(exporter.results.map((result) => result.code)).toEqual([exportSucceeded, exportSucceeded]);
      const id = 'service:checkout';
      const service = await getEntity(target, id);
      expect(service?.kind).toBe('service');
      expect(service?.provenance.origin).toBe('observed');
      // host.name names the host only for system.*, host.*, hw.* and process.* metrics.
      expect(await getEntity(target, 'host:web-07')).toBeUndefined();

      // Identity attributes (service.*, host.*, otel_scope_name) are left out of series names.
      const series = await getSeries(target, id);
      const latest = Object.fromEntries([...series].map(([name, item]) => [name, item.latest?.value]));
      expect(latest).toEqual({
        'http.requests{route="/cart"}': 5,
        'queue.depth{queue="orders"}': 7,
        'request.duration_count{route="/cart"}': 4,
        'request.duration_sum{route="/cart"}': 615,
        'request.duration_bucket{le="10",route="/cart"}': 1,
        'request.duration_bucket{le="100",route="/cart"}': 3,
        'request.duration_bucket{le="+Inf",route="/cart"}': 4,
      });
      expect(series.get('http.requests{route="/cart"}')?.counter).toBe(true);
      expect(series.get('queue.depth{queue="orders"}')?.counter).toBe(false);

      const metrics = service?.state.metrics ?? {};
      expect(metrics['queue.depth{queue="orders"}']?.value).toBe(7);
      const counters = [
        'http.requests{route="/cart"}',
        'request.duration_count{route="/cart"}',
        'request.duration_sum{route="/cart"}',
        'request.duration_bucket{le="+Inf",route="/cart"}',
      ];
      for (const name of counters) {
        const points = await rawPoints(target, id, name);
        expect(points, name).toHaveLength(2);
        const rateName = name.replace('{', ':rate{');
        expect(metrics[rateName]?.value, rateName).toBeCloseTo(expectedRate(points), 9);
        expect(metrics[rateName]?.value, rateName).toBeGreaterThan(0);
      }
      // Cumulative counters show only as rates, never as raw totals.
      expect(metrics['http.requests{route="/cart"}']).toBeUndefined();
      expect(target.ingest?.mirror.stats().rejected).toBe(0);
    } finally {
      await provider.shutdown();
    }
  });
});

describe('OTLP/HTTP partial success', () => {
  it('rejects a data point without a value, names it, and applies the valid points', async () => {
    const target = await server();
    // In the past, to tell the points' own time from the receive time the mirror falls back on.
    const pointMs = Date.now() - 120_000;
    const nanos = `${BigInt(pointMs) * 1_000_000n}`;
    const request = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing' } }] },
          scopeMetrics: [
            {
              scope: { name: 'handmade' },
              metrics: [
                {
                  name: 'jobs.pending',
                  gauge: {
                    dataPoints: [
                      { timeUnixNano: nanos, asDouble: 4.5 },
                      { timeUnixNano: nanos, attributes: [{ key: 'queue', value: { stringValue: 'b' } }] },
                    ],
                  },
                },
                {
                  name: 'jobs.done',
                  sum: {
                    aggregationTemporality: 2,
                    isMonotonic: true,
                    dataPoints: [{ startTimeUnixNano: nanos, timeUnixNano: nanos, asInt: '10' }],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const answer = await post(`${target.base}/v1/metrics`, JSON.stringify(request), {
      authorization: `Bearer ${target.tokens.operator}`,
      'content-type': 'application/json',
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const { partialSuccess } = answer.body as {
      partialSuccess: { rejectedDataPoints: string | number; errorMessage: string };
    };
    expect(Number(partialSuccess.rejectedDataPoints)).toBe(1);
    expect(partialSuccess.errorMessage).toContain(
      'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[1]',
    );
    expect(partialSuccess.errorMessage).toContain('neither asDouble nor asInt');

    const series = await getSeries(target, 'service:billing');
    expect([...series.keys()].sort()).toEqual(['jobs.done', 'jobs.pending']);
    expect(series.get('jobs.pending')?.latest?.value).toBe(4.5);
    expect(series.get('jobs.done')?.latest?.value).toBe(10);
    expect(series.get('jobs.done')?.counter).toBe(true);
    // OTLP/JSON writes 64-bit integers as decimal strings: the time must be read from them.
    expect(series.get('jobs.pending')?.latest?.ts).toBe(pointMs);
    expect(series.get('jobs.done')?.latest?.ts).toBe(pointMs);
    expect((await getEntity(target, 'service:billing'))?.state.metrics['jobs.pending']?.value).toBe(4.5);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. InfluxDB line protocol (what Telegraf sends)
// ---------------------------------------------------------------------------------------------

describe('InfluxDB line protocol', () => {
  it('v2 with a Token header: Telegraf CPU idle becomes cpu_utilization on the discovered host', async () => {
    const target = await server();
    const auth = { authorization: `Token ${target.tokens.operator}` };
    const ts = Date.now() - 5_000;
    const line = `cpu,host=db-02,cpu=cpu-total usage_idle=75,usage_user=20 ${ts}\n`;
    const plain = await post(`${target.base}/api/v2/write?precision=ms`, line, auth);
    expect(plain.status, plain.text).toBe(204);

    const host = await getEntity(target, 'host:db-02');
    expect(host?.kind).toBe('host');
    expect(host?.state.metrics.cpu_utilization?.value).toBeCloseTo(0.25, 12);
    expect(host?.state.metrics.cpu_utilization?.ts).toBe(ts);
    // Fields are `<measurement>_<field>`; tags other than the host stay as labels.
    expect(host?.state.metrics['cpu_usage_user{cpu="cpu-total"}']?.value).toBe(20);
    const series = await getSeries(target, 'host:db-02');
    expect(series.get('cpu_usage_idle{cpu="cpu-total"}')?.latest).toEqual({ ts, value: 75 });

    // Telegraf's v2 output gzips by default.
    const zipped = gzipSync(`cpu,host=db-02,cpu=cpu-total usage_idle=60,usage_user=30 ${ts + 1_000}\n`);
    const gzipped = await post(`${target.base}/api/v2/write?precision=ms`, zipped, {
      ...auth,
      'content-encoding': 'gzip',
    });
    expect(gzipped.status, gzipped.text).toBe(204);
    const after = await getEntity(target, 'host:db-02');
    expect(after?.state.metrics.cpu_utilization?.value).toBeCloseTo(0.4, 12);
    expect(after?.state.metrics.cpu_utilization?.ts).toBe(ts + 1_000);
  });

  it('answers a bad line with 400 naming its line and column, and keeps the good lines', async () => {
    const target = await server();
    const ts = Date.now() - 5_000;
    const bad = `cpu,host=db-04,cpu=cpu-total usage_idle=12x ${ts}`;
    const body = [
      `mem,host=db-04 used_percent=50 ${ts}`,
      bad,
      `disk,host=db-04,path=/ used_percent=70 ${ts}`,
      '',
    ].join('\n');
    const answer = await post(`${target.base}/api/v2/write?precision=ms`, body, {
      authorization: `Token ${target.tokens.operator}`,
    });
    const problem = problemOf(answer, 400);
    expect(problem.detail).toContain('partial write');
    expect(problem.issues).toHaveLength(1);
    expect(problem.issues?.[0]?.line).toBe(2);
    expect(problem.issues?.[0]?.column).toBe(bad.indexOf('12x') + 1);
    expect(problem.issues?.[0]?.message).toContain('12x');

    const series = await getSeries(target, 'host:db-04');
    expect(series.get('mem_used_percent')?.latest).toEqual({ ts, value: 50 });
    expect(series.get('disk_used_percent{path="/"}')?.latest).toEqual({ ts, value: 70 });
    expect([...series.keys()].some((name) => name.startsWith('cpu_'))).toBe(false);
    // Telegraf's mem_used_percent is the catalog's memory_utilization, as a ratio.
    expect((await getEntity(target, 'host:db-04'))?.state.metrics.memory_utilization?.value).toBe(0.5);
  });

  it('v1 /write with Basic auth (the token as password) and precision=s', async () => {
    const target = await server();
    const seconds = Math.floor(Date.now() / 1000) - 10;
    const basic = Buffer.from(`telegraf:${target.tokens.operator}`).toString('base64');
    const answer = await post(`${target.base}/write?precision=s`, `net,host=db-03 bytes_recv=1024i ${seconds}\n`, {
      authorization: `Basic ${basic}`,
    });
    expect(answer.status, answer.text).toBe(204);
    const series = await getSeries(target, 'host:db-03');
    expect(series.get('net_bytes_recv')?.latest).toEqual({ ts: seconds * 1000, value: 1024 });

    const wrongPassword = Buffer.from('telegraf:not-a-token').toString('base64');
    const refused = await post(`${target.base}/write?precision=s`, `net,host=db-03 bytes_recv=1i ${seconds}\n`, {
      authorization: `Basic ${wrongPassword}`,
    });
    problemOf(refused, 401);
    expect((await getSeries(target, 'host:db-03')).get('net_bytes_recv')?.latest?.value).toBe(1024);
  });
});
