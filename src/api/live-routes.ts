import type { FastifyInstance } from 'fastify';
import type { Twin } from '../model/index.js';
import type { AuthService } from './auth-service.js';
import { sendProblem } from './error-handling.js';
import { defaultLiveSessionOptions, LiveSession, type LiveSessionOptions } from './live-session.js';
import { withProblems } from './route-schema.js';

/**
 * GET /api/live: the WebSocket stream of state and change events. The token comes in the
 * Authorization header or in a first `auth` message, never in the URL, where logs would keep it.
 */
export function registerLiveRoutes(
  app: FastifyInstance,
  twin: Twin,
  auth: AuthService,
  options: Partial<LiveSessionOptions> = {},
): void {
  const sessionOptions = { ...defaultLiveSessionOptions, ...options };
  app.route({
    method: 'GET',
    url: '/api/live',
    config: { access: 'viewer', deferAuth: true },
    schema: {
      tags: ['live'],
      summary: 'WebSocket: live state and change events (see docs/api.md for the protocol)',
      description:
        'Upgrade to a WebSocket. Authenticate with `Authorization: Bearer <token>` or, without it, send ' +
        '`{"type":"auth","token":"…"}` first. Then send `{"type":"subscribe","ids":[],"kinds":[],"selector":""}` and ' +
        'receive `state` (coalesced per entity per 250 ms) and `change` messages that match. A plain GET is answered 426.',
      response: withProblems({}, 401, 403, 426),
    },
    handler: (request, reply) => {
      reply.header('upgrade', 'websocket');
      return sendProblem(request, reply, 426, 'GET /api/live is a WebSocket: send Upgrade: websocket');
    },
    wsHandler: (socket, request) => {
      const session = new LiveSession(
        socket,
        { twin, auth, onError: (error) => request.log.error({ err: error }, 'live session failed') },
        request.principal,
        sessionOptions,
      );
      session.start();
    },
  });
}
