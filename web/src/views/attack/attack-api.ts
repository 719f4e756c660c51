import { useMemo } from 'react';
import { HttpClient } from '../../api/http-client';
import { useSession } from '../../session/session-context';
import type {
  AssetExplanationResult,
  AttackAnalysisRequest,
  AttackAnalysisResult,
  DefenseEvaluationResult,
  DefenseRequest,
  ExplanationRequest,
} from './attack-contract';

/** The attack routes (docs/attack.md, API and CLI), typed by the contract. */
export interface AttackApi {
  /** POST /api/attack/analyses (viewer): read-only. */
  analyse(request: AttackAnalysisRequest, signal?: AbortSignal): Promise<AttackAnalysisResult>;
  /** POST /api/attack/explanations (viewer): the derivation tree of a hold. */
  explain(request: ExplanationRequest, signal?: AbortSignal): Promise<AssetExplanationResult>;
  /** POST /api/attack/defenses (operator): forks the twin, applies the defenses there, compares. */
  defend(request: DefenseRequest, signal?: AbortSignal): Promise<DefenseEvaluationResult>;
}

const revokedNotice = 'The server no longer accepts your token (revoked?): sign in again.';

export function createAttackApi(http: HttpClient): AttackApi {
  return {
    analyse: (request, signal) =>
      http.post<AttackAnalysisResult>('/api/attack/analyses', request, {}, signal),
    explain: (request, signal) =>
      http.post<AssetExplanationResult>('/api/attack/explanations', request, {}, signal),
    defend: (request, signal) =>
      http.post<DefenseEvaluationResult>('/api/attack/defenses', request, {}, signal),
  };
}

/** The attack routes with the signed-in token; a token the server refuses signs out, as everywhere. */
export function useAttackApi(): AttackApi {
  const { token, signOut } = useSession();
  return useMemo(
    () => createAttackApi(new HttpClient({ token, onUnauthorized: () => signOut(revokedNotice) })),
    [token, signOut],
  );
}
