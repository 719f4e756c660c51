import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authProblems, withProblems } from './route-schema.js';

export function registerOpenApiRoutes(app: FastifyInstance): void {
  // Generated on first request, when every route is registered, then kept: routes never change.
  let document: string | undefined;
  app.get(
    '/api/openapi.json',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['meta'],
        summary: 'This API as an OpenAPI 3.1 document, generated from the schemas that validate requests',
        response: withProblems({ 200: Type.Object({}, { additionalProperties: true }) }, ...authProblems),
      },
    },
    async (_request, reply) => {
      document ??= JSON.stringify(app.swagger());
      return reply.type('application/json; charset=utf-8').send(document);
    },
  );
}
