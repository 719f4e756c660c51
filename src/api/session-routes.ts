import type { FastifyInstance } from 'fastify';
import { type Session, SessionSchema } from '../contract/index.js';
import { principalOf } from './access-control.js';
import { authProblems, withProblems } from './route-schema.js';

/**
 * GET /api/session: who the token belongs to. The web UI checks a pasted token with it and shows
 * only the controls the role may use. Open to every role that reads (an `ingest` token reads
 * nothing, so it is refused like on every read).
 */
export function registerSessionRoutes(app: FastifyInstance): void {
  app.get(
    '/api/session',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['access'],
        summary: 'The name and role of the calling token',
        response: withProblems({ 200: SessionSchema }, ...authProblems),
      },
    },
    async (request): Promise<Session> => {
      const { name, role } = principalOf(request);
      return { name, role };
    },
  );
}
