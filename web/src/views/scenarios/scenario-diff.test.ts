import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../contract';
import {
  type DiffRow,
  defaultOrder,
  diffRows,
  filterRows,
  formatMultiplier,
  latencyBars,
  metricUnit,
  noFilter,
  relativeChange,
  rowChanged,
  type SortKey,
  sortRows,
  utilisationBuckets,
} from './scenario-diff';

type Parts = Pick<ScenarioResult, 'entities' | 'violations'>;

const result: Parts = {
  entities: [
    {
      id: 'service:cart',
      kind: 'service',
      status: { base: 'ok', scenario: 'saturated' },
      metrics: {
        latency_p99_seconds: { base: 0.1, scenario: null, change: null },
        request_rate_per_second: { base: 40, scenario: 60, change: 20 },
        replicas: { base: 3, scenario: 3, change: 0 },
      },
    },
    {
      id: 'host:h1',
      kind: 'host',
      metrics: {
        cpu_utilization: { base: 0.4, scenario: 0.95, change: 0.55 },
        power_watts: { base: 200, scenario: 260, change: 60 },
      },
    },
    {
      id: 'host:h2',
      kind: 'host',
      metrics: {
        cpu_utilization: { base: 0.2, scenario: 0, change: -0.2 },
        power_watts: { base: 180, scenario: 0, change: -180 },
      },
    },
  ],
  violations: [
    { kind: 'saturated', entity: 'service:cart', value: 1.2, limit: 1, message: 'saturated', atSeconds: 0 },
    {
      kind: 'utilization',
      entity: 'host:h1',
      value: 0.95,
      limit: 0.9,
      message: 'CPU 95 % > 90 %',
      atSeconds: 0,
    },
  ],
};

const rowArbitrary: fc.Arbitrary<DiffRow> = fc
  .record({
    entity: fc.constantFrom('host:a', 'host:b', 'service:c', 'rack:d'),
    metric: fc.constantFrom('cpu_utilization', 'power_watts', 'latency_p99_seconds'),
    base: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
    scenario: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
    breach: fc.option(fc.constant('broken'), { nil: undefined }),
  })
  .map(({ entity, metric, base, scenario, breach }) => ({
    key: `${entity} ${metric}`,
    entity,
    kind: entity.split(':')[0] as string,
    metric,
    base,
    scenario,
    change: base === null || scenario === null ? null : scenario - base,
    relative: relativeChange(base, scenario),
    breach,
  }));
const uniqueRows = fc.uniqueArray(rowArbitrary, { selector: (row) => row.key, maxLength: 12 });
const sortKeys: SortKey[] = ['entity', 'metric', 'base', 'scenario', 'change', 'relative', 'breach'];

