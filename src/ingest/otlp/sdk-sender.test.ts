import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSample } from '../raw-sample.js';
import {
  decodeContentEncoding,
  decodeOtlpMetrics,
  encodeOtlpResponse,
  type OtlpDecodeResult,
} from './index.js';

/**
 * The real sender: the OpenTelemetry JS SDK records known values and its OTLP/HTTP exporters (JSON
 * and protobuf, plain and gzip) post them to a local server that runs the decoder.
 */

interface Received {
  headers: IncomingHttpHeaders;
  result: OtlpDecodeResult;
}

const maxBytes = 4 * 1024 * 1024;
let server: Server;
let url: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const contentType = request.headers['content-type'] ?? '';
      const body = decodeContentEncoding(
        Buffer.concat(chunks),
        request.headers['content-encoding'],
        maxBytes,
      );
      const result = decodeOtlpMetrics(body, contentType, { nowMs: Date.now() });
      received.push({ headers: request.headers, result });
      const reply = encodeOtlpResponse(result, contentType);
      response.writeHead(200, { 'content-type': reply.contentType }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

type ExporterOptions = NonNullable<ConstructorParameters<typeof JsonExporter>[0]>;
const gzip = 'gzip' as ExporterOptions['compression'];

/** Records the known values, flushes once, and returns what the server decoded. */
async function send(exporter: PushMetricExporter, waitMs = 0): Promise<Received> {
  const before = received.length;
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'host.name': 'web-1' }),
    readers: [reader],
  });
  const meter = provider.getMeter('shop', '1.2.3');
  const requests = meter.createCounter('http.requests');
  requests.add(3, { route: '/a' });
  requests.add(2, { route: '/a' });
  requests.add(7, { route: '/b', 'http.status_code': 200 });
  const depth = meter.createUpDownCounter('queue.depth');
  depth.add(10);
  depth.add(-4);
  meter.createObservableGauge('cpu.temperature').addCallback((result) => {
    result.observe(71.5, { core: '0' });
    result.observe(68.25, { core: '1' });
  });
  const duration = meter.createHistogram('request.duration', {
    advice: { explicitBucketBoundaries: [10, 100] },
  });
  for (const value of [5, 50, 500, 60]) duration.record(value, { route: '/a' });
  // A delta point's interval runs from the meter's start to the flush: give it a length.
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  await provider.forceFlush();
  expect(received.length).toBe(before + 1);
  // Shutting down exports once more; only the flushed request is looked at.
  await provider.shutdown();
  return received[before] as Received;
}

const resource = { 'service.name': 'checkout', 'host.name': 'web-1', otel_scope_name: 'shop' };

function simplified(samples: readonly RawSample[]): Array<Omit<RawSample, 'ts'>> {
  return samples
    .map(({ name, labels, value, type }) => ({ name, labels, value, ...(type ? { type } : {}) }))
    .sort((a, b) =>
      `${a.name}${JSON.stringify(a.labels)}`.localeCompare(`${b.name}${JSON.stringify(b.labels)}`),
    );
}

const cumulativeSamples = simplified([
  { name: 'cpu.temperature', labels: { ...resource, core: '0' }, value: 71.5, ts: 0, type: 'gauge' },
  { name: 'cpu.temperature', labels: { ...resource, core: '1' }, value: 68.25, ts: 0, type: 'gauge' },
  { name: 'http.requests', labels: { ...resource, route: '/a' }, value: 5, ts: 0, type: 'counter' },
  {
    name: 'http.requests',
    labels: { ...resource, route: '/b', 'http.status_code': '200' },
    value: 7,
    ts: 0,
    type: 'counter',
  },
  { name: 'queue.depth', labels: resource, value: 6, ts: 0, type: 'gauge' },
  { name: 'request.duration_count', labels: { ...resource, route: '/a' }, value: 4, ts: 0, type: 'counter' },
  { name: 'request.duration_sum', labels: { ...resource, route: '/a' }, value: 615, ts: 0, type: 'counter' },
  ...[
    ['10', 1],
    ['100', 3],
    ['+Inf', 4],
  ].map(([le, value]) => ({
    name: 'request.duration_bucket',
    labels: { ...resource, route: '/a', le: le as string },
    value: value as number,
    ts: 0,
    type: 'counter' as const,
  })),
]);

describe('OTLP/HTTP from the OpenTelemetry JS SDK', () => {
  const cases: Array<[string, () => PushMetricExporter, string, string | undefined]> = [
    ['JSON', () => new JsonExporter({ url }), 'application/json', undefined],
    ['protobuf', () => new ProtoExporter({ url }), 'application/x-protobuf', undefined],
    ['JSON, gzip', () => new JsonExporter({ url, compression: gzip }), 'application/json', 'gzip'],
    ['protobuf, gzip', () => new ProtoExporter({ url, compression: gzip }), 'application/x-protobuf', 'gzip'],
  ];

  it.each(cases)('%s: exact names, labels, values and bucket counts', async (_, exporter, type, encoding) => {
    const startMs = Date.now();
    const { headers, result } = await send(exporter());
    expect(headers['content-type']).toBe(type);
    expect(headers['content-encoding']).toBe(encoding);
    expect(simplified(result.samples)).toEqual(cumulativeSamples);
    expect(result.rejectedDataPoints).toBe(0);
    expect(result.errorMessage).toBeUndefined();
    for (const sample of result.samples) {
      expect(sample.ts).toBeGreaterThanOrEqual(startMs);
      expect(sample.ts).toBeLessThanOrEqual(Date.now());
    }
  });

  it.each([
    [
      'JSON',
      (temporalityPreference: AggregationTemporalityPreference) =>
        new JsonExporter({ url, temporalityPreference }),
    ],
    [
      'protobuf',
      (temporalityPreference: AggregationTemporalityPreference) =>
        new ProtoExporter({ url, temporalityPreference }),
    ],
  ])('%s, delta temporality: sums become rates, histograms gauges of the interval', async (_, exporter) => {
    const startMs = performance.now();
    const { result } = await send(exporter(AggregationTemporalityPreference.DELTA), 20);
    const elapsedSeconds = (performance.now() - startMs) / 1000;
    const byName = new Map<string, RawSample[]>();
    for (const sample of result.samples)
      byName.set(sample.name, [...(byName.get(sample.name) ?? []), sample]);
    const rates = byName.get('http.requests:rate') ?? [];
    expect(rates.map((sample) => sample.labels.route).sort()).toEqual(['/a', '/b']);
    // Each series' interval starts at its first measurement and ends at the flush: at least the
    // 20 ms waited (less a timer's early firing and the SDK's clock rounding: 15 ms is safe), at
    // most the whole send.
    for (const rate of rates) {
      const delta = rate.labels.route === '/a' ? 5 : 7;
      expect(rate.type).toBe('gauge');
      expect(rate.value).toBeGreaterThanOrEqual(delta / elapsedSeconds);
      expect(rate.value).toBeLessThanOrEqual(delta / 0.015);
    }
    expect(byName.has('http.requests')).toBe(false);
    // The SDK keeps up-down counters cumulative even when deltas are preferred.
    expect(byName.get('queue.depth')?.map((sample) => [sample.value, sample.type])).toEqual([[6, 'gauge']]);
    const buckets = (byName.get('request.duration_bucket') ?? []).map((sample) => [
      sample.labels.le,
      sample.value,
    ]);
    expect(buckets).toEqual([
      ['10', 1],
      ['100', 3],
      ['+Inf', 4],
    ]);
    expect(byName.get('request.duration_count')?.map((sample) => [sample.value, sample.type])).toEqual([
      [4, 'gauge'],
    ]);
  });
});
