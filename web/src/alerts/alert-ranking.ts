import type { Alert, AlertSeverity, LiveAlertMessage } from '../contract';

/** Most severe first: the order of every list of alerts. */
export const severityRank: Readonly<Record<AlertSeverity, number>> = { critical: 0, warning: 1, info: 2 };

/** Whether an alert still asks for attention: open, or acknowledged and not yet resolved. */
export function isActive(alert: Alert): boolean {
  return alert.status === 'open' || alert.status === 'acknowledged';
}

/** Most severe first; among equals, open before acknowledged, then the most recently seen. */
export function rankAlerts(alerts: readonly Alert[]): Alert[] {
  return alerts
    .filter(isActive)
    .sort(
      (a, b) =>
        severityRank[a.severity] - severityRank[b.severity] ||
        Number(a.status !== 'open') - Number(b.status !== 'open') ||
        b.lastSeenMs - a.lastSeenMs,
    );
}

/** The list after a live alert message: the alert replaced or added, or dropped once resolved. */
export function applyAlertMessage(alerts: readonly Alert[], message: LiveAlertMessage): Alert[] {
  const others = alerts.filter((alert) => alert.id !== message.alert.id);
  return rankAlerts(isActive(message.alert) ? [...others, message.alert] : others);
}
