// Reads every endpoint the importer maps from a live NetBox over its REST API: GET with the
// token, page after page along the `next` links, into the same shape a saved export reads into.
//
// Only `next` links on the origin of the configured URL are followed: a NetBox answer (or
// something pretending to be one) cannot send the token, or the importer, anywhere else. Redirects
// are not followed either. Errors never contain the token.
import { isRecord } from '../json-fields.js';
import { type NetboxEndpoint, type NetboxExport, netboxEndpoints } from './netbox-objects.js';

export interface NetboxProgress {
  readonly endpoint: NetboxEndpoint;
  /** Objects fetched so far from this endpoint. */
  readonly fetched: number;
  /** What NetBox said the endpoint holds, when it said. */
  readonly count?: number;
}

export interface FetchNetboxOptions {
  /** NetBox's address, e.g. `https://netbox.example.com` (with or without `/api`; a sub-path is kept). */
  url: string;
  /** An API token: `Token <token>` is sent, or `Bearer <token>` for a v2 token (`nbt_…`, NetBox 4.5+). */
  token: string;
  /** The fetch to use (tests, proxies); the global one by default. */
  fetch?: typeof globalThis.fetch;
  /** Objects per page (`limit`); NetBox caps it at its MAX_PAGE_SIZE, 1000 by default. */
  pageSize?: number;
  /** The endpoints to read; all the importer maps by default. */
  endpoints?: readonly NetboxEndpoint[];
  /** Called after every page. */
  onProgress?: (progress: NetboxProgress) => void;
  /** Endpoints read at once. */
  concurrency?: number;
  /** Time allowed for one page. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Why reading NetBox failed; `status` when NetBox answered. */
export class NetboxFetchError extends Error {
  override readonly name = 'NetboxFetchError';
  constructor(
    message: string,
    readonly endpoint?: NetboxEndpoint,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** `https://host/netbox` → `https://host/netbox/api/`. */
export function netboxApiBase(url: string): URL {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new NetboxFetchError(`'${url}' is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new NetboxFetchError(`NetBox's URL must be http or https, not ${base.protocol}`);
  }
  if (base.username || base.password) throw new NetboxFetchError("NetBox's URL must not hold credentials");
  const path = base.pathname.replace(/\/+$/, '');
  base.pathname = `${path.endsWith('/api') ? path : `${path}/api`}/`;
  base.search = '';
  base.hash = '';
  return base;
}

/** The Authorization header for a token as NetBox shows it, with or without its scheme. */
export function netboxAuthorization(token: string): string {
  const trimmed = token.trim();
  if (trimmed === '') throw new NetboxFetchError('no NetBox API token');
  if (/^(?:Token|Bearer)\s+\S/i.test(trimmed)) return trimmed;
  return trimmed.startsWith('nbt_') ? `Bearer ${trimmed}` : `Token ${trimmed}`;
}

interface Page {
  readonly results: readonly unknown[];
  readonly count?: number;
  readonly next?: string;
}

/** Device and VM pages skip their rendered config context, the heaviest field NetBox computes. */
const heavy = new Set<NetboxEndpoint>(['dcim/devices', 'virtualization/virtual-machines']);

class NetboxReader {
  readonly #base: URL;
  readonly #authorization: string;
  readonly #fetch: typeof globalThis.fetch;
  readonly #timeoutMs: number;
  readonly #stop = new AbortController();
  version: string | undefined;

  constructor(private readonly options: FetchNetboxOptions) {
    this.#base = netboxApiBase(options.url);
    this.#authorization = netboxAuthorization(options.token);
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  stop(): void {
    this.#stop.abort();
  }

  async endpoint(endpoint: NetboxEndpoint): Promise<unknown[]> {
    const first = new URL(`${endpoint}/`, this.#base);
    first.searchParams.set('limit', String(this.options.pageSize ?? 1000));
    if (heavy.has(endpoint)) first.searchParams.set('exclude', 'config_context');
    const results: unknown[] = [];
    const visited = new Set<string>();
    let next: URL | undefined = first;
    while (next !== undefined) {
      if (next.origin !== this.#base.origin) {
        throw new NetboxFetchError(
          `NetBox's next page of ${endpoint} is on ${next.origin}, not ${this.#base.origin}: refused ` +
            '(behind a proxy, NetBox needs the original scheme and host: USE_X_FORWARDED_HOST, SECURE_PROXY_SSL_HEADER)',
          endpoint,
        );
      }
      if (visited.has(next.href)) {
        throw new NetboxFetchError(
          `NetBox's pages of ${endpoint} loop back to ${next.pathname}${next.search}`,
          endpoint,
        );
      }
      visited.add(next.href);
      const page = await this.page(next, endpoint);
      for (const item of page.results) results.push(item);
      this.options.onProgress?.({
        endpoint,
        fetched: results.length,
        ...(page.count !== undefined && { count: page.count }),
      });
      next = page.next === undefined ? undefined : this.nextUrl(page.next, next, endpoint);
    }
    return results;
  }

  nextUrl(text: string, current: URL, endpoint: NetboxEndpoint): URL {
    try {
      return new URL(text, current);
    } catch {
      throw new NetboxFetchError(`NetBox's next link for ${endpoint} is not a URL`, endpoint);
    }
  }

  async page(url: URL, endpoint: NetboxEndpoint): Promise<Page> {
    const origin = this.#base.origin;
    const signals = [this.#stop.signal, AbortSignal.timeout(this.#timeoutMs)];
    if (this.options.signal) signals.push(this.options.signal);
    let response: Response;
    try {
      response = await this.#fetch(url, {
        headers: { Authorization: this.#authorization, Accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (this.options.signal?.aborted || this.#stop.signal.aborted) throw error;
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new NetboxFetchError(
          `NetBox at ${origin} did not answer ${endpoint} within ${this.#timeoutMs / 1000} s`,
          endpoint,
        );
      }
      throw new NetboxFetchError(`could not reach NetBox at ${origin}: ${causeOf(error)}`, endpoint);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new NetboxFetchError(
        `NetBox refused the token (HTTP ${response.status} for ${endpoint})`,
        endpoint,
        response.status,
      );
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      throw new NetboxFetchError(
        `NetBox redirected ${endpoint} (HTTP ${response.status}${location ? ` to ${location}` : ''}); ` +
          'give the address it redirects to as the URL',
        endpoint,
        response.status,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new NetboxFetchError(
        `NetBox answered HTTP ${response.status} for ${endpoint}${detailOf(text)}`,
        endpoint,
        response.status,
      );
    }
    this.version ??= response.headers.get('api-version') ?? undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new NetboxFetchError(`NetBox's answer for ${endpoint} is not JSON (${type})`, endpoint);
    }
    return pageOf(json, endpoint);
  }
}

function pageOf(json: unknown, endpoint: NetboxEndpoint): Page {
  if (!isRecord(json) || !Array.isArray(json.results)) {
    throw new NetboxFetchError(`NetBox's answer for ${endpoint} is not a page of results`, endpoint);
  }
  return {
    results: json.results,
    ...(typeof json.count === 'number' && { count: json.count }),
    ...(typeof json.next === 'string' && json.next !== '' && { next: json.next }),
  };
}

/** NetBox's `{"detail": …}`, short, when the body has one. */
function detailOf(text: string): string {
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    return typeof detail === 'string' ? `: ${detail.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** Reads every endpoint (several at once), following `next` links; rejects on the first failure. */
export async function fetchNetbox(options: FetchNetboxOptions): Promise<NetboxExport> {
  const reader = new NetboxReader(options);
  const endpoints = [...(options.endpoints ?? netboxEndpoints)];
  const fetched = new Map<NetboxEndpoint, unknown[]>();
  const queue = [...endpoints];
  const worker = async () => {
    for (let endpoint = queue.shift(); endpoint !== undefined; endpoint = queue.shift()) {
      fetched.set(endpoint, await reader.endpoint(endpoint));
    }
  };
  const parallel = Math.max(1, Math.min(options.concurrency ?? 4, endpoints.length));
  try {
    await Promise.all(Array.from({ length: parallel }, () => worker()));
  } catch (error) {
    reader.stop();
    throw error;
  }
  const results: Partial<Record<NetboxEndpoint, unknown[]>> = {};
  for (const endpoint of endpoints) results[endpoint] = fetched.get(endpoint) ?? [];
  return { ...(reader.version !== undefined && { version: reader.version }), results };
}
