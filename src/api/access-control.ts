import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { NotAllowedError, type Role } from '../model/index.js';
import { type AuthService, hasRole, type Principal } from './auth-service.js';
import { UnauthenticatedError } from './unauthenticated-error.js';

/** Who may call a route: anyone (`public`), or holders of at least this role. */
export type RouteAccess = 'public' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route must declare it; registration fails otherwise, so none is left open. */
    access?: RouteAccess;
    /** A request without an Authorization header passes; the handler authenticates in-band (WebSocket). */
    deferAuth?: boolean;
  }
  interface FastifyRequest {
    /** Set by the access hook for every non-public route; null only where auth is deferred. */
    principal: Principal | null;
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const tables = new WeakMap<FastifyInstance, ApiRoute[]>();

/** The /api routes and who may call them, as registered: for tests and docs. HEAD routes left out. */
export function listApiRoutes(app: FastifyInstance): readonly ApiRoute[] {
  return tables.get(app) ?? [];
}

/**
 * Adds an authentication and role check, as the first onRequest hook, to every /api route
 * registered after this call, from the route's `config.access`. Running in onRequest means a
 * caller without the right token is turned away before the body is even read.
 */
export function installAccessControl(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  const table: ApiRoute[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    // Receivers that speak other tools' protocols (/v1/metrics, /write) declare access too.
    const declared = route.config?.access;
    if (!route.url.startsWith('/api/') && route.url !== '/api' && declared === undefined) return;
    const access = declared;
    if (access === undefined)
      throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') table.push({ method, url: route.url, access });
    if (access === 'public') return;
    const check = authenticate(auth, access, route.config?.deferAuth === true);
    const existing =
      route.onRequest === undefined
        ? []
        : Array.isArray(route.onRequest)
          ? route.onRequest
          : [route.onRequest];
    route.onRequest = [check, ...existing];
  });
}

function authenticate(auth: AuthService, required: Role, deferred: boolean): onRequestHookHandler {
  return (request, _reply, done) => {
    const header = request.headers.authorization;
    if (header === undefined) {
      if (deferred) return done();
      return done(new UnauthenticatedError('this needs a bearer token: send Authorization: Bearer <token>'));
    }
    const principal = auth.verify(bearerSecret(header));
    if (principal === undefined)
      return done(new UnauthenticatedError('the bearer token is unknown or revoked', true));
    if (!hasRole(principal.role, required)) {
      return done(
        new NotAllowedError(
          `this needs the ${required === 'ingest' ? 'ingest, operator or admin' : required} role; token '${principal.name}' has the ${principal.role} role`,
        ),
      );
    }
    request.principal = principal;
    done();
  };
}

/**
 * The secret of `Bearer <secret>` (scheme case-insensitive, RFC 6750), or '' when malformed. For
 * the senders that cannot send a bearer token, `Token <secret>` (InfluxDB 2, Telegraf) and Basic
 * with the token as password (InfluxDB 1) are read too.
 */
function bearerSecret(header: string): string {
  const space = header.indexOf(' ');
  if (space < 0) return '';
  const scheme = header.slice(0, space).toLowerCase();
  const credentials = header.slice(space + 1).trim();
  if (scheme === 'bearer' || scheme === 'token') return credentials;
  if (scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return '';
}

/** The caller's principal; the access hook guarantees one on every non-public, non-deferred route. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new UnauthenticatedError('not authenticated');
  return request.principal;
}
