import type { FastifyInstance } from 'fastify';
import {
  type Page,
  PageSchema,
  type Relation,
  type RelationListQuery,
  RelationListQuerySchema,
  RelationSchema,
} from '../contract/index.js';
import { findRelations, parsePropFilter, type Twin } from '../model/index.js';
import { authProblems, withProblems } from './route-schema.js';
import { selectView } from './view-selection.js';

export function registerRelationRoutes(app: FastifyInstance, twin: Twin): void {
  app.get<{ Querystring: RelationListQuery }>(
    '/api/relations',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['relations'],
        summary: 'List relations by type, endpoints, endpoint kinds and props',
        description:
          '`where` is repeatable and all must hold: `callsPerRequest>=2`, `protocol=tcp`, `peer!=true`.',
        querystring: RelationListQuerySchema,
        response: withProblems({ 200: PageSchema(RelationSchema) }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<Page<Relation>> => {
      const { type, from, to, fromKind, toKind, where, limit, offset } = request.query;
      return findRelations(selectView(twin, request.query), {
        ...(type !== undefined ? { type } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(fromKind !== undefined ? { fromKind } : {}),
        ...(toKind !== undefined ? { toKind } : {}),
        ...(where !== undefined ? { where: where.map(parsePropFilter) } : {}),
        limit,
        offset,
      });
    },
  );
}
