import type { FastifyInstance } from 'fastify';
import {
  type CreatedToken,
  CreatedTokenSchema,
  type IdParams,
  IdParamsSchema,
  type List,
  ListSchema,
  type Token,
  type TokenInput,
  TokenInputSchema,
  TokenSchema,
} from '../contract/index.js';
import { principalOf } from './access-control.js';
import type { AuthService } from './auth-service.js';
import { authProblems, noContent, withProblems } from './route-schema.js';

const tags = ['access'];

/** Token management, admins only; the auth service audits create and revoke. */
export function registerTokenRoutes(app: FastifyInstance, auth: AuthService): void {
  app.get(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'List tokens (never their secrets)',
        response: withProblems({ 200: ListSchema(TokenSchema) }, ...authProblems),
      },
    },
    async (): Promise<List<Token>> => ({ items: await auth.list() }),
  );

  app.post<{ Body: TokenInput }>(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a token; its secret is in this answer only',
        body: TokenInputSchema,
        response: withProblems({ 201: CreatedTokenSchema }, 400, ...authProblems, 409, 413, 415),
      },
    },
    async (request, reply): Promise<CreatedToken> => {
      const created = await auth.create(request.body.name, request.body.role, principalOf(request).name);
      reply.code(201);
      return created;
    },
  );

  app.delete<{ Params: IdParams }>(
    '/api/tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Revoke a token (the last active admin token cannot be revoked)',
        params: IdParamsSchema,
        response: withProblems({ 204: noContent }, ...authProblems, 404, 409),
      },
    },
    async (request, reply) => {
      await auth.revoke(request.params.id, principalOf(request).name);
      return reply.code(204).send();
    },
  );
}
