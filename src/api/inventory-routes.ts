import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  applyInventory,
  type InventoryApplyResult,
  inventoryOrigin,
  inventorySources,
  parseInventory,
} from '../ingest/index.js';
import type { Twin } from '../model/index.js';
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
export async function registerInventoryRoutes(app: FastifyInstance, twin: Twin): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(textTypes, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    let queue: Promise<unknown> = Promise.resolve();
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
        const run = () =>
          applyInventory(twin, parseInventory(from, request.body, name), {
            actor: principalOf(request).name,
            dryRun: dryRun === true,
            prune: prune === true,
            origin: inventoryOrigin[from],
            ...(fork === undefined ? {} : { fork }),
          });
        const next = queue.then(run, run);
        queue = next.catch(() => undefined);
        return next;
      },
    );
  });
}
