/**
 * No valid credentials: answered 401 with `WWW-Authenticate: Bearer`. An API concept, not a
 * domain one, so it lives here rather than beside the model's errors.
 */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  /** True when a token was sent but is unknown or revoked (RFC 6750 `invalid_token`). */
  readonly invalidToken: boolean;
  constructor(message: string, invalidToken = false) {
    super(message);
    this.invalidToken = invalidToken;
  }
}
