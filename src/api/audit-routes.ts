import type { FastifyInstance } from 'fastify';
import {
  type AuditEntry,
  AuditEntrySchema,
  type AuditQuery,
  AuditQuerySchema,
  type List,
  ListSchema,
} from '../contract/index.js';
import type { Twin } from '../model/index.js';
import { authProblems, withProblems } from './route-schema.js';
import { parseTime } from './view-selection.js';

export function registerAuditRoutes(app: FastifyInstance, twin: Twin): void {
  app.get<{ Querystring: AuditQuery }>(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['access'],
        summary: 'The audit trail: who did what, to what, when',
        description:
          'Token, fork, import and fault actions. Change sets are in the change log (GET /api/changes).',
        querystring: AuditQuerySchema,
        response: withProblems({ 200: ListSchema(AuditEntrySchema) }, 400, ...authProblems),
      },
    },
    async (request): Promise<List<AuditEntry>> => {
      const { since, limit } = request.query;
      return {
        items: await twin.store.listAudit({
          limit,
          ...(since !== undefined ? { since: parseTime(since, 'querystring.since') } : {}),
        }),
      };
    },
  );
}
