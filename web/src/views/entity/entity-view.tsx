import { useMemo, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { LiveFilter, LiveStatus } from '../../api/live-connection';
import { mergeLiveState } from '../../api/merge-live-state';
import { HealthBadge } from '../../components/health-badge';
import { LiveBadge } from '../../components/live-badge';
import { LoadStatus } from '../../components/load-status';
import { PageTitle } from '../../components/page-title';
import { Panel } from '../../components/panel';
import type { Entity, LiveAlertMessage, LiveStateMessage } from '../../contract';
import { type Feed, useFeed } from '../../hooks/feed';
import { useAsync } from '../../hooks/use-async';
import { useKindCatalog } from '../../hooks/use-kind-catalog';
import { useLiveStream } from '../../hooks/use-live-stream';
import { Link } from '../../routing/link';
import { type Route, routePath } from '../../routing/route';
import { useSession } from '../../session/session-context';
import { ChangeHistory } from './change-history';
import { EntityAlerts } from './entity-alerts';
import { defaultHistoryRange } from './history-range';
import { MetricCharts } from './metric-charts';
import { MetricTable } from './metric-table';
import { PropsPanel } from './props-panel';
import { RangePicker } from './range-picker';
import { RelationsPanel } from './relations-panel';

/** One entity: its live metrics and their history, alerts, props, labels, relations and changes. */
export function EntityView({ route }: { route: Route }) {
  const id = route.view === 'entity' ? route.id : '';
  const { api } = useSession();
  const entity = useAsync((signal) => api.entity(id, signal), [api, id]);
  const stateFeed = useFeed<LiveStateMessage>();
  const alertFeed = useFeed<LiveAlertMessage>();
  const [changes, setChanges] = useState(0);
  const filter = useMemo<LiveFilter>(() => ({ ids: [id] }), [id]);
  const live = useLiveStream(entity.data ? filter : undefined, {
    onMessage(message) {
      if (message.type === 'state') {
        entity.setData((current) => current && mergeLiveState(current, message));
        stateFeed.emit(message);
      } else if (message.type === 'alert') {
        alertFeed.emit(message);
      } else if (message.type === 'change' && message.fork === undefined) {
        // Props, labels or relations changed: read them again.
        entity.reload();
        setChanges((count) => count + 1);
      }
    },
    onResync: entity.reload,
  });

  if (entity.data === undefined) {
    if (entity.error instanceof ApiError && entity.error.status === 404) return <MissingEntity id={id} />;
    return (
      <div className="view">
        <LoadStatus error={entity.error} what={id} />
      </div>
    );
  }
  return (
    <div className="view entity">
      <EntityHeader entity={entity.data} live={live} />
      <EntityPanels entity={entity.data} stateFeed={stateFeed} alertFeed={alertFeed} changes={changes} />
    </div>
  );
}

function EntityHeader({ entity, live }: { entity: Entity; live: LiveStatus }) {
  return (
    <>
      <div className="view-header">
        <PageTitle title={entity.name} />
        <span className="kind-chip">{entity.kind}</span>
        <HealthBadge health={entity.state.health} />
        <LiveBadge status={live} />
        <span className="spacer" />
        <Link to={routePath({ view: 'topology', focus: entity.id })} className="button-link">
          Show in topology
        </Link>
      </div>
      <p className="mono muted entity-id">{entity.id}</p>
    </>
  );
}

interface PanelsProps {
  entity: Entity;
  stateFeed: Feed<LiveStateMessage>;
  alertFeed: Feed<LiveAlertMessage>;
  /** How many live change messages arrived: the history reads again when it moves. */
  changes: number;
}

function EntityPanels({ entity, stateFeed, alertFeed, changes }: PanelsProps) {
  const catalog = useKindCatalog();
  const [range, setRange] = useState(defaultHistoryRange);
  return (
    <div className="entity-grid">
      <div className="entity-column">
        <Panel title="Live metrics">
          <MetricTable entity={entity} catalog={catalog} />
        </Panel>
        <Panel title="History" actions={<RangePicker value={range} onChange={setRange} />}>
          <MetricCharts entity={entity} range={range} live={stateFeed} />
        </Panel>
      </div>
      <div className="entity-column">
        <Panel title="Alerts">
          <EntityAlerts entityId={entity.id} live={alertFeed} />
        </Panel>
        <Panel title="Props and labels">
          <PropsPanel entity={entity} catalog={catalog} />
        </Panel>
        <Panel title="Relations">
          <RelationsPanel entityId={entity.id} />
        </Panel>
        <Panel title="Change history">
          <ChangeHistory entityId={entity.id} version={changes} />
        </Panel>
      </div>
    </div>
  );
}

function MissingEntity({ id }: { id: string }) {
  return (
    <div className="view">
      <PageTitle title="No such entity" />
      <p>
        The twin has no entity <code>{id}</code>. It may have been removed, or the link may be wrong.{' '}
        <Link to="/">Go to the overview</Link>.
      </p>
    </div>
  );
}
