import { ApiError } from '../api/api-error';

/** What went wrong with a token, in words that say what to do next. */
export function signInErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return `Signing in failed: ${String(error)}`;
  if (error.status === 401) {
    return 'This token is unknown or revoked. Paste the whole token (it starts with itw_), or ask an admin for a new one.';
  }
  if (error.status === 403) {
    return `This token cannot read the twin: ${error.message}. Sign in with a viewer, operator or admin token.`;
  }
  if (error.status === 0) return `${error.message}. Is the server running?`;
  return `Signing in failed: ${error.message}`;
}
