import { useEffect, useMemo, useRef, useState } from 'react';
import { isAbort } from '../../api/api-error';
import type { LiveFilter } from '../../api/live-connection';
import type { Alert } from '../../contract';
import { useAsync } from '../../hooks/use-async';
import { useLiveStream } from '../../hooks/use-live-stream';
import { useThrottled } from '../../hooks/use-throttled';
import { useSession } from '../../session/session-context';
import { type AlertFilter, alertsQueryString, matchesFilter, serverQuery } from './alert-filter';
import { type AlertNews, firstPage, withNews, withPage } from './alert-pages';

/** The most alerts the page asks for at once (the API's default limit); "Show more" asks for as many again. */
export const alertLimit = 1000;

/** A "Show more" under way or failed, for the server filter it was asked for. */
interface MoreState {
  key: string;
  loading: boolean;
  error?: Error;
}

/** Accuracy changes as predictions open and are judged; a burst of them folds into one refetch. */
const accuracyRefetchMs = 5_000;

/**
 * The alerts the filter asks for, a page at a time (`more` loads the next one and joins it), kept
 * current by the live stream; the selected alert (also when it left the list: acknowledged while
 * only open ones are shown); the accuracy per kind. `update` merges an alert the server answered
 * an action with.
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
    async (signal) => firstPage(await api.alertPage(serverQuery(serverFilter, alertLimit), signal)),
    [api, serverKey],
  );
  const items = list.data?.items;

  // The next page, on request; a new filter, a reload or leaving the page drops one under way.
  const [more, setMore] = useState<MoreState | undefined>();
  const moreRequest = useRef<AbortController | undefined>(undefined);
  const stopMore = () => {
    moreRequest.current?.abort();
    moreRequest.current = undefined;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new server filter or session is what ends a request
  useEffect(() => stopMore, [api, serverKey]);
  const moreHere = more?.key === serverKey ? more : undefined;
  const loadMore = () => {
    const loaded = list.data;
    // Not while the first page is asked again: the offset would be the old list's.
    if (loaded === undefined || list.loading || moreHere?.loading) return;
    stopMore();
    const controller = new AbortController();
    moreRequest.current = controller;
    const key = serverKey;
    setMore({ key, loading: true });
    api
      .alertPage({ ...serverQuery(serverFilter, alertLimit), offset: loaded.nextOffset }, controller.signal)
      .then(
        (page) => {
          if (controller.signal.aborted) return;
          moreRequest.current = undefined;
          list.setData((current) => current && withPage(current, page));
          setMore({ key, loading: false });
        },
        (failure: unknown) => {
          if (controller.signal.aborted || isAbort(failure)) return;
          moreRequest.current = undefined;
          setMore({
            key,
            loading: false,
            error: failure instanceof Error ? failure : new Error(String(failure)),
          });
        },
      );
  };
  const accuracy = useAsync((signal) => api.predictionAccuracy(signal), [api]);
  const refetchAccuracy = useThrottled(accuracy.reload, accuracyRefetchMs);

  // The selected alert when it is not in the list: fetched, then followed like the list.
  const [outside, setOutside] = useState<Alert | undefined>();
  const inList = selectedId === undefined ? undefined : items?.find((alert) => alert.id === selectedId);
  const needsFetch =
    selectedId !== undefined && items !== undefined && inList === undefined && outside?.id !== selectedId;
  const fetched = useAsync(
    async (signal) => (needsFetch && selectedId !== undefined ? api.alert(selectedId, signal) : undefined),
    [api, selectedId, needsFetch],
  );
  const selected =
    inList ??
    (outside?.id === selectedId ? outside : undefined) ??
    (fetched.data?.id === selectedId ? fetched.data : undefined);

  const update = (alert: Alert, news?: AlertNews) => {
    list.setData((current) => current && withNews(current, alert, serverFilter, news));
    if (alert.id === selectedId) setOutside(alert);
  };

  const liveFilter = useMemo<LiveFilter>(
    () => (filter.entity ? { ids: [filter.entity] } : {}),
    [filter.entity],
  );
  const live = useLiveStream(liveFilter, {
    onMessage(message) {
      if (message.type !== 'alert') return;
      update(message.alert, message.action);
      if (message.action === 'opened' || message.action === 'scored') refetchAccuracy();
    },
    onResync() {
      stopMore();
      setMore(undefined);
      list.reload();
      accuracy.reload();
    },
  });

  const shown = useMemo(() => items?.filter((alert) => matchesFilter(alert, filter)), [items, filter]);
  return {
    list,
    shown,
    more: { loading: moreHere?.loading ?? false, error: moreHere?.error, load: loadMore },
    selected,
    selectedError: fetched.error,
    accuracy,
    live,
    update,
  };
}
