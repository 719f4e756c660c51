import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { AlertBook, Twin } from '../model/index.js';
import type { AuthService } from './auth-service.js';
import { sendProblem } from './error-handling.js';
import { defaultLiveSessionOptions, LiveSession, type LiveSessionOptions } from './live-session.js';
import { withProblems } from './route-schema.js';

export const livePath = '/api/live';

/** Largest message a live client may send (a subscribe with many ids). */
const maxClientMessageBytes = 1024 * 1024;

/**
 * GET /api/live: the WebSocket stream of state and change events. The token comes in the
 * Authorization header or in a first `auth` message, never in the URL, where logs would keep it.
 *
 * The WebSocket plugin lives in its own scope: registered at the root it would add an onRequest
 * and an onResponse hook to every route, a sixth of the throughput of the entity read. Only
 * upgrades of /api/live reach it; any other upgrade is refused here and its socket closed.
 */
export async function registerLiveRoutes(
  app: FastifyInstance,
  twin: Twin,
  auth: AuthService,
  options: Partial<LiveSessionOptions> = {},
  alerts?: AlertBook,
): Promise<void> {
  const sessionOptions = { ...defaultLiveSessionOptions, ...options };
  const liveUpgrades = new EventEmitter();
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = request.url ?? '';
    const query = url.indexOf('?');
    if ((query === -1 ? url : url.slice(0, query)) === livePath) {
      liveUpgrades.emit('upgrade', request, socket, head);
      return;
    }
    const body = JSON.stringify({
      type: 'urn:infratwin:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: `no WebSocket at this path; use ${livePath}`,
      instance: query === -1 ? url : url.slice(0, query),
    });
    socket.end(
      `HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
  app.server.on('upgrade', onUpgrade);
  app.addHook('onClose', async () => {
    app.server.off('upgrade', onUpgrade);
  });

  await app.register(async (scope) => {
    await scope.register(fastifyWebsocket, {
      options: { maxPayload: maxClientMessageBytes, server: liveUpgrades as unknown as Server },
    });
    registerLiveRoute(scope, twin, auth, sessionOptions, alerts);
  });
}

function registerLiveRoute(
  app: FastifyInstance,
  twin: Twin,
  auth: AuthService,
  sessionOptions: LiveSessionOptions,
  alerts: AlertBook | undefined,
): void {
  app.route({
    method: 'GET',
    url: livePath,
    config: { access: 'viewer', deferAuth: true },
    schema: {
      tags: ['live'],
      summary: 'WebSocket: live state and change events (see docs/api.md for the protocol)',
      description:
        'Upgrade to a WebSocket. Authenticate with `Authorization: Bearer <token>` or, without it, send ' +
        '`{"type":"auth","token":"…"}` first. Then send `{"type":"subscribe","ids":[],"kinds":[],"selector":"","states":"all"}` and ' +
        'receive `state` (coalesced per entity per 50 ms; with `"states":"health"` only when an entity’s health changes) ' +
        'and `change` messages that match. A plain GET is answered 426.',
      response: withProblems({}, 401, 403, 426),
    },
    handler: (request, reply) => {
      reply.header('upgrade', 'websocket');
      return sendProblem(request, reply, 426, 'GET /api/live is a WebSocket: send Upgrade: websocket');
    },
    wsHandler: (socket, request) => {
      const session = new LiveSession(
        socket,
        { twin, auth, alerts, onError: (error) => request.log.error({ err: error }, 'live session failed') },
        request.principal,
        sessionOptions,
      );
      session.start();
    },
  });
}
