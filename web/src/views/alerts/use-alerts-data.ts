import { useMemo, useState } from 'react';
import type { LiveFilter } from '../../api/live-connection';
import type { Alert } from '../../contract';
import { useAsync } from '../../hooks/use-async';
import { useLiveStream } from '../../hooks/use-live-stream';
import { useThrottled } from '../../hooks/use-throttled';
import { useSession } from '../../session/session-context';
import { type AlertFilter, alertsQueryString, matchesFilter, serverQuery } from './alert-filter';
import { mergeAlert, sortAlerts } from './alert-list';

/** The most alerts the page asks for at once (the API's default limit). */
export const alertLimit = 1000;

/** Accuracy changes as predictions open and are judged; a burst of them folds into one refetch. */
const accuracyRefetchMs = 5_000;

/**
 * The alerts the filter asks for, kept current by the live stream; the selected alert (also when
 * it left the list: acknowledged while only open ones are shown); the accuracy per kind. `update`
 * merges an alert the server answered an action with.
 */
export function useAlertsData(filter: AlertFilter, selectedId: string | undefined) {
  const { api } = useSession();
  // The server filters by everything but the text; typing text filters what is loaded.
  const serverFilter = useMemo<AlertFilter>(() => {
    const { text: _text, ...rest } = filter;
    return rest;
  }, [filter]);
  const serverKey = alertsQueryString({ filter: serverFilter });
  const list = useAsync(
    async (signal) => sortAlerts(await api.alerts(serverQuery(serverFilter, alertLimit), signal)),
    [api, serverKey],
  );
  const accuracy = useAsync((signal) => api.predictionAccuracy(signal), [api]);
  const refetchAccuracy = useThrottled(accuracy.reload, accuracyRefetchMs);

  // The selected alert when it is not in the list: fetched, then followed like the list.
  const [outside, setOutside] = useState<Alert | undefined>();
  const inList = selectedId === undefined ? undefined : list.data?.find((alert) => alert.id === selectedId);
  const needsFetch =
    selectedId !== undefined && list.data !== undefined && inList === undefined && outside?.id !== selectedId;
  const fetched = useAsync(
    async (signal) => (needsFetch && selectedId !== undefined ? api.alert(selectedId, signal) : undefined),
    [api, selectedId, needsFetch],
  );
  const selected =
    inList ??
    (outside?.id === selectedId ? outside : undefined) ??
    (fetched.data?.id === selectedId ? fetched.data : undefined);

  const update = (alert: Alert) => {
    list.setData((current) => current && mergeAlert(current, alert, serverFilter));
    if (alert.id === selectedId) setOutside(alert);
  };

  const liveFilter = useMemo<LiveFilter>(
    () => (filter.entity ? { ids: [filter.entity] } : {}),
    [filter.entity],
  );
  const live = useLiveStream(liveFilter, {
    onMessage(message) {
      if (message.type !== 'alert') return;
      update(message.alert);
      if (message.action === 'opened' || message.action === 'scored') refetchAccuracy();
    },
    onResync() {
      list.reload();
      accuracy.reload();
    },
  });

  const shown = useMemo(
    () => list.data?.filter((alert) => matchesFilter(alert, filter)),
    [list.data, filter],
  );
  return {
    list,
    shown,
    selected,
    selectedError: fetched.error,
    accuracy,
    live,
    update,
  };
}
