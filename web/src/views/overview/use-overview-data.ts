import { useEffect, useState } from 'react';
import { applyAlertMessage, rankAlerts } from '../../alerts/alert-ranking';
import type { LiveFilter } from '../../api/live-connection';
import { useAsync } from '../../hooks/use-async';
import { useLiveStream } from '../../hooks/use-live-stream';
import { useThrottled } from '../../hooks/use-throttled';
import { useSession } from '../../session/session-context';
import { HealthChangeDetector } from './health-change-detector';

/**
 * Every entity, alert and change set: the overview follows the whole twin, but of an entity's
 * state only its health, so the server sends a state message only when a health changes.
 */
const everyHealthChange: LiveFilter = { states: 'health' };
/** Bursts of health changes (a failed cooling unit warms a room) fold into one refetch. */
const summaryRefetchMs = 2_000;

/**
 * The summary and the active alerts, kept current by the live stream: alerts are patched from
 * their messages; the summary's counts are fetched again when a message may have changed them.
 */
export function useOverviewData() {
  const { api } = useSession();
  const summary = useAsync((signal) => api.summary(signal), [api]);
  const alerts = useAsync(
    async (signal) => rankAlerts(await api.alerts({ status: ['open', 'acknowledged'] }, signal)),
    [api],
  );
  const [detector] = useState(() => new HealthChangeDetector());
  useEffect(() => {
    if (summary.data !== undefined) detector.compareWith(summary.data);
  }, [detector, summary.data]);
  const refetchSummary = useThrottled(summary.reload, summaryRefetchMs);

  const live = useLiveStream(everyHealthChange, {
    onMessage(message) {
      if (message.type === 'state') {
        if (detector.observe(message.entityId, message.kind, message.health)) refetchSummary();
      } else if (message.type === 'change') {
        refetchSummary();
      } else if (message.type === 'alert') {
        alerts.setData((current) => current && applyAlertMessage(current, message));
      }
    },
    onResync() {
      summary.reload();
      alerts.reload();
    },
  });
  return { summary, alerts, live };
}
