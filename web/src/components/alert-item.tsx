import type { Alert } from '../contract';
import { formatCount } from '../format/format-number';
import { EntityLink } from './entity-link';
import { TimeAgo } from './time-ago';

/** One alert in a list: severity, what is wrong, where, since when. */
export function AlertItem({ alert }: { alert: Alert }) {
  return (
    <li className="alert-item">
      <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
      <div className="alert-body">
        <p className="alert-summary">{alert.summary}</p>
        <p className="alert-meta muted">
          <EntityLink id={alert.entityId} /> · {alert.kind} · since <TimeAgo ms={alert.firstSeenMs} />
          {alert.occurrences > 1 ? ` · seen ${formatCount(alert.occurrences)} times` : ''}
          {alert.status === 'acknowledged' ? ` · acknowledged by ${alert.acknowledgedBy ?? 'someone'}` : ''}
        </p>
      </div>
    </li>
  );
}
