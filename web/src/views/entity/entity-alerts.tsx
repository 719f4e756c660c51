import { applyAlertMessage, rankAlerts } from '../../alerts/alert-ranking';
import { ApiError } from '../../api/api-error';
import { AlertItem } from '../../components/alert-item';
import { LoadStatus } from '../../components/load-status';
import type { Alert, LiveAlertMessage } from '../../contract';
import type { Feed } from '../../hooks/feed';
import { useFeedListener } from '../../hooks/feed';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../session/session-context';

/** The active alerts that involve this entity, most severe first, kept current by the stream. */
export function EntityAlerts({ entityId, live }: { entityId: string; live: Feed<LiveAlertMessage> }) {
  const { api } = useSession();
  const alerts = useAsync(
    async (signal): Promise<Alert[]> =>
      rankAlerts(await api.alerts({ entity: entityId, status: ['open', 'acknowledged'] }, signal)),
    [api, entityId],
  );
  useFeedListener(live, (message) =>
    alerts.setData((current) => current && applyAlertMessage(current, message)),
  );

  if (alerts.error instanceof ApiError && alerts.error.status === 404) {
    return <p className="muted">This server does not evaluate alerts.</p>;
  }
  if (alerts.data === undefined) return <LoadStatus error={alerts.error} what="the alerts" />;
  if (alerts.data.length === 0) return <p className="muted">No active alerts.</p>;
  return (
    <ol className="alert-list" aria-label="Active alerts">
      {alerts.data.map((alert) => (
        <AlertItem key={alert.id} alert={alert} />
      ))}
    </ol>
  );
}