describe('the diff against the live twin', () => {
  it('has a row per entity and metric, marking the metrics whose limit broke', () => {
    const rows = diffRows(result);
    expect(rows.map((row) => row.key)).toEqual([
      'service:cart latency_p99_seconds',
      'service:cart request_rate_per_second',
      'service:cart replicas',
      'host:h1 cpu_utilization',
      'host:h1 power_watts',
      'host:h2 cpu_utilization',
      'host:h2 power_watts',
    ]);
    expect(rows.filter((row) => row.breach).map((row) => row.key)).toEqual([
      'service:cart latency_p99_seconds',
      'host:h1 cpu_utilization',
    ]);
    expect(rows[1]).toMatchObject({ base: 40, scenario: 60, change: 20, relative: 0.5 });
    expect(rows.some((row) => row.fromViolation)).toBe(false);
    expect(rows[0]?.relative).toBeNull();
  });

  it('gives a broken limit the predictions leave out a row of its own', () => {
    const rows = diffRows({
      ...result,
      violations: [
        ...result.violations,
        {
          kind: 'disk',
          entity: 'host:h9',
          value: 0.95,
          limit: 0.9,
          message: 'disk 95 % full > 90 %',
          atSeconds: 0,
        },
        {
          kind: 'network',
          entity: 'host:h1',
          value: 0.97,
          limit: 0.9,
          message: 'uplinks 97 % busy',
          atSeconds: 60,
        },
      ],
    });
    expect(rows.filter((row) => row.fromViolation)).toEqual([
      expect.objectContaining({ key: 'host:h9 disk_used_ratio', kind: 'host', base: null, scenario: 0.95 }),
      expect.objectContaining({ key: 'host:h1 uplink_utilization', breach: 'uplinks 97 % busy' }),
    ]);
    expect(filterRows(rows, { ...noFilter, breachesOnly: true, changedOnly: true })).toHaveLength(4);
  });

  it('filters to breaches, to what changed, by kind and by text', () => {
    const rows = diffRows(result);
    expect(filterRows(rows, { ...noFilter, breachesOnly: true })).toHaveLength(2);
    expect(filterRows(rows, { ...noFilter, changedOnly: true }).map((row) => row.key)).not.toContain(
      'service:cart replicas',
    );
    expect(filterRows(rows, { ...noFilter, changedOnly: true }).map((row) => row.key)).toContain(
      'service:cart latency_p99_seconds',
    );
    expect(filterRows(rows, { ...noFilter, kind: 'host' })).toHaveLength(4);
    expect(filterRows(rows, { ...noFilter, text: 'POWER' })).toHaveLength(2);
  });

  it('puts broken limits first, then the largest relative changes', () => {
    expect(
      defaultOrder(diffRows(result))
        .map((row) => row.key)
        .slice(0, 3),
    ).toEqual([
      'service:cart latency_p99_seconds',
      'host:h1 cpu_utilization',
      // −100 % as the CPU, but the larger change in its own unit.
      'host:h2 power_watts',
    ]);
  });

  it('sorts any rows into an order that does not depend on the order they came in', () => {
    fc.assert(
      fc.property(uniqueRows, fc.constantFrom(...sortKeys), fc.boolean(), (rows, key, up) => {
        const direction = up ? 'ascending' : 'descending';
        const once = sortRows(rows, key, direction).map((row) => row.key);
        const reversed = sortRows([...rows].reverse(), key, direction).map((row) => row.key);
        return once.length === rows.length && JSON.stringify(once) === JSON.stringify(reversed);
      }),
    );
  });

  it('sorts numbers by size with infinite values on top, and changes by their size', () => {
    fc.assert(
      fc.property(uniqueRows, (rows) => {
        const sorted = sortRows(rows, 'scenario', 'descending');
        const firstFinite = sorted.findIndex((row) => row.scenario !== null);
        if (firstFinite >= 0 && sorted.slice(firstFinite).some((row) => row.scenario === null)) return false;
        const finite = sorted.flatMap((row) => (row.scenario === null ? [] : [row.scenario]));
        return finite.every((value, index) => index === 0 || (finite[index - 1] as number) >= value);
      }),
    );
    const changes = sortRows(diffRows(result), 'change', 'descending').map((row) => row.key);
    expect(changes.indexOf('host:h2 power_watts')).toBeLessThan(changes.indexOf('host:h1 power_watts'));
  });

  it('filters never add rows and breaches-only keeps exactly the breaches', () => {
    fc.assert(
      fc.property(uniqueRows, fc.boolean(), fc.boolean(), (rows, breachesOnly, changedOnly) => {
        const kept = filterRows(rows, { ...noFilter, breachesOnly, changedOnly });
        return (
          kept.length <= rows.length &&
          (!breachesOnly || kept.length === rows.filter((row) => row.breach).length) &&
          kept.every((row) => !changedOnly || rowChanged(row) || row.breach)
        );
      }),
    );
  });
});

describe('chart data', () => {
  it('gives a bar per service with its p99 before and after', () => {
    expect(latencyBars(result)).toEqual([
      { service: 'service:cart', base: 0.1, scenario: null, breach: 'saturated' },
    ]);
  });

  it('counts hosts per tenth of utilisation, stopped hosts apart', () => {
    const buckets = utilisationBuckets(result);
    expect(buckets).toHaveLength(11);
    expect(buckets[0]).toEqual({ label: 'off', base: 0, scenario: 1 });
    expect(buckets.find((bucket) => bucket.label === '40–50 %')?.base).toBe(1);
    expect(buckets.find((bucket) => bucket.label === '90 %+')?.scenario).toBe(1);
    const total = (side: 'base' | 'scenario') => buckets.reduce((sum, bucket) => sum + bucket[side], 0);
    expect([total('base'), total('scenario')]).toEqual([2, 2]);
  });

  it('names units and formats the headroom', () => {
    expect(metricUnit('latency_p99_seconds')).toBe('s');
    expect(metricUnit('network_receive_bytes_per_second')).toBe('bytes/s');
    expect(metricUnit('request_rate_per_second')).toBe('/s');
    expect(metricUnit('replica_cpu_utilization')).toBe('ratio');
    expect(metricUnit('load_ratio')).toBe('ratio');
    expect(metricUnit('inlet_temperature_celsius')).toBe('celsius');
    expect(metricUnit('replicas')).toBeUndefined();
    expect(formatMultiplier(1.5547889397770887)).toBe('×1.55');
  });
});
