import type { FastifyInstance } from 'fastify';
import {
  type ChangeListQuery,
  ChangeListQuerySchema,
  type ChangeParams,
  ChangeParamsSchema,
  type ChangeSet,
  type ChangeSetInput,
  ChangeSetInputSchema,
  ChangeSetSchema,
  type ChangeSetSummary,
  ChangeSetSummarySchema,
  type ForkQuery,
  ForkQuerySchema,
  type List,
  ListSchema,
  UnchangedSchema,
} from '../contract/index.js';
import type { Twin } from '../model/index.js';
import { principalOf } from './access-control.js';
import { applyChangeSet } from './apply-change-set.js';
import { authProblems, withProblems } from './route-schema.js';
import { parseTime } from './view-selection.js';

const tags = ['changes'];

export function registerChangeRoutes(app: FastifyInstance, twin: Twin): void {
  app.get<{ Querystring: ChangeListQuery }>(
    '/api/changes',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'The change log, newest first (the live log, or a fork’s)',
        querystring: ChangeListQuerySchema,
        response: withProblems({ 200: ListSchema(ChangeSetSummarySchema) }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<List<ChangeSetSummary>> => {
      const { since, until, afterSeq, limit, fork, entity } = request.query;
      return {
        items: twin.listChanges({
          limit,
          ...(fork !== undefined ? { fork } : {}),
          ...(entity !== undefined ? { entity } : {}),
          ...(afterSeq !== undefined ? { afterSeq } : {}),
          ...(since !== undefined ? { since: parseTime(since, 'querystring.since') } : {}),
          ...(until !== undefined ? { until: parseTime(until, 'querystring.until') } : {}),
        }),
      };
    },
  );

  app.get<{ Params: ChangeParams; Querystring: ForkQuery }>(
    '/api/changes/:seq',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'One change set with its operations',
        params: ChangeParamsSchema,
        querystring: ForkQuerySchema,
        response: withProblems({ 200: ChangeSetSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<ChangeSet> => twin.getChange(request.params.seq, request.query.fork),
  );

  app.post<{ Body: ChangeSetInput }>(
    '/api/changes',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Apply a change set to the live twin',
        description:
          'All operations or none. The actor is the token’s name. Answers 200 `{ changed: false }` when nothing would change.',
        body: ChangeSetInputSchema,
        response: withProblems(
          { 201: ChangeSetSchema, 200: UnchangedSchema },
          400,
          ...authProblems,
          409,
          413,
          415,
        ),
      },
    },
    async (request, reply) => applyChangeSet(twin, reply, principalOf(request).name, request.body),
  );
}
