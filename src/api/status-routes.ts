import type { FastifyInstance } from 'fastify';
import {
  type Healthz,
  HealthzSchema,
  type KindSpec,
  KindSpecSchema,
  type List,
  ListSchema,
  type TwinSummary,
  TwinSummarySchema,
  type ViewQuery,
  ViewQuerySchema,
} from '../contract/index.js';
import type { Twin } from '../model/index.js';
import { forkResponse } from './fork-response.js';
import { authProblems, withProblems } from './route-schema.js';
import { selectView } from './view-selection.js';

const tags = ['twin'];

export function registerStatusRoutes(app: FastifyInstance, twin: Twin): void {
  const startedAt = performance.now();
  // Users define kinds while the server runs (DTDL): the list is read from the catalog each time.
  const kinds = (): List<KindSpec> => ({
    items: [...twin.catalog.values()].map((spec) => ({
      ...spec,
      relations: Object.fromEntries(
        Object.entries(spec.relations).map(([type, allowed]) => [type, [...(allowed ?? [])]]),
      ),
    })),
  });

  app.get(
    '/api/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Liveness: answers while the server runs; needs no token',
        security: [],
        response: { 200: HealthzSchema },
      },
    },
    async (): Promise<Healthz> => ({
      status: 'ok',
      seq: twin.seq,
      uptimeSeconds: Math.round((performance.now() - startedAt) / 1000),
    }),
  );

  app.get<{ Querystring: ViewQuery }>(
    '/api/summary',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Counts by kind and health, the head of the change log, the forks',
        querystring: ViewQuerySchema,
        response: withProblems({ 200: TwinSummarySchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<TwinSummary> => {
      const view = selectView(twin, request.query);
      const byHealth = { ok: 0, warning: 0, critical: 0, unknown: 0 };
      const byKind: TwinSummary['byKind'] = {};
      let entities = 0;
      for (const entity of view.entities()) {
        entities++;
        const { health } = twin.health(view, entity);
        byHealth[health]++;
        const counts = byKind[entity.kind] ?? { total: 0, ok: 0, warning: 0, critical: 0, unknown: 0 };
        counts.total++;
        counts[health]++;
        byKind[entity.kind] = counts;
      }
      let relations = 0;
      for (const _relation of view.relations()) relations++;
      const [head] = twin.listChanges({ limit: 1 });
      return {
        view: view.label,
        seq: twin.seq,
        entities,
        relations,
        byHealth,
        byKind,
        head: head ?? null,
        forks: twin.listForks().map((fork) => forkResponse(twin, fork)),
      };
    },
  );

  app.get(
    '/api/kinds',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'The kind catalog: props, metrics with units and thresholds, allowed relations',
        response: withProblems({ 200: ListSchema(KindSpecSchema) }, ...authProblems),
      },
    },
    async (): Promise<List<KindSpec>> => kinds(),
  );
}
