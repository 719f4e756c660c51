import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './target-check.js';

export interface PinnedGetOptions {
  url: URL;
  /** The checked addresses: the connection goes to one of these, whatever DNS says now. */
  addresses: readonly ResolvedAddress[];
  headers: Record<string, string>;
  maxBytes: number;
  signal: AbortSignal;
}

export interface PinnedGetResponse {
  status: number;
  contentType: string;
  body: string;
}

/** A failed GET; `status` when the server answered. */
export class HttpGetError extends Error {
  override readonly name = 'HttpGetError';
  constructor(
    message: string,
    readonly status?: number,
    readonly contentType?: string,
  ) {
    super(message);
  }
}

/**
 * One GET with node:http rather than fetch, for three controls fetch lacks: the address the
 * socket connects to (a `lookup` that answers with the checked addresses only), a body cap that
 * stops reading at the limit, and no redirect following (a 3xx is an error). TLS still verifies
 * the certificate against the URL's host name, since only the lookup is replaced.
 */
export function pinnedGet(options: PinnedGetOptions): Promise<PinnedGetResponse> {
  const { url, signal } = options;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const request = transport.request(url, {
      method: 'GET',
      headers: options.headers,
      agent: false,
      lookup: pinnedLookup(options.addresses),
    });
    const fail = (error: Error): void => {
      reject(error);
      request.destroy();
    };
    const onAbort = (): void => fail(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    request.once('close', () => signal.removeEventListener('abort', onAbort));
    // `on`, not `once`: a destroyed request can emit a second error, which must not go unhandled.
    request.on('error', (error) => reject(new HttpGetError(describeSocketError(error))));
    request.once('response', (response) => readResponse(response, options.maxBytes).then(resolve, fail));
    request.end();
  });
}

/**
 * Node calls lookup with `all: true` when it races IPv4 and IPv6 (autoSelectFamily, on by default
 * since Node 20) and without it otherwise; both shapes must be answered.
 */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = addresses.filter((address) => wanted === undefined || address.family === wanted);
    const first = usable[0];
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error(`no checked IPv${wanted} address`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all) {
      callback(
        null,
        usable.map(({ address, family }) => ({ address, family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function readResponse(response: IncomingMessage, maxBytes: number): Promise<PinnedGetResponse> {
  const status = response.statusCode ?? 0;
  const contentType = response.headers['content-type'] ?? '';
  const refusal = refuseResponse(response, status, contentType, maxBytes);
  if (refusal) {
    response.destroy();
    return Promise.reject(refusal);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        reject(new HttpGetError(`the body exceeds ${maxBytes} bytes; reading stopped`, status, contentType));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', (error) => reject(new HttpGetError(`reading the body: ${error.message}`, status)));
    response.once('end', () =>
      resolve({ status, contentType, body: Buffer.concat(chunks).toString('utf8') }),
    );
    response.once('close', () => {
      if (!response.complete)
        reject(new HttpGetError('the connection closed before the body was complete', status));
    });
  });
}

function refuseResponse(
  response: IncomingMessage,
  status: number,
  contentType: string,
  maxBytes: number,
): HttpGetError | undefined {
  if (status >= 300 && status < 400) {
    const location = String(response.headers.location ?? '').slice(0, 200);
    return new HttpGetError(
      `HTTP ${status} redirect to '${location}' refused: redirects are not followed`,
      status,
    );
  }
  if (status < 200 || status >= 300) return new HttpGetError(`HTTP ${status}`, status, contentType);
  const encoding = response.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') {
    return new HttpGetError(`the body has content-encoding ${encoding}, which was not asked for`, status);
  }
  const length = Number(response.headers['content-length']);
  if (length > maxBytes) {
    return new HttpGetError(
      `the body announces ${length} bytes; the limit is ${maxBytes}`,
      status,
      contentType,
    );
  }
  return undefined;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new HttpGetError('aborted');
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
