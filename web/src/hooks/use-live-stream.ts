import { useEffect, useRef, useState } from 'react';
import { LiveConnection, type LiveFilter, type LiveHandlers, type LiveStatus } from '../api/live-connection';
import { useSession } from '../session/session-context';

/**
 * Streams /api/live while the component is mounted; no filter, no stream (yet). The latest
 * handlers are always the ones called, so they may close over fresh state. A refused token signs
 * the user out.
 */
export function useLiveStream(filter: LiveFilter | undefined, handlers: LiveHandlers): LiveStatus {
  const { token, signOut } = useSession();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  const filterKey = filter === undefined ? undefined : JSON.stringify(filter);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `filterKey` stands for `filter`, which is a new object each render
  useEffect(() => {
    if (filter === undefined) return;
    const connection = new LiveConnection({
      token,
      filter,
      onMessage: (message) => latest.current.onMessage(message),
      onResync: () => latest.current.onResync?.(),
      onStatus: (next) => {
        setStatus(next);
        latest.current.onStatus?.(next);
        if (next === 'refused') signOut('The live stream refused your token (revoked?): sign in again.');
      },
    });
    connection.open();
    return () => connection.close();
  }, [filterKey, token, signOut]);

  return status;
}
