import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert, AlertSeverity, AlertStatus } from '../../contract';
import {
  type AlertFilter,
  type AlertsPageState,
  alertSeverities,
  alertStatuses,
  alertsPath,
  alertsQueryString,
  matchesFilter,
  parseAlertsQuery,
  serverQuery,
} from './alert-filter';

const alert: Alert = {
  id: 'alert-7',
  key: 'disk-full:volume:db-02/var',
  kind: 'disk-full',
  source: 'risk',
  entityId: 'volume:db-02/var',
  entities: ['volume:db-02/var', 'host:db-02'],
  severity: 'warning',
  status: 'open',
  summary: 'disk of db-02/var 95 % full in 2 h 30 min',
  confidence: 0.9,
  evidence: {},
  firstSeenMs: 0,
  lastSeenMs: 0,
  occurrences: 1,
};

const text = fc.string({ maxLength: 12 });
const state: fc.Arbitrary<AlertsPageState> = fc.record(
  {
    filter: fc.record(
      {
        status: fc.subarray([...alertStatuses]),
        severity: fc.constantFrom(...alertSeverities),
        kind: text,
        entity: text,
        text,
      },
      { requiredKeys: ['status'] },
    ),
    selected: text,
  },
  { requiredKeys: ['filter'] },
);

/** What a state should read back as: statuses in order (the default when none), texts trimmed, empty ones gone. */
function expected(input: AlertsPageState): AlertsPageState {
  const status = alertStatuses.filter((known) => input.filter.status.includes(known));
  const filter: AlertFilter = { status: status.length > 0 ? status : ['open', 'acknowledged'] };
  if (input.filter.severity) filter.severity = input.filter.severity;
  for (const name of ['kind', 'entity', 'text'] as const) {
    const value = input.filter[name]?.trim();
    if (value) filter[name] = value;
  }
  const selected = input.selected?.trim();
  return selected ? { filter, selected } : { filter };
}

describe('the alerts page in its URL', () => {
  it('reads the default page from an empty query', () => {
    expect(parseAlertsQuery('')).toEqual({ filter: { status: ['open', 'acknowledged'] } });
    expect(alertsPath({ filter: { status: ['acknowledged', 'open'] } })).toBe('/alerts');
  });

  it('writes readable queries and reads them back', () => {
    const page: AlertsPageState = {
      filter: { status: ['resolved', 'open'], severity: 'critical', kind: 'disk-full', text: 'db 02' },
      selected: 'alert-7',
    };
    expect(alertsQueryString(page)).toBe(
      'status=open,resolved&severity=critical&kind=disk-full&q=db%2002&alert=alert-7',
    );
    expect(
      parseAlertsQuery('?status=open,resolved&severity=critical&kind=disk-full&q=db+02&alert=alert-7'),
    ).toEqual({
      filter: { status: ['open', 'resolved'], severity: 'critical', kind: 'disk-full', text: 'db 02' },
      selected: 'alert-7',
    });
  });

  it('ignores what it does not know', () => {
    expect(parseAlertsQuery('status=nope,resolved,resolved&severity=loud&other=1')).toEqual({
      filter: { status: ['resolved'] },
    });
    expect(parseAlertsQuery('status=nope')).toEqual({ filter: { status: ['open', 'acknowledged'] } });
  });

  it('reads back every state it writes (property)', () => {
    fc.assert(
      fc.property(state, (page) => {
        const url = new URL(alertsPath(page), 'http://twin');
        expect(url.pathname).toBe('/alerts');
        expect(parseAlertsQuery(url.search)).toEqual(expected(page));
      }),
      { numRuns: 500 },
    );
  });

  it('writes what any query reads as in one canonical form (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (query) => {
        const once = parseAlertsQuery(query);
        expect(parseAlertsQuery(alertsQueryString(once))).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('matching alerts against the filter', () => {
  const filter = (fields: Partial<AlertFilter>): AlertFilter => ({
    status: ['open', 'acknowledged'],
    ...fields,
  });

  it('matches what the server filters: status, severity, kind and an involved entity', () => {
    expect(matchesFilter(alert, filter({}))).toBe(true);
    expect(matchesFilter(alert, filter({ status: ['resolved'] as AlertStatus[] }))).toBe(false);
    expect(matchesFilter(alert, filter({ severity: 'critical' as AlertSeverity }))).toBe(false);
    expect(matchesFilter(alert, filter({ severity: 'warning' }))).toBe(true);
    expect(matchesFilter(alert, filter({ kind: 'overheating' }))).toBe(false);
    expect(matchesFilter(alert, filter({ entity: 'host:db-02' }))).toBe(true);
    expect(matchesFilter(alert, filter({ entity: 'host:db-03' }))).toBe(false);
  });

  it('matches text in the summary, kind, id or entities, in any case', () => {
    expect(matchesFilter(alert, filter({ text: 'FULL IN' }))).toBe(true);
    expect(matchesFilter(alert, filter({ text: 'alert-7' }))).toBe(true);
    expect(matchesFilter(alert, filter({ text: 'host:db-02' }))).toBe(true);
    expect(matchesFilter(alert, filter({ text: 'memory' }))).toBe(false);
  });

  it('asks the server for all but the text', () => {
    expect(serverQuery(filter({ severity: 'critical', kind: 'disk-full', text: 'x' }), 1000)).toEqual({
      status: ['open', 'acknowledged'],
      severity: 'critical',
      kind: 'disk-full',
      entity: undefined,
      limit: 1000,
    });
  });
});
