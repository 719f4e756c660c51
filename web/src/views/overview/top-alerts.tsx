import { ApiError } from '../../api/api-error';
import { AlertItem } from '../../components/alert-item';
import { LoadStatus } from '../../components/load-status';
import type { Alert } from '../../contract';
import { formatCount } from '../../format/format-number';

/** How many of the most pressing alerts the overview lists. */
export const topAlertCount = 10;

/** The most pressing active alerts, most severe first; the rest are counted. */
export function TopAlerts({ alerts, error }: { alerts: Alert[] | undefined; error: Error | undefined }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <p className="muted">This server does not evaluate alerts (it runs without the prediction loop).</p>
    );
  }
  if (alerts === undefined) return <LoadStatus error={error} what="alerts" />;
  if (alerts.length === 0) return <p className="muted">No open alerts.</p>;
  const shown = alerts.slice(0, topAlertCount);
  return (
    <>
      <ol className="alert-list" aria-label="Most pressing alerts">
        {shown.map((alert) => (
          <AlertItem key={alert.id} alert={alert} />
        ))}
      </ol>
      {alerts.length > shown.length && (
        <p className="muted">
          and {formatCount(alerts.length - shown.length)} more active alert
          {alerts.length - shown.length === 1 ? '' : 's'}.
        </p>
      )}
    </>
  );
}
