import { useMemo } from 'react';
import { HttpClient } from '../../api/http-client';
import type { List } from '../../contract';
import { useSession } from '../../session/session-context';
import type { ScenarioResult, ScenarioSummary } from './scenario-types';

/** The scenario routes (docs/api.md, Scenarios): list and read need a viewer, run an operator. */
export interface ScenarioApi {
  /** The latest runs this server kept, newest first. */
  list(signal?: AbortSignal): Promise<ScenarioSummary[]>;
  /** One whole result, by its fork id (404 once the server dropped it). */
  result(fork: string, signal?: AbortSignal): Promise<ScenarioResult>;
  /** Runs a scenario spec (an object in the scenario format, docs/simulate.md): 201 with its result. */
  run(spec: unknown, signal?: AbortSignal): Promise<ScenarioResult>;
}

const revokedNotice = 'The server no longer accepts your token (revoked?): sign in again.';

export function createScenarioApi(http: HttpClient): ScenarioApi {
  return {
    async list(signal) {
      return (await http.get<List<ScenarioSummary>>('/api/scenarios', {}, signal)).items;
    },
    result: (fork, signal) =>
      http.get<ScenarioResult>(`/api/scenarios/${encodeURIComponent(fork)}`, {}, signal),
    run: (spec, signal) => http.post<ScenarioResult>('/api/scenarios', spec, {}, signal),
  };
}

/**
 * The scenario routes with the signed-in token. The shared TwinApi has no scenario routes yet;
 * this client is built the same way (HttpClient, sign-out when the token is refused).
 */
export function useScenarioApi(): ScenarioApi {
  const { token, signOut } = useSession();
  return useMemo(
    () => createScenarioApi(new HttpClient({ token, onUnauthorized: () => signOut(revokedNotice) })),
    [token, signOut],
  );
}
