import type { Problem } from '../contract';

/**
 * A failed API call: the server's problem+json when it sent one, or status 0 when the server
 * could not be reached at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
  }

  /** The problem the server answered, or a message made from the status when it sent none. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    const problem = parseProblem(text);
    const message = problem?.detail ?? `${response.status} ${response.statusText || 'error'}`;
    return new ApiError(response.status, message, problem);
  }

  static unreachable(cause: unknown): ApiError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(0, `cannot reach the infratwin server (${reason})`);
  }
}

function parseProblem(text: string): Problem | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    return typeof parsed.status === 'number' && typeof parsed.detail === 'string'
      ? (parsed as Problem)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an error is an aborted request: the view that asked is gone, nobody needs to know. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
