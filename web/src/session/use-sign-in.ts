import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-error';
import { HttpClient } from '../api/http-client';
import { createTwinApi } from '../api/twin-api';
import type { SignedIn } from './session-context';
import { signInErrorMessage } from './sign-in-messages';
import { tokenStorage } from './token-storage';

export type SignInState =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice?: string; canRetrySaved?: boolean }
  | { phase: 'signed-in'; signedIn: SignedIn };

const revokedNotice = 'The server no longer accepts your token (revoked?): sign in again.';

/**
 * The session's life: a token saved in this tab is checked again on load; a pasted one is checked
 * before it is saved; a token the server stops accepting (a 401 on any call, or the live stream
 * refused) signs the user out with a notice.
 */
export function useSignIn() {
  const [state, setState] = useState<SignInState>(() =>
    tokenStorage.read() === undefined ? { phase: 'signed-out' } : { phase: 'checking' },
  );

  const signOut = useCallback((notice?: string) => {
    tokenStorage.clear();
    setState(notice === undefined ? { phase: 'signed-out' } : { phase: 'signed-out', notice });
  }, []);

  const signIn = useCallback(
    async (token: string) => {
      let accepted = false;
      const http = new HttpClient({
        token,
        onUnauthorized: () => {
          if (accepted) signOut(revokedNotice);
        },
      });
      const api = createTwinApi(http);
      const session = await api.session();
      accepted = true;
      tokenStorage.write(token);
      setState({
        phase: 'signed-in',
        signedIn: { session, token, api, signOut: (notice?: string) => signOut(notice) },
      });
    },
    [signOut],
  );

  const resumeSaved = useCallback(() => {
    const saved = tokenStorage.read();
    if (saved === undefined) return;
    setState({ phase: 'checking' });
    signIn(saved).catch((error: unknown) => {
      const unreachable = error instanceof ApiError && error.status === 0;
      if (!unreachable) tokenStorage.clear();
      setState({ phase: 'signed-out', notice: signInErrorMessage(error), canRetrySaved: unreachable });
    });
  }, [signIn]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: checks the saved token once, on load
  useEffect(resumeSaved, []);

  return { state, signIn, signOut, resumeSaved };
}
