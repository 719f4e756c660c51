import { useMemo } from 'react';
import { ApiError } from '../../api/api-error';
import { LiveBadge } from '../../components/live-badge';
import { LoadStatus } from '../../components/load-status';
import { PageTitle } from '../../components/page-title';
import { Panel } from '../../components/panel';
import { formatCount } from '../../format/format-number';
import { navigate } from '../../routing/navigation';
import type { Route } from '../../routing/route';
import { AccuracyTable } from './accuracy-table';
import { AlertDetail } from './alert-detail';
import { type AlertFilter, alertsPath, parseAlertsQuery, sameFilter } from './alert-filter';
import { AlertFilters } from './alert-filters';
import { countBySeverity } from './alert-list';
import { hasMore, matchingCount } from './alert-pages';
import { AlertTable } from './alert-table';
import { useAlertsData } from './use-alerts-data';
import './alerts.css';

/**
 * Alerts and predictions: a filtered list (the filter and the open alert are in the URL), the
 * details of one with the lifecycle actions the role allows, live; and how far to trust each
 * kind of prediction.
 */
export function AlertsView({ route }: { route: Route }) {
  const query = route.view === 'alerts' ? (route.query ?? '') : '';
  const { filter, selected: selectedId } = useMemo(() => parseAlertsQuery(query), [query]);
  const data = useAlertsData(filter, selectedId);
  const { list, shown, selected, more } = data;
  const loaded = list.data;

  const changeFilter = (next: AlertFilter) => {
    if (!sameFilter(next, filter)) navigate(alertsPath({ filter: next }));
  };
  const select = (id: string | undefined) =>
    navigate(alertsPath(id === undefined ? { filter } : { filter, selected: id }), { replace: true });

  const kinds = useMemo(
    () => [
      ...new Set([
        ...(loaded?.items ?? []).map((alert) => alert.kind),
        ...(data.accuracy.data ?? []).map((row) => row.kind),
      ]),
    ],
    [loaded?.items, data.accuracy.data],
  );
  const counts = shown && countBySeverity(shown);

  return (
    <div className="view alerts-view">
      <div className="view-header">
        <PageTitle title="Alerts and predictions" />
        <LiveBadge status={data.live} />
        <span className="spacer" />
        {shown && counts && (
          <span className="alert-counts" role="status" aria-live="polite">
            <strong data-testid="alert-count">{formatCount(shown.length)}</strong> shown ·{' '}
            <span className="severity-critical">{formatCount(counts.critical)} critical</span> ·{' '}
            <span className="severity-warning">{formatCount(counts.warning)} warning</span> ·{' '}
            {formatCount(counts.info)} info
          </span>
        )}
      </div>
      <AlertFilters filter={filter} kinds={kinds} onChange={changeFilter} />
      <div className="alerts-layout">
        <Panel title="Alerts" className="alerts-list-panel">
          {list.error instanceof ApiError && list.error.status === 404 ? (
            <p className="muted">
              This server does not evaluate alerts (it runs without the prediction loop).
            </p>
          ) : shown === undefined ? (
            <LoadStatus error={list.error} what="alerts" />
          ) : (
            <>
              {shown.length === 0 ? (
                <p className="muted">No alert matches this filter.</p>
              ) : (
                <AlertTable alerts={shown} selectedId={selectedId} onSelect={select} />
              )}
              {loaded && hasMore(loaded) && (
                <div className="alerts-more">
                  <span className="muted" data-testid="alert-loaded">
                    Showing {formatCount(loaded.items.length)} of {formatCount(matchingCount(loaded))}
                    {filter.text !== undefined ? ' (the text filter looks only at those)' : ''}
                  </span>
                  <button type="button" onClick={more.load} disabled={more.loading || list.loading}>
                    {more.loading ? 'Loading…' : 'Show more'}
                  </button>
                  {more.error && (
                    <span role="alert" className="error">
                      Could not load more alerts: {more.error.message}
                    </span>
                  )}
                </div>
              )}
            </>
          )}
        </Panel>
        <Panel
          title={selected ? `Details of ${selected.id}` : 'Details'}
          className="alert-detail-panel"
          actions={
            selectedId !== undefined ? (
              <button type="button" onClick={() => select(undefined)} aria-label="Close the details">
                Close
              </button>
            ) : undefined
          }
        >
          {selected ? (
            <AlertDetail alert={selected} onUpdated={data.update} />
          ) : selectedId !== undefined ? (
            <LoadStatus error={data.selectedError} what={`alert ${selectedId}`} />
          ) : (
            <p className="muted">Select an alert to see its evidence, its claim and what to do.</p>
          )}
        </Panel>
      </div>
      <Panel title="Accuracy of predictions" className="accuracy-panel">
        <AccuracyTable items={data.accuracy.data} error={data.accuracy.error} />
      </Panel>
    </div>
  );
}
