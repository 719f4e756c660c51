import { severityRank } from '../../alerts/alert-ranking';
import type { Alert, AlertSeverity } from '../../contract';
import { type AlertFilter, matchesFilter } from './alert-filter';

/** Most severe first; among equals the most recently seen, then by id so the order is stable. */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    b.lastSeenMs - a.lastSeenMs ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A sorted copy of the alerts. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(compareAlerts);
}

/**
 * The list after news of one alert (a live message, or the server's answer to an action): it
 * replaces the alert of the same id, joins the list when it matches the filter, and leaves it when
 * it no longer does (resolved while only active ones are shown). The input is not changed.
 */
export function mergeAlert(alerts: readonly Alert[], alert: Alert, filter: AlertFilter): Alert[] {
  const current = alerts.find((candidate) => candidate.id === alert.id);
  // News older than what is shown (an action's answer after the live message it caused) is dropped.
  if (current !== undefined && isOlder(alert, current)) return [...alerts];
  const others = alerts.filter((candidate) => candidate.id !== alert.id);
  return matchesFilter(alert, filter) ? sortAlerts([...others, alert]) : others;
}

/** Whether `a` is an earlier state of the same alert than `b`. */
export function isOlder(a: Alert, b: Alert): boolean {
  const stamp = (alert: Alert) =>
    Math.max(
      alert.lastSeenMs,
      alert.acknowledgedAtMs ?? 0,
      alert.resolvedAtMs ?? 0,
      alert.outcome?.scoredAtMs ?? 0,
    );
  const step = (alert: Alert) =>
    (alert.status === 'resolved' ? 2 : alert.status === 'acknowledged' ? 1 : 0) + (alert.outcome ? 3 : 0);
  return stamp(a) < stamp(b) || (stamp(a) === stamp(b) && step(a) < step(b));
}

/** Counts by severity, for the page's header. */
export function countBySeverity(alerts: readonly Alert[]): Record<AlertSeverity, number> {
  const counts: Record<AlertSeverity, number> = { critical: 0, warning: 0, info: 0 };
  for (const alert of alerts) counts[alert.severity] += 1;
  return counts;
}
