import { describe, expect, it } from 'vitest';
import type { Entity, LiveStateMessage } from '../../contract';
import { applyStateMessages, foldStateMessages } from './live-batch';

const value = (v: number, ts: number) => ({ value: v, ts, origin: 'observed' as const, source: 'mqtt' });

function rack(id: string): Entity {
  return {
    id,
    kind: 'rack',
    name: id,
    labels: {},
    props: {},
    provenance: { origin: 'declared', source: 'test', at: 0, changeSet: 1 },
    state: {
      metrics: { inlet_temperature_celsius: value(20, 1), power_watts: value(3000, 1) },
      health: 'ok',
      reasons: [],
    },
  };
}

function state(
  entityId: string,
  metrics: LiveStateMessage['metrics'],
  health: LiveStateMessage['health'],
): LiveStateMessage {
  return { type: 'state', entityId, kind: 'rack', metrics, health, reasons: [] };
}

describe('live batches', () => {
  it('folds two messages of an entity into one, the later winning', () => {
    const folded = foldStateMessages(
      state('rack:a', { inlet_temperature_celsius: value(21, 2), power_watts: value(3100, 2) }, 'ok'),
      state('rack:a', { inlet_temperature_celsius: value(28, 3) }, 'warning'),
    );
    expect(folded.metrics.inlet_temperature_celsius?.value).toBe(28);
    expect(folded.metrics.power_watts?.value).toBe(3100);
    expect(folded.health).toBe('warning');
  });

  it('replaces only the entities a batch names, and ignores those it does not show', () => {
    const a = rack('rack:a');
    const b = rack('rack:b');
    const before = new Map([
      [a.id, a],
      [b.id, b],
    ]);
    const after = applyStateMessages(before, [
      state('rack:a', { inlet_temperature_celsius: value(29, 2) }, 'warning'),
      state('rack:zzz', {}, 'critical'),
    ]);
    expect(after).not.toBe(before);
    expect(after.get('rack:a')?.state.metrics.inlet_temperature_celsius?.value).toBe(29);
    expect(after.get('rack:a')?.state.metrics.power_watts?.value).toBe(3000);
    expect(after.get('rack:b')).toBe(b);
    expect(applyStateMessages(before, [state('rack:zzz', {}, 'ok')])).toBe(before);
  });
});
