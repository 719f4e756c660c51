import { describe, expect, it } from 'vitest';
import { applyAlertMessage, rankAlerts } from './alert-ranking';
import { testAlert as alert } from './test-alert';

describe('rankAlerts', () => {
  it('puts critical before warning before info, open before acknowledged, recent first, and drops resolved', () => {
    const ranked = rankAlerts([
      alert('info', { severity: 'info' }),
      alert('old-warning', { lastSeenMs: 1 }),
      alert('acked-critical', { severity: 'critical', status: 'acknowledged', lastSeenMs: 9 }),
      alert('critical', { severity: 'critical' }),
      alert('new-warning', { lastSeenMs: 5 }),
      alert('resolved', { severity: 'critical', status: 'resolved' }),
    ]);
    expect(ranked.map((a) => a.id)).toEqual([
      'critical',
      'acked-critical',
      'new-warning',
      'old-warning',
      'info',
    ]);
  });
});

describe('applyAlertMessage', () => {
  it('adds opened alerts, replaces updated ones and drops resolved ones', () => {
    let alerts = [alert('a', {})];
    alerts = applyAlertMessage(alerts, {
      type: 'alert',
      action: 'opened',
      alert: alert('b', { severity: 'critical' }),
    });
    expect(alerts.map((a) => a.id)).toEqual(['b', 'a']);
    alerts = applyAlertMessage(alerts, {
      type: 'alert',
      action: 'updated',
      alert: alert('a', { occurrences: 2 }),
    });
    expect(alerts.find((a) => a.id === 'a')?.occurrences).toBe(2);
    alerts = applyAlertMessage(alerts, {
      type: 'alert',
      action: 'resolved',
      alert: alert('b', { status: 'resolved' }),
    });
    expect(alerts.map((a) => a.id)).toEqual(['a']);
  });
});
