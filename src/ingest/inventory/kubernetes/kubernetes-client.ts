// Lists what the importer maps straight from a Kubernetes API server, with a bearer token (a
// service account's, say), page by page (`limit` and `continue`), into the objects the kubectl
// reader returns. The token goes in the Authorization header only: no message, error or problem
// this module writes contains it.
import https from 'node:https';
import { field, isRecord } from '../json-fields.js';
import {
  emptyKubernetesObjects,
  type KubernetesObjects,
  mergeKubernetesObjects,
  readKubernetesObjects,
} from './kubernetes-objects.js';

export interface KubernetesListEndpoint {
  readonly path: string;
  /** The kind of its items, which API lists leave out of each item. */
  readonly kind: string;
  /**
   * Read when allowed: namespaces only serve namespaceSelectors, and a token limited to namespaced
   * reads may not list them. A 403 there is a problem in the result, not an error.
   */
  readonly optional?: boolean;
}

/** The list endpoints read, all namespaces at once. */
export const kubernetesListEndpoints: readonly KubernetesListEndpoint[] = [
  { path: '/api/v1/namespaces', kind: 'Namespace', optional: true },
  { path: '/api/v1/nodes', kind: 'Node' },
  { path: '/api/v1/pods', kind: 'Pod' },
  { path: '/api/v1/services', kind: 'Service' },
  { path: '/apis/apps/v1/deployments', kind: 'Deployment' },
  { path: '/apis/apps/v1/statefulsets', kind: 'StatefulSet' },
  { path: '/apis/networking.k8s.io/v1/ingresses', kind: 'Ingress' },
  { path: '/apis/networking.k8s.io/v1/networkpolicies', kind: 'NetworkPolicy' },
];

export interface KubernetesClientOptions {
  /** The API server's URL, e.g. `https://10.0.0.1:6443`. */
  readonly server: string;
  readonly token: string;
  /**
   * PEM certificate(s) of the CA that signed the API server's certificate (a kubeconfig's
   * certificate-authority-data, decoded). Requests then go through node:https, since fetch takes
   * no CA; it cannot be combined with `fetch`.
   */
  readonly caCert?: string;
  /** Replaces the global fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
  /** Items per page (the `limit` parameter); 500 by default, as kubectl uses. */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/** The API server refused the token (HTTP 401 or 403). */
export class KubernetesAuthError extends Error {
  override readonly name = 'KubernetesAuthError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The API server could not be reached, answered with another error, or sent something unreadable. */
export class KubernetesApiError extends Error {
  override readonly name = 'KubernetesApiError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

type Get = (url: URL, headers: Record<string, string>, signal: AbortSignal | undefined) => Promise<Answer>;

/**
 * Every object of the kinds the importer maps (and the namespaces, for namespaceSelectors), read
 * from the list endpoints, all namespaces at once. Throws KubernetesAuthError when the token is
 * refused and KubernetesApiError when the server cannot be reached or fails; malformed items are
 * problems in the result, as with the kubectl reader.
 */
export async function fetchKubernetesObjects(options: KubernetesClientOptions): Promise<KubernetesObjects> {
  const server = serverUrl(options.server);
  if (options.token === '') throw new TypeError('fetchKubernetesObjects needs a bearer token');
  if (options.caCert !== undefined && options.fetch !== undefined) {
    throw new TypeError('give caCert or fetch, not both: a custom fetch verifies the server itself');
  }
  if (options.caCert !== undefined && server.protocol !== 'https:') {
    throw new TypeError('caCert needs an https URL of the API server');
  }
  const pageSize = options.pageSize ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new TypeError('pageSize must be a positive integer');
  const get =
    options.caCert !== undefined ? httpsGet(options.caCert) : fetchGet(options.fetch ?? globalThis.fetch);
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
  const redact = (text: string): string => text.split(options.token).join('[token]');
  const parts: KubernetesObjects[] = [];
  const context = { get, headers, redact, pageSize, signal: options.signal };
  for (const endpoint of kubernetesListEndpoints) {
    try {
      parts.push(await listAll(server, endpoint, context));
    } catch (error) {
      if (!(endpoint.optional && error instanceof KubernetesAuthError && error.status === 403)) throw error;
      const skipped = emptyKubernetesObjects();
      skipped.problems.push({
        path: endpoint.path,
        message: `not readable with this token (HTTP 403); without ${endpoint.kind} objects, namespaceSelectors match namespaces by name only`,
      });
      parts.push(skipped);
    }
  }
  return parts.length === 0 ? emptyKubernetesObjects() : mergeKubernetesObjects(parts);
}

function serverUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`'${text.slice(0, 200)}' is not a URL of a Kubernetes API server`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`the API server's URL must be https (or http), not ${url.protocol}`);
  }
  if (url.username || url.password) throw new TypeError("the API server's URL must not hold credentials");
  url.search = '';
  url.hash = '';
  return url;
}

