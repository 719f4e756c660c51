import type { FastifyInstance } from 'fastify';
import {
  type ChangeSetInput,
  ChangeSetInputSchema,
  ChangeSetSchema,
  type Fork,
  type ForkInput,
  ForkInputSchema,
  ForkSchema,
  type IdParams,
  IdParamsSchema,
  type List,
  ListSchema,
  type TwinDiff,
  TwinDiffSchema,
  UnchangedSchema,
} from '../contract/index.js';
import type { Twin } from '../model/index.js';
import { principalOf } from './access-control.js';
import { applyChangeSet } from './apply-change-set.js';
import { forkResponse } from './fork-response.js';
import { authProblems, noContent, withProblems } from './route-schema.js';

const tags = ['forks'];

/** What-if scenarios. The twin audits fork creation and deletion itself. */
export function registerForkRoutes(app: FastifyInstance, twin: Twin): void {
  app.post<{ Body: ForkInput }>(
    '/api/forks',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Fork the live twin (or copy a fork) into a scenario',
        body: ForkInputSchema,
        response: withProblems({ 201: ForkSchema }, 400, ...authProblems, 404, 413, 415),
      },
    },
    async (request, reply): Promise<Fork> => {
      const { name, parent, description } = request.body;
      const record = await twin.createFork({
        name,
        actor: principalOf(request).name,
        ...(parent !== undefined ? { parent } : {}),
        ...(description !== undefined ? { description } : {}),
      });
      reply.code(201);
      return forkResponse(twin, record);
    },
  );

  app.get(
    '/api/forks',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'List forks',
        response: withProblems({ 200: ListSchema(ForkSchema) }, ...authProblems),
      },
    },
    async (): Promise<List<Fork>> => ({ items: twin.listForks().map((fork) => forkResponse(twin, fork)) }),
  );

  app.get<{ Params: IdParams }>(
    '/api/forks/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'One fork',
        params: IdParamsSchema,
        response: withProblems({ 200: ForkSchema }, ...authProblems, 404),
      },
    },
    async (request): Promise<Fork> => forkResponse(twin, twin.forkRecord(request.params.id)),
  );

  app.post<{ Params: IdParams; Body: ChangeSetInput }>(
    '/api/forks/:id/changes',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Apply a change set to a fork (origin defaults to predicted); the live twin is untouched',
        params: IdParamsSchema,
        body: ChangeSetInputSchema,
        response: withProblems(
          { 201: ChangeSetSchema, 200: UnchangedSchema },
          400,
          ...authProblems,
          404,
          409,
          413,
          415,
        ),
      },
    },
    async (request, reply) =>
      applyChangeSet(twin, reply, principalOf(request).name, request.body, request.params.id),
  );

  app.get<{ Params: IdParams }>(
    '/api/forks/:id/diff',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'What the fork changed against its base: entities, relations, props, metrics',
        params: IdParamsSchema,
        response: withProblems({ 200: TwinDiffSchema }, ...authProblems, 404),
      },
    },
    async (request): Promise<TwinDiff> => twin.diffFork(request.params.id),
  );

  app.delete<{ Params: IdParams }>(
    '/api/forks/:id',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Delete a fork and its change log',
        params: IdParamsSchema,
        response: withProblems({ 204: noContent }, ...authProblems, 404),
      },
    },
    async (request, reply) => {
      await twin.deleteFork(request.params.id, principalOf(request).name);
      return reply.code(204).send();
    },
  );
}
