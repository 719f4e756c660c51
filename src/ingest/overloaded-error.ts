/** The receiver is saturated: the sender should retry after `retryAfterSeconds` (HTTP 503). */
export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