interface ListContext {
  readonly get: Get;
  readonly headers: Record<string, string>;
  readonly redact: (text: string) => string;
  readonly pageSize: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * One list endpoint, page after page. A continue token that expired (HTTP 410: the list changed
 * for longer than the server keeps snapshots) restarts the list once from its first page.
 */
async function listAll(
  server: URL,
  endpoint: KubernetesListEndpoint,
  context: ListContext,
): Promise<KubernetesObjects> {
  for (let attempt = 0; ; attempt++) {
    const pages: KubernetesObjects[] = [];
    let token: string | undefined;
    for (let page = 1; ; page++) {
      const url = new URL(server.pathname.replace(/\/$/, '') + endpoint.path, server);
      url.searchParams.set('limit', String(context.pageSize));
      if (token) url.searchParams.set('continue', token);
      const answer = await request(server, url, context);
      if (answer.status === 410 && token && attempt === 0) break;
      const json = parseAnswer(answer, url, context);
      pages.push(
        readKubernetesObjects(json, { prefix: `${endpoint.path} page ${page}`, kind: endpoint.kind }),
      );
      const next = continueToken(json);
      if (!next) return mergeKubernetesObjects(pages);
      if (next === token) {
        throw new KubernetesApiError(`${endpoint.path}: the server sent the same continue token twice`);
      }
      token = next;
    }
  }
}

async function request(server: URL, url: URL, context: ListContext): Promise<Answer> {
  try {
    return await context.get(url, context.headers, context.signal);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    throw new KubernetesApiError(
      `cannot reach the Kubernetes API server at ${server.origin}: ${context.redact(describe(error))}`,
      undefined,
      { cause: error },
    );
  }
}

function parseAnswer(answer: Answer, url: URL, context: ListContext): unknown {
  const what = `GET ${url.pathname}`;
  if (answer.status === 401 || answer.status === 403) {
    const detail = statusMessage(answer.body);
    throw new KubernetesAuthError(
      context.redact(
        `the Kubernetes API server refused the token (HTTP ${answer.status}) for ${what}${detail ? `: ${detail}` : ''}`,
      ),
      answer.status,
    );
  }
  if (answer.status < 200 || answer.status >= 300) {
    const detail = statusMessage(answer.body);
    throw new KubernetesApiError(
      context.redact(`${what} failed with HTTP ${answer.status}${detail ? `: ${detail}` : ''}`),
      answer.status,
    );
  }
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new KubernetesApiError(`${what} answered with something other than JSON`, answer.status);
  }
}

/** The `message` of a Kubernetes Status object, which says why (`pods is forbidden: User …`). */
function statusMessage(body: string): string | undefined {
  try {
    const status: unknown = JSON.parse(body);
    const message = isRecord(status) ? field(status, 'message') : undefined;
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not a Status object
  }
  return undefined;
}

function continueToken(json: unknown): string | undefined {
  const metadata = isRecord(json) ? field(json, 'metadata') : undefined;
  const token = isRecord(metadata) ? field(metadata, 'continue') : undefined;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  // fetch says "fetch failed" and keeps the reason (ECONNREFUSED, a certificate error) in cause.
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${error.message} (${code ? `${code}: ` : ''}${cause.message})`;
  }
  return error.message;
}

function fetchGet(fetchFunction: typeof fetch): Get {
  return async (url, headers, signal) => {
    const response = await fetchFunction(url, { headers, redirect: 'error', ...(signal ? { signal } : {}) });
    return { status: response.status, body: await response.text() };
  };
}

/** A GET through node:https that trusts `ca` for the server's certificate. */
function httpsGet(ca: string): Get {
  return (url, headers, signal) =>
    new Promise((resolve, reject) => {
      const request = https.request(url, { method: 'GET', headers, ca, ...(signal ? { signal } : {}) });
      request.on('error', reject);
      request.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      request.end();
    });
}
