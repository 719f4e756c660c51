import { useMemo } from 'react';
import { HttpClient } from '../../api/http-client';
import type { Alert, KindAccuracy, List } from '../../contract';
import { useSession } from '../../session/session-context';
import { type AlertFilter, serverQuery } from './alert-filter';

/** The most alerts the page asks for at once (the API's default limit). */
export const alertLimit = 1000;

export type AlertAction = 'acknowledge' | 'resolve';

/** The alert routes this page uses beyond the shared client's (docs/api.md, Alerts and predictions). */
export interface AlertsApi {
  list(filter: AlertFilter, signal?: AbortSignal): Promise<Alert[]>;
  get(id: string, signal?: AbortSignal): Promise<Alert>;
  /** The alert after the action, as the server answers it; a problem+json error as ApiError. */
  act(id: string, action: AlertAction): Promise<Alert>;
  accuracy(signal?: AbortSignal): Promise<KindAccuracy[]>;
}

export function createAlertsApi(http: HttpClient): AlertsApi {
  const alertPath = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;
  return {
    async list(filter, signal) {
      return (await http.get<List<Alert>>('/api/alerts', serverQuery(filter, alertLimit), signal)).items;
    },
    get: (id, signal) => http.get<Alert>(alertPath(id), {}, signal),
    act: (id, action) => http.post<Alert>(`${alertPath(id)}/${action}`, undefined),
    async accuracy(signal) {
      return (await http.get<List<KindAccuracy>>('/api/predictions/accuracy', {}, signal)).items;
    },
  };
}

const revokedNotice = 'The server no longer accepts your token (revoked?): sign in again.';

/** The alert routes with the signed-in token; a refused token signs out, as the shared client does. */
export function useAlertsApi(): AlertsApi {
  const { token, signOut } = useSession();
  return useMemo(
    () => createAlertsApi(new HttpClient({ token, onUnauthorized: () => signOut(revokedNotice) })),
    [token, signOut],
  );
}
