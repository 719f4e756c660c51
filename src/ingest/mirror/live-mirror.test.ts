import { describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../model/index.js';
import type { RawSample } from '../raw-sample.js';
import { LiveMirror } from './live-mirror.js';
import { querySeriesRange } from './series-query.js';

const t0 = Date.UTC(2026, 10, 28, 12, 0, 0);

async function setup(mode: 'discover' | 'strict' = 'discover') {
  let now = t0;
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => now });
  const mirror = new LiveMirror({ twin, mode });
  return { twin, mirror, advance: (ms: number) => (now += ms), now: () => now };
}

/** One node_exporter scrape of a two-CPU machine, as Prometheus would forward it. */
function scrape(
  instance: string,
  ts: number,
  cpuSeconds: { idle: number; user: number },
  rxBytes: number,
): RawSample[] {
  const common = { instance, job: 'node' };
  const out: RawSample[] = [];
  for (const cpu of ['0', '1']) {
    out.push({
      name: 'node_cpu_seconds_total',
      labels: { ...common, cpu, mode: 'idle' },
      value: cpuSeconds.idle,
      ts,
      type: 'counter',
    });
    out.push({
      name: 'node_cpu_seconds_total',
      labels: { ...common, cpu, mode: 'user' },
      value: cpuSeconds.user,
      ts,
      type: 'counter',
    });
  }
  out.push({ name: 'node_memory_MemAvailable_bytes', labels: common, value: 6e9, ts, type: 'gauge' });
  out.push({ name: 'node_memory_MemTotal_bytes', labels: common, value: 8e9, ts, type: 'gauge' });
  const fs = { ...common, device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' };
  out.push({ name: 'node_filesystem_avail_bytes', labels: fs, value: 25e9, ts, type: 'gauge' });
  out.push({ name: 'node_filesystem_size_bytes', labels: fs, value: 100e9, ts, type: 'gauge' });
  out.push({
    name: 'node_filesystem_size_bytes',
    labels: { ...fs, fstype: 'tmpfs', mountpoint: '/run', device: 'tmpfs' },
    value: 1e9,
    ts,
    type: 'gauge',
  });
  out.push({
    name: 'node_network_receive_bytes_total',
    labels: { ...common, device: 'eth0' },
    value: rxBytes,
    ts,
    type: 'counter',
  });
  return out;
}

describe('LiveMirror', () => {
  it('discovers a node_exporter machine as a host with its filesystem and interface, and derives its state', async () => {
    const { twin, mirror } = await setup();
    const first = await mirror.ingestRaw(
      scrape('web-01:9100', t0, { idle: 100, user: 50 }, 1000),
      'remote_write',
    );
    expect(first.discovered).toEqual(
      expect.arrayContaining(['host:web-01', 'volume:web-01/', 'interface:web-01/eth0']),
    );
    expect(twin.live.entity('host:web-01')?.provenance.origin).toBe('observed');
    expect(
      twin.live
        .outgoing('host:web-01', 'contains')
        .map((r) => r.to)
        .sort(),
    ).toEqual(['interface:web-01/eth0', 'volume:web-01/']);
    expect(twin.live.entity('volume:web-01/run')).toBeUndefined();

    // 15 s later: per CPU 12 s idle and 3 s user → 80 % idle, 20 % busy.
    await mirror.ingestRaw(
      scrape('web-01:9100', t0 + 15_000, { idle: 112, user: 53 }, 1000 + 15 * 4000),
      'remote_write',
    );
    const host = twin.live.metrics('host:web-01') ?? {};
    expect(host.cpu_utilization?.value).toBeCloseTo(0.2, 10);
    expect(host.memory_utilization?.value).toBeCloseTo(0.25, 10);
    expect(host.disk_used_ratio?.value).toBeCloseTo(0.75, 10);
    expect(host.network_receive_bytes_per_second?.value).toBeCloseTo(4000, 6);
    expect(twin.live.metrics('volume:web-01/')?.used_bytes?.value).toBe(75e9);
    expect(twin.live.metrics('interface:web-01/eth0')?.receive_bits_per_second?.value).toBeCloseTo(32_000, 6);
    expect(mirror.listSeries('host:web-01').map((s) => s.name)).toContain(
      'node_cpu_seconds_total{cpu="0",mode="idle"}',
    );
  });

  it('computes a counter rate across a reset (the exporter restarted)', async () => {
    const { twin, mirror } = await setup();
    await mirror.ingestRaw(scrape('db-01:9100', t0, { idle: 100, user: 50 }, 1_000_000), 'remote_write');
    await mirror.ingestRaw(scrape('db-01:9100', t0 + 10_000, { idle: 108, user: 52 }, 500), 'remote_write');
    expect(twin.live.metrics('interface:db-01/eth0')?.receive_bits_per_second?.value).toBeCloseTo(
      (500 / 10) * 8,
      6,
    );
  });

  it('resolves a Prometheus instance to an existing entity through its hostname, not creating another', async () => {
    const { twin, mirror } = await setup();
    await twin.apply({
      actor: 'test',
      ops: [
        {
          op: 'upsert-entity',
          entity: { id: 'vm:app-7', kind: 'vm', props: { hostname: 'app-7.prod.example' } },
        },
      ],
    });
    const outcome = await mirror.ingestRaw(
      [
        {
          name: 'process_open_fds',
          labels: { instance: 'app-7.prod.example:9100', job: 'app' },
          value: 42,
          ts: t0,
          type: 'gauge',
        },
      ],
      'remote_write',
    );
    expect(outcome.discovered).toEqual([]);
    expect(twin.live.metrics('vm:app-7')?.process_open_fds?.value).toBe(42);
  });

  it('shows a counter of an application as its per-second rate, labels kept in the name', async () => {
    const { twin, mirror } = await setup();
    const labels = { 'service.name': 'checkout', code: '200' };
    await mirror.ingestRaw(
      [{ name: 'http_requests_total', labels, value: 100, ts: t0, type: 'counter' }],
      'otlp',
    );
    await mirror.ingestRaw(
      [{ name: 'http_requests_total', labels, value: 400, ts: t0 + 10_000, type: 'counter' }],
      'otlp',
    );
    expect(
      twin.live.metrics('service:checkout')?.['http_requests_total:rate{code="200"}']?.value,
    ).toBeCloseTo(30, 10);
  });

  it('in strict mode quarantines unknown sources, and admits them once the entity exists', async () => {
    const { twin, mirror } = await setup('strict');
    const sample: RawSample = {
      name: 'up',
      labels: { instance: '10.0.0.9:9100', job: 'node' },
      value: 1,
      ts: t0,
      type: 'gauge',
    };
    const held = await mirror.ingestRaw([sample], 'remote_write');
    expect(held.quarantined).toBe(1);
    expect(twin.live.entity('host:10.0.0.9')).toBeUndefined();
    expect(mirror.quarantine()).toMatchObject([
      { proposedId: 'host:10.0.0.9', label: 'instance', value: '10.0.0.9', samples: 1 },
    ]);
    await twin.apply({
      actor: 'test',
      ops: [
        {
          op: 'upsert-entity',
          entity: { id: 'host:db-9', kind: 'host', props: { ipAddresses: ['10.0.0.9'] } },
        },
      ],
    });
    expect(mirror.quarantine()).toEqual([]);
    const admitted = await mirror.ingestRaw([{ ...sample, ts: t0 + 1000 }], 'remote_write');
    expect(admitted.accepted).toBe(1);
    expect(twin.live.metrics('host:db-9')?.up?.value).toBe(1);
  });

  it("refuses samples older than a series' newest (a resend) without failing the batch", async () => {
    const { mirror } = await setup();
    const sample: RawSample = {
      name: 'temp',
      labels: { __entity: 'sensor:s1' },
      value: 20,
      ts: t0,
      type: 'gauge',
    };
    await mirror.ingestRaw([sample], 'mqtt');
    const again = await mirror.ingestRaw([sample, { ...sample, ts: t0 + 1, value: 21 }], 'mqtt');
    expect(again).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('forgets the series of an entity that is removed', async () => {
    const { twin, mirror } = await setup();
    await mirror.ingestRaw(
      [{ name: 'temp', labels: { __entity: 'sensor:s2' }, value: 20, ts: t0, type: 'gauge' }],
      'mqtt',
    );
    expect(mirror.listSeries('sensor:s2')).toHaveLength(1);
    await twin.apply({ actor: 'test', ops: [{ op: 'remove-entity', id: 'sensor:s2' }] });
    expect(mirror.listSeries('sensor:s2')).toHaveLength(0);
    expect(mirror.stats().series).toBe(0);
  });

  it('reports samples it cannot attribute to any entity', async () => {
    const { mirror } = await setup();
    const outcome = await mirror.ingestRaw(
      [{ name: 'orphan', labels: { region: 'x' }, value: 1, ts: t0 }],
      'influx',
    );
    expect(outcome.rejected).toBe(1);
    expect(outcome.issues[0]?.message).toMatch(/no label names an entity/);
  });
});

describe('rollups', () => {
  it('reports a store that fails mid-flush to the caller, never as an unhandled rejection', async () => {
    let now = t0;
    const store = new MemoryTwinStore();
    // The first batch fails at once, while later slices are still being closed.
    store.saveRollupColumns = () => Promise.reject(new Error('rollup writer exited with code 1'));
    const twin = await Twin.open({ store, clock: () => now });
    const mirror = new LiveMirror({ twin });
    // More series than one flush slice (8,192), each with a closed minute to write.
    const samples: RawSample[] = [];
    for (let i = 0; i < 20_000; i++)
      samples.push({ name: 'temp', labels: { __entity: `sensor:s${i}` }, value: i, ts: t0, type: 'gauge' });
    await mirror.ingestRaw(samples, 'mqtt');
    now = t0 + 10 * 60_000;
    await expect(mirror.flushRollups()).rejects.toThrow(/exited with code 1/);
  });

  it('writes closed 1-minute buckets to the store and answers older ranges from them', async () => {
    let now = t0;
    const store = new MemoryTwinStore();
    const twin = await Twin.open({ store, clock: () => now });
    const mirror = new LiveMirror({ twin, retentionMs: 60_000 });
    const samples: RawSample[] = [];
    // Five minutes of a gauge every 15 s: in minute m the values are 10m, 10m+1, 10m+2, 10m+3.
    for (let i = 0; i < 20; i++) {
      samples.push({
        name: 'temp',
        labels: { __entity: 'sensor:r1' },
        value: 10 * Math.floor(i / 4) + (i % 4),
        ts: t0 + i * 15_000,
        type: 'gauge',
      });
    }
    await mirror.ingestRaw(samples, 'mqtt');
    now = t0 + 10 * 60_000;
    const written = await mirror.flushRollups();
    expect(written).toBeGreaterThanOrEqual(5);
    const minutes = await store.readRollups({
      entityId: 'sensor:r1',
      series: 'temp',
      resolution: '1m',
      start: t0,
      end: t0 + 5 * 60_000,
    });
    expect(minutes.map((m) => [m.min, m.max, m.count, m.last, m.sum])).toEqual([
      [0, 3, 4, 3, 6],
      [10, 13, 4, 13, 46],
      [20, 23, 4, 23, 86],
      [30, 33, 4, 33, 126],
      [40, 43, 4, 43, 166],
    ]);
    const answer = await querySeriesRange(mirror, {
      entityId: 'sensor:r1',
      series: 'temp',
      start: t0,
      end: t0 + 5 * 60_000,
      step: 60_000,
      fn: 'max',
    });
    expect(answer.from).toBe('rollup-1m');
    expect(answer.points.map(([, value]) => value)).toEqual([3, 13, 23, 33, 43]);
    mirror.close();
  });
});

describe('LiveMirror rollup chunks', () => {
  it('writes a chunk of closed buckets as soon as it fills, without waiting for the flush', async () => {
    const store = new MemoryTwinStore();
    const twin = await Twin.open({ store, clock: () => t0 });
    const mirror = new LiveMirror({ twin });
    // 3,000 gauges, four samples a minute apart: each closes three 1-minute buckets, 9,000 rows,
    // more than one chunk of 8,192.
    for (let minute = 0; minute < 4; minute++) {
      const samples: RawSample[] = [];
      for (let g = 0; g < 3_000; g++) {
        samples.push({
          name: 'temp',
          labels: { __entity: `sensor:s${g}` },
          value: minute,
          ts: t0 + minute * 60_000,
          type: 'gauge',
        });
      }
      await mirror.ingestRaw(samples, 'mqtt');
    }
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    const rows = async (g: number) =>
      store.readRollups({
        entityId: `sensor:s${g}`,
        series: 'temp',
        resolution: '1m',
        start: t0,
        end: t0 + 5 * 60_000,
      });
    // The first chunk holds the oldest 8,192 rows: minutes 0 and 1 of every gauge and minute 2 of
    // the first 2,192; the rest waits for the flush.
    expect((await rows(0)).map((bucket) => bucket.last)).toEqual([0, 1, 2]);
    expect((await rows(2_999)).map((bucket) => bucket.last)).toEqual([0, 1]);
    const written = await mirror.flushRollups();
    expect(written).toBe(9_000);
    expect((await rows(2_999)).map((bucket) => bucket.last)).toEqual([0, 1, 2]);
    mirror.close();
  });
});
