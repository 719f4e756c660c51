import { describe, expect, it } from 'vitest';
import { testAlert as alert } from '../../alerts/test-alert';
import type { Alert } from '../../contract';
import type { AlertFilter } from './alert-filter';
import { countBySeverity, mergeAlert, sortAlerts } from './alert-list';

const active: AlertFilter = { status: ['open', 'acknowledged'] };
const ids = (alerts: readonly Alert[]) => alerts.map((item) => item.id);

describe('sortAlerts', () => {
  it('puts the most severe first, then the most recently seen, then by id', () => {
    const sorted = sortAlerts([
      alert('info', { severity: 'info', lastSeenMs: 9 }),
      alert('old-warning', { lastSeenMs: 1 }),
      alert('b-new-warning', { lastSeenMs: 5 }),
      alert('a-new-warning', { lastSeenMs: 5 }),
      alert('critical', { severity: 'critical' }),
    ]);
    expect(ids(sorted)).toEqual(['critical', 'a-new-warning', 'b-new-warning', 'old-warning', 'info']);
  });
});

describe('mergeAlert', () => {
  const list = sortAlerts([alert('w1', { lastSeenMs: 2 }), alert('w2', { lastSeenMs: 1 })]);

  it('adds a new alert that matches, in its place', () => {
    const merged = mergeAlert(list, alert('c', { severity: 'critical' }), active);
    expect(ids(merged)).toEqual(['c', 'w1', 'w2']);
    expect(ids(list)).toEqual(['w1', 'w2']);
  });

  it('ignores a new alert that does not match', () => {
    expect(
      ids(mergeAlert(list, alert('i', { kind: 'disk-full' }), { ...active, kind: 'overheating' })),
    ).toEqual(['w1', 'w2']);
  });

  it('replaces a changed alert and moves it', () => {
    const merged = mergeAlert(list, alert('w2', { lastSeenMs: 3, occurrences: 2 }), active);
    expect(ids(merged)).toEqual(['w2', 'w1']);
    expect(merged[0]?.occurrences).toBe(2);
  });

  it('drops an alert that no longer matches (resolved while only active ones are shown)', () => {
    const resolved = alert('w1', { lastSeenMs: 2, status: 'resolved', resolvedAtMs: 10 });
    expect(ids(mergeAlert(list, resolved, active))).toEqual(['w2']);
    expect(ids(mergeAlert(list, resolved, { status: ['open', 'acknowledged', 'resolved'] }))).toEqual([
      'w1',
      'w2',
    ]);
  });

  it('keeps the newer state when older news arrives after it', () => {
    const acknowledged = alert('w1', { lastSeenMs: 2, status: 'acknowledged', acknowledgedAtMs: 5 });
    const afterAck = mergeAlert(list, acknowledged, active);
    const stale = mergeAlert(afterAck, alert('w1', { lastSeenMs: 2 }), active);
    expect(stale.find((item) => item.id === 'w1')?.status).toBe('acknowledged');
  });

  it('counts by severity', () => {
    expect(countBySeverity([alert('a', { severity: 'critical' }), alert('b'), alert('c')])).toEqual({
      critical: 1,
      warning: 2,
      info: 0,
    });
  });
});
