import type { FastifyInstance } from 'fastify';
import { IngestService, LiveMirror, type LiveMirrorOptions, SampleJournal } from '../ingest/index.js';
import { AlertBook, type Role, Twin, type TwinStore } from '../model/index.js';
import { type FindingSource, PredictionLoop, RiskEngine } from '../predict/index.js';
import { type AuthService, createAuthService } from './auth-service.js';
import { type ApiOptions, createServer } from './create-server.js';
import type { PlantControl } from './plant-control.js';

export interface TestServer {
  app: FastifyInstance;
  twin: Twin;
  auth: AuthService;
  store: TwinStore;
  /** The live mirror's receivers, when the server was started with `ingest`. */
  ingest: IngestService | undefined;
  /** Alerts and the prediction loop (not ticking: evaluate through the API or `loop.evaluate()`). */
  alerts: AlertBook;
  loop: PredictionLoop;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** A secret per role, named after the role. */
  tokens: Record<Role, string>;
  /** fetch against the server with a role's token (or none), JSON in and out. */
  call(
    method: string,
    path: string,
    options?: { role?: Role | null; token?: string; body?: unknown; text?: string; contentType?: string },
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
  close(): Promise<void>;
}

/** A real server on an ephemeral port, for tests: a twin over the given store, one token per role. */
export async function startTestServer(options: {
  store: TwinStore;
  clock?: () => number;
  plant?: PlantControl;
  api?: ApiOptions;
  /** Runs the live mirror's receivers; `journalDir` makes acknowledged samples durable. */
  ingest?: Omit<LiveMirrorOptions, 'twin'> & {
    journalDir?: string;
    staleAfterMs?: number;
    /** Decode remote_write on a worker thread, as `serve` does. */
    decodeThread?: boolean;
  };
  /** More sources of findings for the prediction loop (`lint`). */
  findingSources?: Record<string, FindingSource>;
}): Promise<TestServer> {
  const { store } = options;
  const clock = options.clock ?? Date.now;
  const twin = await Twin.open({
    store,
    clock,
    ...(options.ingest?.staleAfterMs ? { staleAfterMs: options.ingest.staleAfterMs } : {}),
  });
  let ingest: IngestService | undefined;
  if (options.ingest) {
    const { journalDir, staleAfterMs: _, decodeThread, ...mirrorOptions } = options.ingest;
    ingest = new IngestService({
      mirror: new LiveMirror({ twin, clock, ...mirrorOptions }),
      ...(decodeThread ? { decodeThread } : {}),
      ...(journalDir ? { journal: new SampleJournal({ dir: journalDir, clock }) } : {}),
      clock,
    });
    await ingest.replay();
  }
  const alerts = await AlertBook.open(store, { clock });
  const loop = new PredictionLoop({
    twin,
    alerts,
    risks: new RiskEngine({ catalog: twin.catalog }),
    clock,
    ...(options.findingSources ? { sources: options.findingSources } : {}),
  });
  loop.start(3_600_000);
  const auth = createAuthService(store, clock);
  const admin = await auth.ensureAdmin();
  const tokens: Record<Role, string> = {
    admin: admin ?? '',
    operator: (await auth.create('operator', 'operator', 'test')).secret,
    viewer: (await auth.create('viewer', 'viewer', 'test')).secret,
    ingest: (await auth.create('ingest', 'ingest', 'test')).secret,
  };
  const app = await createServer(
    {
      twin,
      auth,
      ...(options.plant ? { plant: options.plant } : {}),
      ...(ingest ? { ingest: { service: ingest } } : {}),
      predictions: { alerts, loop, clock },
    },
    { logger: false, ...options.api },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    twin,
    auth,
    store,
    ingest,
    alerts,
    loop,
    base,
    tokens,
    async call(method, path, request = {}) {
      const headers: Record<string, string> = {};
      const role = request.role === undefined ? 'admin' : request.role;
      const token = request.token ?? (role === null ? undefined : tokens[role]);
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (request.text !== undefined) {
        body = request.text;
        headers['content-type'] = request.contentType ?? 'text/plain';
      } else if (request.body !== undefined) {
        body = JSON.stringify(request.body);
        headers['content-type'] = request.contentType ?? 'application/json';
      }
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async close() {
      await loop.stop();
      await app.close();
      await ingest?.close();
      ingest?.mirror.close();
      await twin.close();
    },
  };
}
