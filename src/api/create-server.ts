import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Twin } from '../model/index.js';
import { installAccessControl } from './access-control.js';
import { type PredictionDeps, registerAlertRoutes } from './alert-routes.js';
import { registerAttackRoutes } from './attack-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import type { AuthService } from './auth-service.js';
import { registerChangeRoutes } from './change-routes.js';
import { registerEntityRoutes } from './entity-routes.js';
import { handleFrameworkError, installErrorHandling } from './error-handling.js';
import { registerForkRoutes } from './fork-routes.js';
import { registerImportRoutes } from './import-routes.js';
import { type IngestDeps, registerIngestRoutes } from './ingest-routes.js';
import { type InventoryDeps, registerInventoryRoutes } from './inventory-routes.js';
import { registerLintRoutes } from './lint-routes.js';
import { registerLiveRoutes } from './live-routes.js';
import type { LiveSessionOptions } from './live-session.js';
import { registerModelRoutes } from './model-routes.js';
import { registerOpenApiRoutes } from './openapi-routes.js';
import type { PlantControl } from './plant-control.js';
import { registerPlantRoutes } from './plant-routes.js';
import { registerRelationRoutes } from './relation-routes.js';
import { registerScenarioRoutes } from './scenario-routes.js';
import { registerSecurityImportRoutes } from './security-import-routes.js';
import { registerSeriesAnalysisRoutes } from './series-analysis-routes.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerStatusRoutes } from './status-routes.js';
import { registerTokenRoutes } from './token-routes.js';
import { registerTraversalRoutes } from './traversal-routes.js';
import { builtWebRoot, registerWebRoutes } from './web-routes.js';

export interface ApiDeps {
  twin: Twin;
  auth: AuthService;
  /** The demo plant's fault injection; the /api/plant routes exist only with it. */
  plant?: PlantControl;
  /** The live mirror's receivers and series reads; absent, the server mirrors nothing. */
  ingest?: IngestDeps;
  /** Alerts and the prediction loop; absent, the server predicts nothing. */
  predictions?: PredictionDeps;
  /** Inventory imports, drift and re-syncs; absent, the server opens its own hub and syncs nothing. */
  inventory?: InventoryDeps;
}

export interface ApiOptions {
  /** Fastify's logger: false for none, true or pino options. Default: warnings and errors only. */
  logger?: boolean | object;
  /** Largest request body, estate files included. Default 64 MiB. */
  bodyLimitBytes?: number;
  /** One log line per request. Off by default: it costs throughput on the hot read paths. */
  logRequests?: boolean;
  /** Tuning of the live WebSocket stream (tests shorten the windows). */
  live?: Partial<LiveSessionOptions>;
  /**
   * The built web UI to serve at `/`. Default: `dist/web` when the server runs from `dist` and
   * the UI was built; null serves none. Served only when the folder holds an index.html.
   */
  webRoot?: string | null;
}

export const defaultBodyLimitBytes = 64 * 1024 * 1024;

/** Builds the HTTP API on a twin; the caller listens (`app.listen`) and closes it. */
export async function createServer(deps: ApiDeps, options: ApiOptions = {}): Promise<FastifyInstance> {
  await deps.auth.ready();
  const app = Fastify({
    logger: (options.logger ?? { level: 'warn' }) as FastifyServerOptions['logger'],
    logController: new LogController({ disableRequestLogging: options.logRequests !== true }),
    bodyLimit: options.bodyLimitBytes ?? defaultBodyLimitBytes,
    // Entity ids run to 512 characters, and more once URL-encoded.
    routerOptions: { maxParamLength: 2048 },
    // allErrors: a 400 lists every failing field, not the first; discriminator: an operation's
    // errors are those of the variant its `op` names.
    ajv: { customOptions: { allErrors: true, discriminator: true } },
    frameworkErrors: handleFrameworkError,
  });
  // Response schemas document the API; JSON.stringify serializes it. It never drops a field the
  // schema forgot and needs no per-union validation at serialization time.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);
  installAccessControl(app, deps.auth);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'infratwin API',
        version: '1',
        description:
          'The digital twin of an IT estate: entities, relations, live state, history, forks and analyses. ' +
          'Errors are RFC 9457 problem+json. See docs/api.md.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'an `itw_…` token' } },
      },
      security: [{ bearerAuth: [] }],
      tags: [
        {
          name: 'entities',
          description: 'entities, their state, placement, dependencies, impact and power path',
        },
        { name: 'relations', description: 'typed edges between entities' },
        { name: 'analysis', description: 'blast radius and paths across the graph' },
        { name: 'changes', description: 'the change log, change sets and estate imports' },
        { name: 'forks', description: 'what-if scenarios' },
        { name: 'twin', description: 'summary, kind catalog, liveness' },
        { name: 'access', description: 'tokens and the audit trail (admin)' },
        { name: 'live', description: 'the WebSocket stream' },
        { name: 'ingest', description: 'telemetry receivers, series and the ingest status' },
        { name: 'plant', description: 'fault injection into the demo plant' },
        { name: 'alerts', description: 'alerts and predictions, their lifecycle and accuracy' },
        {
          name: 'attack',
          description: 'attack paths, their odds, defenses on forks, the minimal hardening set',
        },
        { name: 'imports', description: 'Nmap scans, Trivy reports, EPSS scores and the KEV catalogue' },
        { name: 'meta', description: 'this document' },
      ],
    },
  });

  const { twin, auth, plant } = deps;
  registerStatusRoutes(app, twin);
  registerEntityRoutes(app, twin);
  registerRelationRoutes(app, twin);
  registerTraversalRoutes(app, twin);
  registerLintRoutes(app, twin);
  registerChangeRoutes(app, twin);
  await registerImportRoutes(app, twin);
  registerForkRoutes(app, twin);
  await registerScenarioRoutes(app, twin, deps.ingest?.service.mirror);
  registerAttackRoutes(app, twin);
  await registerSecurityImportRoutes(app, twin);
  await registerInventoryRoutes(app, twin, deps.inventory);
  registerModelRoutes(app, twin);
  registerTokenRoutes(app, auth);
  registerSessionRoutes(app);
  registerAuditRoutes(app, twin);
  await registerLiveRoutes(app, twin, auth, options.live, deps.predictions?.alerts);
  if (deps.predictions !== undefined) registerAlertRoutes(app, deps.predictions);
  if (plant !== undefined) registerPlantRoutes(app, twin, plant);
  if (deps.ingest !== undefined) {
    await registerIngestRoutes(app, deps.ingest);
    registerSeriesAnalysisRoutes(app, deps.ingest.service);
  }
  registerOpenApiRoutes(app);
  await registerWebRoutes(app, options.webRoot === undefined ? builtWebRoot : options.webRoot);
  return app;
}
