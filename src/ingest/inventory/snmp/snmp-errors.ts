// Why a poll failed, said so that the operator can act on it, and never with the community string:
// it is a password, and error messages end up in logs, API responses and issue reports.

/** The agent did not answer in time: usually a wrong community, port or ACL, or the host is down. */
export class SnmpTimeoutError extends Error {
  override readonly name = 'SnmpTimeoutError';
  constructor(
    message: string,
    readonly host: string,
    readonly port: number,
  ) {
    super(message);
  }
}

/** The agent answered something unusable (an error status, a malformed response). */
export class SnmpPollError extends Error {
  override readonly name = 'SnmpPollError';
  constructor(
    message: string,
    readonly host: string,
    readonly port: number,
  ) {
    super(message);
  }
}

/** `text` with every occurrence of `secret` replaced by `***` (an empty secret hides nothing). */
export function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('***');
}

/** Seconds for a message: `2`, `0.5`, `1.3`. */
export function formatSeconds(milliseconds: number): string {
  return String(Math.round(milliseconds / 100) / 10);
}
