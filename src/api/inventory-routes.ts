import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type DriftQuery,
  DriftQuerySchema,
  type DriftReport,
  DriftReportSchema,
  type List,
  type SyncRun,
  SyncRunSchema,
  type SyncStatus,
  SyncStatusSchema,
} from '../contract/index.js';
import {
  type InventoryApplyResult,
  InventoryHub,
  type InventorySync,
  inventoryOrigin,
  inventorySources,
  parseInventory,
} from '../ingest/index.js';
import { NotFoundError, type Twin } from '../model/index.js';
import { principalOf } from './access-control.js';
import { authProblems, withProblems } from './route-schema.js';

const textTypes = ['application/json', 'text/plain'];

const InventoryQuery = Type.Object({
  from: Type.Union(
    inventorySources.map((source) => Type.Literal(source)),
    { description: 'the source: k8s (kubectl get … -o json), terraform (state v4), aws (describe-* bundle)' },
  ),
  name: Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: '^[^\\s]+$',
    description: 'the source instance (cluster, state, account): provenance `<from>:<name>`',
  }),
  dryRun: Type.Boolean({ default: false, description: 'show what would change; change nothing' }),
  prune: Type.Boolean({
    default: false,
    description: 'also remove what this source imported before and no longer has',
  }),
  fork: Type.Optional(Type.String({ description: 'import into this fork' })),
});
type InventoryQuery = Static<typeof InventoryQuery>;

const InventoryResultSchema = Type.Object({
  source: Type.String(),
  dryRun: Type.Boolean(),
  seq: Type.Optional(Type.Integer()),
  opCount: Type.Integer(),
  added: Type.Integer(),
  changed: Type.Array(Type.Object({ id: Type.String(), fields: Type.Array(Type.String()) })),
  unchanged: Type.Integer(),
  relationsAdded: Type.Integer(),
  removedEntities: Type.Array(Type.String()),
  removedRelations: Type.Array(Type.String()),
  pruned: Type.Boolean(),
  matches: Type.Array(
    Type.Object({ declared: Type.String(), entity: Type.String(), by: Type.String(), value: Type.String() }),
  ),
  ambiguous: Type.Array(
    Type.Object({ declared: Type.String(), candidates: Type.Array(Type.String()), by: Type.String() }),
  ),
  conflicts: Type.Array(
    Type.Object({
      entity: Type.String(),
      field: Type.String(),
      held: Type.Object({ value: Type.Unknown(), source: Type.String() }),
      declared: Type.Object({ value: Type.Unknown(), source: Type.String() }),
    }),
  ),
  problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
  counts: Type.Record(Type.String(), Type.Number()),
});

/**
 * Inventory imports (docs/integrations.md): a source's export as the body, mapped onto the twin's
 * kinds, joined to what the twin already holds, and applied as one change set — or, with
 * `dryRun`, only shown. Imports run one at a time.
 */
export interface InventoryDeps {
  readonly hub: InventoryHub;
  /** Scheduled re-syncs of serve mode; absent, there are none. */
  readonly sync?: InventorySync;
}

export async function registerInventoryRoutes(
  app: FastifyInstance,
  twin: Twin,
  deps?: InventoryDeps,
): Promise<void> {
  const hub = deps?.hub ?? (await InventoryHub.open(twin));
  registerDriftRoute(app, hub);
  registerSyncRoutes(app, deps?.sync);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(textTypes, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post<{ Body: string; Querystring: InventoryQuery }>(
      '/api/inventory/imports',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['imports'],
          summary:
            'Import an inventory export (Kubernetes, Terraform, AWS) as one change set, or show its diff',
          consumes: textTypes,
          querystring: InventoryQuery,
          body: Type.String({ minLength: 1 }),
          response: withProblems({ 200: InventoryResultSchema }, 400, ...authProblems, 404, 413, 415),
        },
      },
      async (request): Promise<InventoryApplyResult> => {
        const { from, name, dryRun, prune, fork } = request.query;
        return hub.run(() => parseInventory(from, request.body, name, twin.catalog), {
          actor: principalOf(request).name,
          dryRun: dryRun === true,
          prune: prune === true,
          origin: inventoryOrigin[from],
          ...(fork === undefined ? {} : { fork }),
        });
      },
    );
  });
}

function registerDriftRoute(app: FastifyInstance, hub: InventoryHub): void {
  app.get<{ Querystring: DriftQuery }>(
    '/api/inventory/drift',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['imports'],
        summary:
          'Drift: what the sources of truth declare against what discovery and telemetry observe, as of now',
        querystring: DriftQuerySchema,
        response: withProblems({ 200: DriftReportSchema }, 400, ...authProblems),
      },
    },
    async (request): Promise<DriftReport> => {
      const { type, kind, source, limit } = request.query;
      const report = hub.drift();
      const matching = report.items.filter(
        (item) =>
          (type === undefined || item.type === type) &&
          (kind === undefined || item.kind === kind) &&
          (source === undefined || witnessesOf(item).includes(source)),
      );
      return { ...report, items: matching.slice(0, limit), truncated: matching.length > limit };
    },
  );
}

function witnessesOf(item: ReturnType<InventoryHub['drift']>['items'][number]): string[] {
  switch (item.type) {
    case 'undeclared':
      return item.observedBy;
    case 'silent':
      return item.declaredBy;
    case 'differs':
      return [...item.declared, ...item.observed].map((said) => said.source);
    case 'relation':
      return [...item.declaredOnly, ...item.observedOnly].map((said) => said.source);
  }
}

function registerSyncRoutes(app: FastifyInstance, sync: InventorySync | undefined): void {
  app.get(
    '/api/inventory/syncs',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['imports'],
        summary: "Scheduled re-syncs (serve mode's inventory.sync) and how their last runs went",
        response: withProblems(
          { 200: Type.Object({ items: Type.Array(SyncStatusSchema) }) },
          ...authProblems,
        ),
      },
    },
    async (): Promise<List<SyncStatus>> => ({ items: sync?.status() ?? [] }),
  );
  app.post<{ Params: { name: string } }>(
    '/api/inventory/syncs/:name/runs',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['imports'],
        summary: 'Re-sync one source now (or wait for the run in progress) and return that run',
        params: Type.Object({ name: Type.String() }),
        response: withProblems({ 200: SyncRunSchema }, ...authProblems, 404),
      },
    },
    async (request): Promise<SyncRun> => {
      const run = sync?.runNow(request.params.name);
      if (!run) throw new NotFoundError(`no re-sync named '${request.params.name}'`);
      return run;
    },
  );
}
