import { LiveBadge } from '../../components/live-badge';
import { LoadStatus } from '../../components/load-status';
import { PageTitle } from '../../components/page-title';
import { Panel } from '../../components/panel';
import { formatCount } from '../../format/format-number';
import { HealthTiles } from './health-tiles';
import { KindTable } from './kind-table';
import { TopAlerts } from './top-alerts';
import { useOverviewData } from './use-overview-data';

/** The estate's health at a glance: counts by health and kind, and what needs attention first. */
export function OverviewView() {
  const { summary, alerts, live } = useOverviewData();
  const activeAlerts = alerts.data?.length;
  return (
    <div className="view overview">
      <div className="view-header">
        <PageTitle title="Overview" />
        <LiveBadge status={live} />
        <span className="spacer" />
        {summary.data && <span className="muted">change set {formatCount(summary.data.seq)}</span>}
      </div>
      {summary.data ? (
        <HealthTiles summary={summary.data} />
      ) : (
        <LoadStatus error={summary.error} what="the summary" />
      )}
      <div className="overview-columns">
        <Panel
          title={
            activeAlerts === undefined ? 'Top alerts' : `Top alerts (${formatCount(activeAlerts)} active)`
          }
        >
          <TopAlerts alerts={alerts.data} error={alerts.error} />
        </Panel>
        <Panel title="By kind">
          {summary.data ? (
            <KindTable summary={summary.data} />
          ) : (
            <LoadStatus error={summary.error} what="the counts" />
          )}
        </Panel>
      </div>
    </div>
  );
}
