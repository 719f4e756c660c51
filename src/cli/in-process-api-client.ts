import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { createAuthService, createServer } from '../api/index.js';
import { AlertBook, Twin } from '../model/index.js';
import { SqliteTwinStore } from '../store/index.js';
import { type ApiClient, type ApiResponse, buildPath, type RequestOptions } from './api-client.js';
import { withLocalAdmin } from './local-auth.js';
import { createProgress } from './progress.js';
import { readLiveLock } from './server-lock.js';

/**
 * Runs the API in this process on the database file: the CLI without a server, through exactly
 * the code a server runs. Writing is refused while a live server holds the file, since that
 * server's in-memory twin would not see the change.
 */
export class InProcessApiClient implements ApiClient {
  readonly target: string;
  readonly #app: FastifyInstance;
  readonly #twin: Twin;
  readonly #secret: string;
  readonly #db: string;

  private constructor(db: string, app: FastifyInstance, twin: Twin, secret: string) {
    this.target = db;
    this.#db = db;
    this.#app = app;
    this.#twin = twin;
    this.#secret = secret;
  }

  static async open(db: string, options: { create: boolean; quiet?: boolean }): Promise<InProcessApiClient> {
    if (!options.create && !existsSync(db)) {
      throw new Error(`no database at ${db}: pass --db PATH, or --url to talk to a running server`);
    }
    const store = SqliteTwinStore.open(db);
    const progress = createProgress('loading twin', 1, { enabled: options.quiet ? false : undefined });
    const twin = await Twin.open({ store, onProgress: (done) => progress.update(done, Math.max(done, 1)) });
    progress.stop();
    const local = withLocalAdmin(createAuthService(store), `local:${userInfo().username}`);
    // Alerts as stored: read and handled here; only a server evaluates new ones.
    const alerts = await AlertBook.open(store);
    const app = await createServer({ twin, auth: local.auth, predictions: { alerts } }, { logger: false });
    await app.ready();
    return new InProcessApiClient(db, app, twin, local.secret);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    if (method !== 'GET') {
      const lock = readLiveLock(this.#db);
      if (lock) {
        throw new Error(
          `a server (pid ${lock.pid}) is running on ${this.#db}: send this through it with --url ${lock.url}`,
        );
      }
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#secret}`,
      accept: 'application/json',
    };
    let payload: string | undefined;
    if (options.text !== undefined) {
      headers['content-type'] = options.contentType ?? 'text/plain';
      payload = options.text;
      options.onUploadProgress?.(Buffer.byteLength(payload), Buffer.byteLength(payload));
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const response = await this.#app.inject({
      method: method as 'GET',
      url: buildPath(path, options.query),
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    let body: unknown = response.body;
    try {
      body = response.body === '' ? undefined : JSON.parse(response.body);
    } catch {
      body = response.body;
    }
    return { status: response.statusCode, body };
  }

  async close(): Promise<void> {
    await this.#app.close();
    await this.#twin.close();
  }
}
