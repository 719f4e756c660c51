import { describe, expect, it } from 'vitest';
import { builtinKinds, InputError, type Sample } from '../model/index.js';
import { createEmulator } from './emulator.js';
import { describeFaultTypes } from './fault-types.js';
import { generateEstate } from './generate-estate.js';

const estate = generateEstate({ hosts: 400, seed: 3 });
const kinds = new Map(estate.entities.map((entity) => [entity.id, entity.kind]));
const props = new Map(estate.entities.map((entity) => [entity.id, entity.props ?? {}]));
/** A weekday, 14:00 UTC: near the daily peak. */
const start = Date.UTC(2024, 4, 15, 14, 0);
const minute = 60_000;

function value(samples: readonly Sample[], entityId: string, metric: string): number {
  const sample = samples.find((s) => s.entityId === entityId && s.metric === metric);
  if (!sample) throw new Error(`no ${metric} for ${entityId}`);
  return sample.value;
}

function mean(samples: readonly Sample[], prefix: string, metric: string): number {
  const values = samples
    .filter((s) => s.entityId.startsWith(prefix) && s.metric === metric)
    .map((s) => s.value);
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

describe('createEmulator telemetry', () => {
  const emulator = createEmulator(estate, { seed: 9 });
  const { samples, ops } = emulator.step(start);

  it('reports only catalog metrics of each entity’s kind, as plant samples at the step time', () => {
    expect(ops).toEqual([]);
    expect(samples.length).toBeGreaterThan(5000);
    const unknown = new Set<string>();
    for (const sample of samples) {
      const kind = kinds.get(sample.entityId) as string;
      if (!builtinKinds.get(kind)?.metrics[sample.metric]) unknown.add(`${kind}.${sample.metric}`);
      expect(sample.ts).toBe(start);
      expect(sample.source).toBe('plant');
      expect(Number.isFinite(sample.value)).toBe(true);
    }
    expect([...unknown]).toEqual([]);
  });

  it('covers every host, guest, service, rack and link', () => {
    const reporting = new Set(samples.map((s) => s.entityId));
    for (const entity of estate.entities) {
      if (
        ['host', 'vm', 'container', 'service', 'rack', 'link', 'pdu', 'cooling-unit'].includes(entity.kind)
      ) {
        expect(reporting.has(entity.id), entity.id).toBe(true);
      }
    }
  });

  it('draws host power linearly between idle and max with CPU', () => {
    for (const host of estate.entities.filter((entity) => entity.kind === 'host')) {
      const idle = host.props?.idleWatts as number;
      const max = host.props?.maxWatts as number;
      const cpu = value(samples, host.id, 'cpu_utilization');
      // power_watts is reported to 0.1 W.
      expect(
        Math.abs(value(samples, host.id, 'power_watts') - (idle + (max - idle) * cpu)),
      ).toBeLessThanOrEqual(0.0500001);
    }
  });

  it('gives each rack the sum of its devices’ power', () => {
    const power = new Map(
      samples.filter((s) => s.metric === 'power_watts').map((s) => [s.entityId, s.value]),
    );
    for (const rack of estate.entities.filter((entity) => entity.kind === 'rack')) {
      const devices = estate.relations
        .filter(
          (r) =>
            r.type === 'contains' &&
            r.from === rack.id &&
            !['pdu', 'sensor'].includes(kinds.get(r.to) as string),
        )
        .map((r) => r.to);
      const sum = devices.reduce((total, id) => total + (power.get(id) ?? 0), 0);
      expect(devices.length).toBeGreaterThan(2);
      expect(power.get(rack.id)).toBeCloseTo(sum, 1);
    }
  });

  it('splits dual-fed load evenly over the A and B PDUs', () => {
    const power = new Map(
      samples.filter((s) => s.metric === 'power_watts').map((s) => [s.entityId, s.value]),
    );
    const rack = power.get('rack:dc1/a/r01') as number;
    expect(power.get('pdu:dc1/a/r01-a')).toBeCloseTo(rack / 2, 0);
    expect(power.get('pdu:dc1/a/r01-b')).toBeCloseTo(rack / 2, 0);
    const pdu = props.get('pdu:dc1/a/r01-a')?.ratedWatts as number;
    expect(value(samples, 'pdu:dc1/a/r01-a', 'load_ratio')).toBeCloseTo(
      (power.get('pdu:dc1/a/r01-a') as number) / pdu,
      3,
    );
  });

  it('runs services with load, bounded latency and few errors at the daily peak', () => {
    const services = estate.entities.filter((entity) => entity.kind === 'service');
    for (const service of services) {
      expect(value(samples, service.id, 'request_rate_per_second'), service.id).toBeGreaterThan(0);
      expect(value(samples, service.id, 'error_ratio'), service.id).toBeLessThan(0.01);
      expect(value(samples, service.id, 'latency_p99_seconds'), service.id).toBeLessThan(1);
    }
    const busiest = Math.max(...samples.filter((s) => s.metric === 'cpu_utilization').map((s) => s.value));
    expect(busiest).toBeGreaterThan(0.2);
  });

  it('follows a daily pattern: less traffic at night than mid-afternoon', () => {
    const night = createEmulator(estate, { seed: 9 }).step(Date.UTC(2024, 4, 15, 3, 0)).samples;
    const entry = estate.entities.find((entity) => entity.props?.entryPoint === true)?.id as string;
    expect(value(night, entry, 'request_rate_per_second')).toBeLessThan(
      0.5 * value(samples, entry, 'request_rate_per_second'),
    );
    expect(mean(night, 'host:', 'power_watts')).toBeLessThan(mean(samples, 'host:', 'power_watts'));
  });

  it('is deterministic: same seed and step times give the same samples, another seed differs', () => {
    const times = [start, start + 15_000, start + 30_000];
    const run = (seed: number) => {
      const emulatorRun = createEmulator(estate, { seed });
      return times.map((time) => emulatorRun.step(time));
    };
    expect(JSON.stringify(run(9))).toBe(JSON.stringify(run(9)));
    expect(JSON.stringify(run(9).at(-1))).not.toBe(JSON.stringify(run(10).at(-1)));
  });

  it('gives the same loads at a time however the steps before it were spaced', () => {
    const stepped = createEmulator(estate, { seed: 9 });
    for (let t = start; t < start + 10 * minute; t += 15_000) stepped.step(t);
    const late = stepped.step(start + 10 * minute).samples;
    const direct = createEmulator(estate, { seed: 9 }).step(start + 10 * minute).samples;
    const pick = (list: readonly Sample[]) =>
      list.filter(
        (s) =>
          s.metric === 'cpu_utilization' ||
          s.metric === 'request_rate_per_second' ||
          s.metric === 'power_watts',
      );
    expect(pick(late)).toEqual(pick(direct));
  });
});

describe('emulator faults', () => {
  it('describes every fault type with its targets', () => {
    const types = describeFaultTypes().map((entry) => entry.type);
    expect(types).toEqual([
      'cooling-failure',
      'fan-failure',
      'disk-fill',
      'link-congestion',
      'memory-leak',
      'misconfiguration',
    ]);
    for (const entry of describeFaultTypes()) {
      for (const kind of entry.targetKinds) expect(builtinKinds.has(kind)).toBe(true);
    }
  });

  it('rejects unknown targets, unknown types and targets of the wrong kind', () => {
    const emulator = createEmulator(estate, { seed: 1 });
    expect(() => emulator.injectFault({ type: 'fan-failure', target: 'host:nope', startMs: start })).toThrow(
      InputError,
    );
    expect(() =>
      emulator.injectFault({ type: 'fan-failure', target: 'rack:dc1/a/r01', startMs: start }),
    ).toThrow(/cannot target 'rack:dc1\/a\/r01' \(a rack\)/);
    expect(() =>
      emulator.injectFault({ type: 'meteor' as 'fan-failure', target: 'host:dc1-a-r01-h01', startMs: start }),
    ).toThrow(/unknown fault type/);
    expect(() =>
      emulator.injectFault({
        type: 'disk-fill',
        target: 'host:dc1-a-r01-h01',
        startMs: start,
        params: { ratioPerHour: -1 },
      }),
    ).toThrow(InputError);
    expect(emulator.listFaults()).toEqual([]);
  });

  it('a cooling failure warms its room’s racks over ten minutes and leaves another room alone', () => {
    const emulator = createEmulator(estate, { seed: 2 });
    const before = emulator.step(start).samples;
    const fault = emulator.injectFault({
      type: 'cooling-failure',
      target: 'cooling-unit:dc1/a-crah-2',
      startMs: start + minute,
    });
    expect(fault.id).toMatch(/^fault-/);
    const truth = fault.groundTruth.filter((effect) => effect.metric === 'inlet_temperature_celsius');
    expect(truth.length).toBeGreaterThan(0);
    expect(
      truth.every((effect) => effect.entityId.startsWith('rack:dc1/a/') && effect.change === 'rises'),
    ).toBe(true);
    let after = before;
    for (let t = start + 15_000; t <= start + 11 * minute; t += 15_000) after = emulator.step(t).samples;
    expect(value(after, 'cooling-unit:dc1/a-crah-2', 'fan_speed_ratio')).toBe(0);
    expect(value(after, 'cooling-unit:dc1/a-crah-2', 'cooling_watts')).toBe(0);
    const rise =
      mean(after, 'rack:dc1/a/', 'inlet_temperature_celsius') -
      mean(before, 'rack:dc1/a/', 'inlet_temperature_celsius');
    const elsewhere =
      mean(after, 'rack:dc1/b/', 'inlet_temperature_celsius') -
      mean(before, 'rack:dc1/b/', 'inlet_temperature_celsius');
    expect(rise).toBeGreaterThan(0.4);
    expect(Math.abs(elsewhere)).toBeLessThan(0.15);
    const nearest = truth.reduce((best, effect) => ((effect.by ?? 0) > (best.by ?? 0) ? effect : best));
    const observed =
      value(after, nearest.entityId, 'inlet_temperature_celsius') -
      value(before, nearest.entityId, 'inlet_temperature_celsius');
    expect(observed).toBeGreaterThan((nearest.by as number) * 0.6);
  });

  it('the room overheats once working cooling falls below its heat load', () => {
    const emulator = createEmulator(estate, { seed: 2 });
    const before = emulator.step(start).samples;
    const units = estate.entities.filter((entity) => entity.id.startsWith('cooling-unit:dc1/a-'));
    for (const unit of units)
      emulator.injectFault({ type: 'cooling-failure', target: unit.id, startMs: start });
    const early = emulator.step(start + 2 * minute).samples;
    const late = emulator.step(start + 15 * minute).samples;
    const inlet = (list: readonly Sample[]) => mean(list, 'rack:dc1/a/', 'inlet_temperature_celsius');
    expect(inlet(early)).toBeGreaterThan(inlet(before) + 2);
    expect(inlet(late)).toBeGreaterThan(inlet(early) + 5);
    expect(inlet(late)).toBeGreaterThan(32);
  });

  it('a disk fill makes disk_used_ratio climb steadily, then stops when cleared', () => {
    const emulator = createEmulator(estate, { seed: 4 });
    const target = 'host:dc1-b-r02-h03';
    const fault = emulator.injectFault({
      type: 'disk-fill',
      target,
      startMs: start,
      params: { ratioPerHour: 0.2 },
    });
    expect(fault.groundTruth[0]).toMatchObject({
      entityId: target,
      metric: 'disk_used_ratio',
      change: 'rises',
    });
    const series: number[] = [];
    for (let t = start; t <= start + 60 * minute; t += 5 * minute)
      series.push(value(emulator.step(t).samples, target, 'disk_used_ratio'));
    for (let i = 1; i < series.length; i++)
      expect(series[i] as number).toBeGreaterThan(series[i - 1] as number);
    expect((series.at(-1) as number) - (series[0] as number)).toBeCloseTo(0.2, 1);
    expect(emulator.clearFault(fault.id)).toBe(true);
    expect(emulator.clearFault(fault.id)).toBe(false);
    expect(value(emulator.step(start + 65 * minute).samples, target, 'disk_used_ratio')).toBeLessThan(
      series.at(-1) as number,
    );
  });

  it('a misconfiguration emits exactly one patch and the plant behaves as configured', () => {
    const emulator = createEmulator(estate, { seed: 5 });
    const fault = emulator.injectFault({
      type: 'misconfiguration',
      target: 'cooling-unit:dc1/b-crah-1',
      startMs: start + minute,
    });
    expect(fault.params).toMatchObject({ prop: 'setpointCelsius', value: 30 });
    expect(fault.groundTruth[0]).toMatchObject({ prop: 'setpointCelsius', change: 'set' });
    const ops = [];
    let last: readonly Sample[] = [];
    for (let t = start; t <= start + 12 * minute; t += 30_000) {
      const output = emulator.step(t);
      ops.push(...output.ops);
      last = output.samples;
    }
    expect(ops).toEqual([
      { op: 'patch-entity', id: 'cooling-unit:dc1/b-crah-1', props: { setpointCelsius: 30 } },
    ]);
    expect(value(last, 'cooling-unit:dc1/b-crah-1', 'supply_temperature_celsius')).toBeGreaterThan(29);
  });

  it('a service scaled to zero replicas fails, and so do callers that need it', () => {
    const emulator = createEmulator(estate, { seed: 5 });
    const callers = estate.relations.filter(
      (r) => r.type === 'depends-on' && r.to === 'service:checkout' && r.props?.optional !== true,
    );
    const fault = emulator.injectFault({
      type: 'misconfiguration',
      target: 'service:checkout',
      startMs: start,
    });
    const { samples, ops } = emulator.step(start);
    expect(ops).toEqual([{ op: 'patch-entity', id: 'service:checkout', props: { replicas: 0 } }]);
    expect(value(samples, 'service:checkout', 'error_ratio')).toBe(1);
    for (const caller of callers) expect(value(samples, caller.from, 'error_ratio')).toBeGreaterThan(0.5);
    const truthIds = fault.groundTruth
      .filter((effect) => effect.metric === 'error_ratio')
      .map((effect) => effect.entityId);
    expect(truthIds).toContain('service:checkout');
  });

  it('a fan failure heats the CPU, congestion fills a link, a leak grows memory', () => {
    const emulator = createEmulator(estate, { seed: 6 });
    const host = 'host:dc2-a-r03-h04';
    const link = 'link:dc1-a-r02-tor-a--dc1-a-spine-1';
    const vm = estate.entities.find((entity) => entity.kind === 'vm')?.id as string;
    const before = emulator.step(start).samples;
    emulator.injectFault({ type: 'fan-failure', target: host, startMs: start });
    emulator.injectFault({ type: 'link-congestion', target: link, startMs: start });
    emulator.injectFault({ type: 'memory-leak', target: vm, startMs: start, params: { ratioPerHour: 0.3 } });
    const after = emulator.step(start + 10 * minute).samples;
    expect(value(after, host, 'cpu_temperature_celsius')).toBeGreaterThan(75);
    expect(
      value(after, host, 'cpu_temperature_celsius') - value(before, host, 'cpu_temperature_celsius'),
    ).toBeGreaterThan(35);
    expect(value(after, link, 'utilization_ratio')).toBeGreaterThan(0.9);
    expect(value(after, vm, 'memory_utilization') - value(before, vm, 'memory_utilization')).toBeCloseTo(
      0.05,
      1,
    );
    expect(emulator.listFaults().map((fault) => fault.type)).toEqual([
      'fan-failure',
      'link-congestion',
      'memory-leak',
    ]);
  });

  it('ends a fault after its duration', () => {
    const emulator = createEmulator(estate, { seed: 6 });
    const link = 'link:dc1-a-r02-tor-a--dc1-a-spine-1';
    emulator.injectFault({ type: 'link-congestion', target: link, startMs: start, durationMs: 5 * minute });
    expect(value(emulator.step(start + minute).samples, link, 'utilization_ratio')).toBeGreaterThan(0.9);
    expect(value(emulator.step(start + 6 * minute).samples, link, 'utilization_ratio')).toBeLessThan(0.5);
  });
});
