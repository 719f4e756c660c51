import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { adtGraphOf, dtdlOfCatalog, kindsFromDtdl } from '../ingest/index.js';
import { NotFoundError, type Twin } from '../model/index.js';
import { principalOf } from './access-control.js';
import { authProblems, withProblems } from './route-schema.js';
import { selectView } from './view-selection.js';

const tags = ['twin'];
const ProblemListSchema = Type.Array(Type.Object({ path: Type.String(), message: Type.String() }));

/**
 * DTDL models (docs/integrations.md#dtdl): the kind catalog read and extended as DTDL v3
 * interfaces, as Azure Digital Twins' models API does, and the twin exported as an ADT graph.
 */
export function registerModelRoutes(app: FastifyInstance, twin: Twin): void {
  app.get<{ Querystring: { builtin: boolean } }>(
    '/api/models',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'The kinds as DTDL v3 interfaces: user kinds as uploaded, built-in kinds generated',
        querystring: Type.Object({
          builtin: Type.Boolean({ default: true, description: 'include the built-in kinds' }),
        }),
        response: withProblems(
          { 200: Type.Array(Type.Record(Type.String(), Type.Unknown())) },
          ...authProblems,
        ),
      },
    },
    async (request) => dtdlOfCatalog(twin.catalog, { builtin: request.query.builtin }),
  );

  app.post<{ Body: unknown }>(
    '/api/models',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary:
          'Define kinds from DTDL interfaces (one Interface or an array); any problem rejects them all',
        body: Type.Unknown({ description: 'DTDL v3 (or v2) JSON' }),
        response: withProblems(
          {
            200: Type.Object({
              defined: Type.Array(Type.Object({ kind: Type.String(), dtmi: Type.Optional(Type.String()) })),
              unchanged: Type.Array(Type.String()),
              notes: ProblemListSchema,
            }),
          },
          400,
          ...authProblems,
          409,
        ),
      },
    },
    async (request) => {
      const upload = kindsFromDtdl(request.body, 'models.json', twin.catalog);
      const plan = await twin.defineKinds(upload.specs);
      await twin.store.appendAudit({
        ts: twin.now(),
        actor: principalOf(request).name,
        action: 'models.define',
        detail: plan.define.map((spec) => spec.dtmi ?? spec.kind).join(', '),
      });
      return {
        defined: plan.define.map((spec) => ({ kind: spec.kind, ...(spec.dtmi ? { dtmi: spec.dtmi } : {}) })),
        unchanged: plan.unchanged,
        notes: upload.notes,
      };
    },
  );

  app.delete<{ Params: { kind: string } }>(
    '/api/models/:kind',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Remove a user-defined kind that no entity, live or in a fork, has',
        params: Type.Object({ kind: Type.String() }),
        response: withProblems({ 204: Type.Null() }, ...authProblems, 404, 409),
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      if (!twin.catalog.has(kind)) throw new NotFoundError(`no kind '${kind}'`);
      await twin.removeKind(kind);
      await twin.store.appendAudit({
        ts: twin.now(),
        actor: principalOf(request).name,
        action: 'models.remove',
        target: kind,
      });
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { fork?: string } }>(
    '/api/exports/dtdl',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'The twin as an Azure Digital Twins import-job file (NDJSON: models, twins, relationships)',
        querystring: Type.Object({ fork: Type.Optional(Type.String()) }),
        produces: ['application/x-ndjson'],
        response: withProblems({ 200: Type.String() }, 400, ...authProblems, 404),
      },
    },
    async (request, reply) => {
      const view = selectView(twin, request.query);
      const graph = adtGraphOf([...view.entities()], [...view.relations()], twin.catalog);
      // What DTDL twins cannot hold (labels, names other than the id) is counted, not lost silently.
      reply.header('x-infratwin-left-out', String(graph.problems.length));
      return reply.type('application/x-ndjson; charset=utf-8').send(graph.text);
    },
  );
}
