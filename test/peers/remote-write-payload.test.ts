// The ingest benchmark's payloads and client, checked against a real receiver: if these bodies
// were not valid remote_write 1.0, every figure of the benchmark would be meaningless.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import snappy from 'snappy';
import { afterEach, describe, expect, it } from 'vitest';
import { runRemoteWriteLoad } from '../../bench/remote-write/remote-write-load.js';
import {
  buildWriteBodies,
  encodeWriteRequest,
  nodeExporterSeries,
  seriesValue,
  WriteRequestType,
} from '../../bench/remote-write/remote-write-payload.js';
import { type Peer, requirePeer, startVictoriaMetrics } from './peers.js';

interface DecodedRequest {
  timeseries: Array<{
    labels: Array<{ name: string; value: string }>;
    samples: Array<{ value: number; timestamp: number }>;
  }>;
}

function decode(body: Buffer): DecodedRequest {
  const raw = snappy.uncompressSync(body, { asBuffer: true }) as Buffer;
  return WriteRequestType.toObject(WriteRequestType.decode(raw), {
    longs: Number,
    arrays: true,
  }) as DecodedRequest;
}

describe('remote_write payloads', () => {
  it('generates node_exporter-like series with sorted labels and unique label sets', () => {
    const series = nodeExporterSeries(3, 400);
    expect(series).toHaveLength(1_200);
    const keys = new Set(series.map((one) => JSON.stringify(one.labels)));
    expect(keys.size).toBe(series.length);
    for (const one of series) {
      const names = one.labels.map(([name]) => name);
      expect(names).toEqual([...names].sort());
      expect(names).toContain('__name__');
    }
    const cpu = series.find((one) => one.labels.some(([name, value]) => name === 'mode' && value === 'user'));
    expect(cpu?.labels).toEqual([
      ['__name__', 'node_cpu_seconds_total'],
      ['cpu', '0'],
      ['instance', 'host-0000:9100'],
      ['job', 'node'],
      ['mode', 'user'],
    ]);
    for (const one of series.filter((candidate) => candidate.kind === 'counter')) {
      expect(seriesValue(one, 5)).toBeGreaterThanOrEqual(seriesValue(one, 4));
    }
  });

  it('encodes a snappy-block WriteRequest that decodes back to the same series', () => {
    const body = encodeWriteRequest([
      {
        labels: [
          ['__name__', 'up'],
          ['instance', 'host-0001:9100'],
          ['job', 'node'],
        ],
        samples: [[1_700_000_000_123, 1]],
      },
    ]);
    expect(decode(body).timeseries).toEqual([
      {
        labels: [
          { name: '__name__', value: 'up' },
          { name: 'instance', value: 'host-0001:9100' },
          { name: 'job', value: 'node' },
        ],
        samples: [{ value: 1, timestamp: 1_700_000_000_123 }],
      },
    ]);
  });

  it('builds rounds in sending order with advancing timestamps', () => {
    const series = nodeExporterSeries(2, 50);
    const built = buildWriteBodies({
      series,
      rounds: 3,
      samplesPerRequest: 40,
      startMs: 1_000_000,
      stepMs: 15_000,
    });
    expect(built.bodies).toHaveLength(9);
    expect(built.samplesPerBody).toEqual([40, 40, 20, 40, 40, 20, 40, 40, 20]);
    expect(built.totalSamples).toBe(300);
    expect(decode(built.bodies[3] as Buffer).timeseries[0]?.samples[0]?.timestamp).toBe(1_015_000);
    expect(built.lastMs).toBe(1_030_000);
  });
});

describe('remote_write load client', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('honours Retry-After on 429, resends the same body, and counts only accepted samples', async () => {
    const seen: string[] = [];
    let refusals = 0;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        seen.push(body);
        expect(request.headers['content-encoding']).toBe('snappy');
        expect(request.headers['x-prometheus-remote-write-version']).toBe('0.1.0');
        expect(request.headers.authorization).toBe('Bearer t');
        if (body === 'b1' && refusals++ === 0) {
          response.writeHead(429, { 'retry-after': '0' }).end('slow down');
        } else if (body === 'bad') {
          response.writeHead(400).end('bad sample');
        } else {
          response.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => server.close();
    const { port } = server.address() as AddressInfo;
    const result = await runRemoteWriteLoad({
      url: `http://127.0.0.1:${port}/api/v1/write`,
      bodies: ['b0', 'b1', 'bad', 'b3'].map((text) => Buffer.from(text)),
      samplesPerBody: 10,
      connections: 2,
      headers: { Authorization: 'Bearer t' },
    });
    expect(result.samplesAccepted).toBe(30);
    expect(result.statuses).toEqual({ 204: 3, 429: 1, 400: 1 });
    expect(result.retried).toBe(1);
    expect(result.bodiesFailed).toBe(1);
    expect(result.requests).toBe(5);
    expect(seen.filter((body) => body === 'b1')).toHaveLength(2);
    expect(result.errorSamples).toContain('400: bad sample');
  });
});

describe.skipIf(!requirePeer('victoria-metrics'))('remote_write payloads against VictoriaMetrics', () => {
  let peer: Peer | undefined;
  afterEach(async () => peer?.stop());

  it('accepts every built sample', async () => {
    peer = await startVictoriaMetrics();
    const series = nodeExporterSeries(4, 500);
    const startMs = Date.now() - 10 * 60_000;
    const built = buildWriteBodies({ series, rounds: 3, samplesPerRequest: 700, startMs });
    const result = await runRemoteWriteLoad({
      url: `${peer.url}/api/v1/write`,
      bodies: built.bodies,
      samplesPerBody: built.samplesPerBody,
    });
    expect(result.statuses).toEqual({ 204: built.bodies.length });
    expect(result.samplesAccepted).toBe(6_000);
    await fetch(`${peer.url}/internal/force_flush`);
    const at = (built.lastMs + 1_000) / 1000;
    const query = async (promql: string) => {
      const response = await fetch(
        `${peer?.url}/api/v1/query?query=${encodeURIComponent(promql)}&time=${at}`,
      );
      const body = (await response.json()) as { data: { result: Array<{ value: [number, string] }> } };
      return Number(body.data.result[0]?.value[1] ?? 0);
    };
    expect(await query('count({__name__=~".+"})')).toBe(2_000);
    expect(await query('count(node_cpu_seconds_total{instance="host-0003:9100"})')).toBeGreaterThan(100);
  });
});
