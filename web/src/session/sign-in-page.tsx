import { type FormEvent, useId, useState } from 'react';
import { signInErrorMessage } from './sign-in-messages';

export interface SignInPageProps {
  /** Resolves once the token is accepted; rejects with the API's error otherwise. */
  onSignIn(token: string): Promise<void>;
  /** Why the user is here again (a revoked token, an unreachable server), if not by choice. */
  notice?: string | undefined;
  /** Offered when a saved token could not be checked because the server did not answer. */
  onRetrySaved?: (() => void) | undefined;
}

/** Paste a token, have it checked by the server, get in; a bad token says why, in place. */
export function SignInPage({ onSignIn, notice, onRetrySaved }: SignInPageProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const errorId = useId();
  const hintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = token.trim();
    if (candidate === '') {
      setError('Paste a token first.');
      return;
    }
    setChecking(true);
    setError(undefined);
    try {
      await onSignIn(candidate);
    } catch (failure) {
      setError(signInErrorMessage(failure));
      setChecking(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">Sign in to infratwin</h1>
        {notice !== undefined && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor="token">Access token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="itw_…"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error !== undefined}
          aria-describedby={error !== undefined ? `${errorId} ${hintId}` : hintId}
          // biome-ignore lint/a11y/noAutofocus: the sign-in page has one job, and this field is it
          autoFocus
        />
        <p id={hintId} className="hint">
          <code>infratwin demo</code> and the first <code>infratwin serve</code> print an admin token; more
          come from <code>infratwin tokens create</code>. It stays in this tab only.
        </p>
        {error !== undefined && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={checking}>
            {checking ? 'Checking…' : 'Sign in'}
          </button>
          {onRetrySaved !== undefined && (
            <button type="button" onClick={onRetrySaved}>
              Try the saved token again
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
