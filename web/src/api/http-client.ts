import { ApiError } from './api-error';

export type QueryValue = string | number | boolean | undefined;
export type Query = Readonly<Record<string, QueryValue | readonly string[]>>;

export interface HttpClientOptions {
  token: string;
  /** Origin of the API; empty for the one that served the UI. */
  baseUrl?: string;
  /** Called when the server no longer accepts the token (revoked): the shell signs out. */
  onUnauthorized?: (error: ApiError) => void;
}

/** JSON over fetch with the bearer token; every failure becomes an ApiError. */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, query, undefined, signal);
  }

  post<T>(path: string, body: unknown, query: Query = {}, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', path, query, body, signal);
  }

  private async request<T>(
    method: string,
    path: string,
    query: Query,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl ?? ''}${path}${queryString(query)}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw ApiError.unreachable(error);
    }
    if (!response.ok) {
      const error = await ApiError.fromResponse(response);
      if (error.status === 401) this.options.onUnauthorized?.(error);
      throw error;
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
