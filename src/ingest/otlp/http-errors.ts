/**
 * The two OTLP/HTTP refusals that are not about the body's content, kept apart from InputError
 * (400) so the API can answer each with its own status. Domain code never speaks HTTP; the names
 * say which status the API's error handling should give them.
 */

/** The Content-Type or Content-Encoding is not one OTLP/HTTP defines: 415 Unsupported Media Type. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
}

/** The body, or what it inflates to, is larger than the receiver accepts: 413 Content Too Large. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  constructor(
    message: string,
    readonly limitBytes: number,
  ) {
    super(message);
  }
}
