import type { AlertQuery } from '../../api/twin-api';
import type { Alert, AlertSeverity, AlertStatus } from '../../contract';

export const alertStatuses: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved'];
export const alertSeverities: readonly AlertSeverity[] = ['critical', 'warning', 'info'];
/** What the page lists when the URL names no status: what still asks for attention. */
export const defaultStatuses: readonly AlertStatus[] = ['open', 'acknowledged'];

/**
 * What the alerts page lists. `status`, `severity`, `kind` and `entity` are asked of the server
 * (`GET /api/alerts` filters by them); `text` is matched in the page.
 */
export interface AlertFilter {
  /** Never empty; in the order of `alertStatuses`. */
  status: AlertStatus[];
  severity?: AlertSeverity;
  kind?: string;
  /** Alerts involving this entity id. */
  entity?: string;
  /** Part of the summary, kind, id or an entity id; any case. */
  text?: string;
}

/** The page's state in its URL: the filter and the alert whose details are open. */
export interface AlertsPageState {
  filter: AlertFilter;
  selected?: string;
}

/** The filter with its statuses known, unique and in order (the default when none), and its texts trimmed. */
export function normalizeFilter(filter: AlertFilter): AlertFilter {
  const status = alertStatuses.filter((known) => filter.status.includes(known));
  const kind = filter.kind?.trim();
  const entity = filter.entity?.trim();
  const text = filter.text?.trim();
  return {
    status: status.length > 0 ? status : [...defaultStatuses],
    ...(filter.severity && alertSeverities.includes(filter.severity) ? { severity: filter.severity } : {}),
    ...(kind ? { kind } : {}),
    ...(entity ? { entity } : {}),
    ...(text ? { text } : {}),
  };
}

/** Reads `?status=open,acknowledged&severity=critical&kind=…&entity=…&q=…&alert=…`; what it does not know is ignored. */
export function parseAlertsQuery(search: string): AlertsPageState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const status = (params.get('status') ?? '').split(',').map((part) => part.trim());
  const severity = params.get('severity') ?? undefined;
  const filter = normalizeFilter({
    status: status.filter((part): part is AlertStatus => (alertStatuses as readonly string[]).includes(part)),
    ...(severity && (alertSeverities as readonly string[]).includes(severity)
      ? { severity: severity as AlertSeverity }
      : {}),
    kind: params.get('kind') ?? undefined,
    entity: params.get('entity') ?? undefined,
    text: params.get('q') ?? undefined,
  });
  const selected = params.get('alert')?.trim();
  return selected ? { filter, selected } : { filter };
}

/**
 * The query string (without `?`) that reads back as `state`: parameters in a fixed order, the
 * default statuses left out, commas between statuses kept readable. Empty for the default page.
 */
export function alertsQueryString(state: AlertsPageState): string {
  const filter = normalizeFilter(state.filter);
  const parts: string[] = [];
  const isDefault =
    filter.status.length === defaultStatuses.length &&
    filter.status.every((status, index) => status === defaultStatuses[index]);
  if (!isDefault) parts.push(`status=${filter.status.join(',')}`);
  const add = (name: string, value: string | undefined) => {
    if (value) parts.push(`${name}=${encodeURIComponent(value)}`);
  };
  add('severity', filter.severity);
  add('kind', filter.kind);
  add('entity', filter.entity);
  add('q', filter.text);
  add('alert', state.selected?.trim());
  return parts.join('&');
}

/** The path of the alerts page in this state. */
export function alertsPath(state: AlertsPageState): string {
  const query = alertsQueryString(state);
  return query === '' ? '/alerts' : `/alerts?${query}`;
}

/** Whether two filters ask the same (normalized). */
export function sameFilter(a: AlertFilter, b: AlertFilter): boolean {
  return alertsQueryString({ filter: a }) === alertsQueryString({ filter: b });
}

/** Whether the alert belongs in a list filtered so: what the server filters, and the text. */
export function matchesFilter(alert: Alert, filter: AlertFilter): boolean {
  if (!filter.status.includes(alert.status)) return false;
  if (filter.severity !== undefined && alert.severity !== filter.severity) return false;
  if (filter.kind !== undefined && alert.kind !== filter.kind) return false;
  // As the server reads `entity`: alerts whose entities include it.
  if (filter.entity !== undefined && !alert.entities.includes(filter.entity)) return false;
  return filter.text === undefined || matchesText(alert, filter.text);
}

function matchesText(alert: Alert, text: string): boolean {
  const needle = text.toLowerCase();
  return [alert.summary, alert.kind, alert.id, alert.entityId, ...alert.entities].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

/** The query of `GET /api/alerts` for the part of the filter the server applies. */
export function serverQuery(filter: AlertFilter, limit: number): AlertQuery {
  return {
    status: filter.status,
    severity: filter.severity,
    kind: filter.kind,
    entity: filter.entity,
    limit,
  };
}
