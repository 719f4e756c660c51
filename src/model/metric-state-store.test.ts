import { describe, expect, it } from 'vitest';
import { MetricStateStore } from './metric-state-store.js';

const at = (value: number, ts: number) => ({ value, ts, origin: 'observed' as const, source: 'test' });

describe('MetricStateStore', () => {
  it('never changes a record a reader holds, within a batch or across batches', () => {
    const store = new MetricStateStore();
    store.set('host:a', 'cpu', at(1, 1));
    const before = store.get('host:a');
    const batch = new Set<string>();
    store.set('host:a', 'cpu', at(2, 2), true, batch);
    store.set('host:a', 'mem', at(3, 2), true, batch);
    store.set('host:a', 'disk', at(4, 2), true, batch);
    expect(before).toStrictEqual({ cpu: at(1, 1) });
    const during = store.get('host:a');
    expect(during).toStrictEqual({ cpu: at(2, 2), mem: at(3, 2), disk: at(4, 2) });
    // A new batch copies again: what was read after the last one stays as it was.
    const next = new Set<string>();
    store.set('host:a', 'cpu', at(5, 3), true, next);
    expect(during?.cpu).toStrictEqual(at(2, 2));
    expect(store.get('host:a')?.cpu).toStrictEqual(at(5, 3));
  });

  it('keeps the newer value when an older sample arrives, in a batch too', () => {
    const store = new MetricStateStore();
    const batch = new Set<string>();
    store.set('host:a', 'cpu', at(2, 20), true, batch);
    expect(store.set('host:a', 'cpu', at(1, 10), true, batch)).toBe(false);
    expect(store.get('host:a')?.cpu).toStrictEqual(at(2, 20));
    expect(store.takeDirty().map((entry) => entry.metric)).toStrictEqual(['cpu']);
  });
});
