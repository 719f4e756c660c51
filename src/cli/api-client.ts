/** What the CLI needs from the API, over HTTP or in-process: one code path for both. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw text body (estate files) with its content type. */
  text?: string;
  contentType?: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  onUploadProgress?: (sentBytes: number, totalBytes: number) => void;
}

export interface ApiClient {
  /** Where requests go, for messages. */
  readonly target: string;
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** RFC 9457 problem details as the API answers them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  issues?: Array<{ message: string; field?: string; file?: string; line?: number; column?: number }>;
}

/** An API answer with an error status, carrying its problem details for the CLI to print. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function buildPath(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Throws ApiError for a non-2xx answer; returns the body otherwise. */
export async function call<T>(
  client: ApiClient,
  method: string,
  path: string,
  options?: RequestOptions,
): Promise<T> {
  const response = await client.request(method, path, options);
  if (response.status >= 400) {
    const problem = (
      typeof response.body === 'object' && response.body !== null ? response.body : {}
    ) as Problem;
    throw new ApiError(response.status, problem);
  }
  return response.body as T;
}

export function entityPath(id: string, suffix = ''): string {
  return `/api/entities/${encodeURIComponent(id)}${suffix}`;
}
