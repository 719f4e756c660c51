import { Readable } from 'node:stream';
import { type ApiClient, type ApiResponse, buildPath, type RequestOptions } from './api-client.js';

/** Talks to a running server. */
export class HttpApiClient implements ApiClient {
  readonly target: string;
  readonly #token: string | undefined;

  constructor(baseUrl: string, token: string | undefined) {
    this.target = baseUrl.replace(/\/+$/, '');
    this.#token = token;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    let body: NonNullable<RequestInit['body']> | undefined;
    let duplex: 'half' | undefined;
    if (options.text !== undefined) {
      headers['content-type'] = options.contentType ?? 'text/plain';
      body = options.onUploadProgress ? progressStream(options.text, options.onUploadProgress) : options.text;
      if (options.onUploadProgress) {
        headers['content-length'] = String(Buffer.byteLength(options.text));
        duplex = 'half';
      }
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(`${this.target}${buildPath(path, options.query)}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(duplex ? { duplex } : {}),
      } as RequestInit);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new Error(`cannot reach ${this.target} (${cause}); is the server running?`);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  }

  async close(): Promise<void> {}
}

/** Streams the body in chunks so the CLI can show upload progress of large estate files. */
function progressStream(
  text: string,
  onProgress: (sent: number, total: number) => void,
): NonNullable<RequestInit['body']> {
  const buffer = Buffer.from(text);
  const chunkBytes = 256 * 1024;
  let offset = 0;
  const readable = new Readable({
    read() {
      if (offset >= buffer.length) {
        this.push(null);
        return;
      }
      const chunk = buffer.subarray(offset, offset + chunkBytes);
      offset += chunk.length;
      onProgress(offset, buffer.length);
      this.push(chunk);
    },
  });
  return Readable.toWeb(readable) as unknown as NonNullable<RequestInit['body']>;
}
