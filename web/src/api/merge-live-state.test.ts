import { describe, expect, it } from 'vitest';
import type { Entity } from '../contract';
import { mergeLiveState } from './merge-live-state';

const host: Entity = {
  id: 'host:h1',
  kind: 'host',
  name: 'h1',
  labels: {},
  props: {},
  provenance: { origin: 'declared', source: 'test', at: 0, changeSet: 1 },
  state: {
    metrics: {
      cpu_utilization: { value: 0.2, ts: 1, origin: 'observed', source: 'remote_write' },
      power_watts: { value: 180, ts: 1, origin: 'observed', source: 'remote_write' },
    },
    health: 'ok',
    reasons: [],
  },
};

describe('mergeLiveState', () => {
  it('replaces the metrics the message carries, keeps the others, and takes its health', () => {
    const merged = mergeLiveState(host, {
      type: 'state',
      entityId: 'host:h1',
      kind: 'host',
      metrics: { cpu_utilization: { value: 0.97, ts: 2, origin: 'observed', source: 'remote_write' } },
      health: 'critical',
      reasons: [{ metric: 'cpu_utilization', value: 0.97, level: 'critical', limit: 0.95 }],
    });
    expect(merged.state.metrics.cpu_utilization?.value).toBe(0.97);
    expect(merged.state.metrics.power_watts?.value).toBe(180);
    expect(merged.state.health).toBe('critical');
    expect(merged.state.reasons).toHaveLength(1);
    expect(host.state.metrics.cpu_utilization?.value).toBe(0.2);
  });

  it('leaves another entity as it is', () => {
    const other = {
      type: 'state',
      entityId: 'host:h2',
      kind: 'host',
      metrics: {},
      health: 'critical',
      reasons: [],
    } as const;
    expect(mergeLiveState(host, { ...other, reasons: [] })).toBe(host);
  });
});
