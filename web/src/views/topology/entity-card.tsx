import { useMemo } from 'react';
import { mergeLiveState } from '../../api/merge-live-state';
import { HealthBadge } from '../../components/health-badge';
import { LoadStatus } from '../../components/load-status';
import { formatMetric } from '../../format/format-metric';
import { useAsync } from '../../hooks/use-async';
import { metricSpec, useKindCatalog } from '../../hooks/use-kind-catalog';
import { useLiveStream } from '../../hooks/use-live-stream';
import { Link } from '../../routing/link';
import { entityPath } from '../../routing/route';
import { useSession } from '../../session/session-context';

const metricsShown = 8;

/**
 * The entity found in the graph: its health and latest metrics, live (a stream of its own: the
 * map's carries health changes only), and the way to its page.
 */
export function EntityCard({ id }: { id: string }) {
  const { api } = useSession();
  const catalog = useKindCatalog();
  const entity = useAsync((signal) => api.entity(id, signal), [api, id]);
  const filter = useMemo(() => ({ ids: [id] }), [id]);
  useLiveStream(filter, {
    onMessage(message) {
      if (message.type === 'state' && message.entityId === id)
        entity.setData((current) => current && mergeLiveState(current, message));
    },
    onResync: entity.reload,
  });

  if (entity.data === undefined || entity.data.id !== id)
    return <LoadStatus error={entity.error} what={id} />;
  const { name, kind, state } = entity.data;
  const metrics = Object.entries(state.metrics).slice(0, metricsShown);
  return (
    <div className="entity-card">
      <p className="entity-card-title">
        <strong>{name}</strong> <span className="muted">{kind}</span> <HealthBadge health={state.health} />
      </p>
      <p className="mono muted">{id}</p>
      {state.reasons.length > 0 && (
        <ul className="reasons">
          {state.reasons.map((reason) => (
            <li key={reason.metric} className={`health-${reason.level}`}>
              {reason.metric} {formatMetric(reason.value, metricSpec(catalog, kind, reason.metric)?.unit)}{' '}
              (limit {formatMetric(reason.limit, metricSpec(catalog, kind, reason.metric)?.unit)})
            </li>
          ))}
        </ul>
      )}
      {metrics.length > 0 && (
        <dl className="metric-list">
          {metrics.map(([metric, value]) => (
            <div key={metric}>
              <dt>{metric}</dt>
              <dd>{formatMetric(value.value, metricSpec(catalog, kind, metric)?.unit)}</dd>
            </div>
          ))}
        </dl>
      )}
      <Link to={entityPath(id)} className="button-link">
        Open the entity page
      </Link>
    </div>
  );
}
