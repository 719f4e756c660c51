import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InputIssue, Problem } from '../contract/index.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../model/index.js';
import { UnauthenticatedError } from './unauthenticated-error.js';

const kinds: Readonly<Record<number, { slug: string; title: string }>> = {
  400: { slug: 'bad-request', title: 'Bad request' },
  401: { slug: 'unauthenticated', title: 'Unauthenticated' },
  403: { slug: 'forbidden', title: 'Forbidden' },
  404: { slug: 'not-found', title: 'Not found' },
  405: { slug: 'method-not-allowed', title: 'Method not allowed' },
  406: { slug: 'not-acceptable', title: 'Not acceptable' },
  409: { slug: 'conflict', title: 'Conflict' },
  413: { slug: 'payload-too-large', title: 'Payload too large' },
  414: { slug: 'uri-too-long', title: 'URI too long' },
  415: { slug: 'unsupported-media-type', title: 'Unsupported media type' },
  426: { slug: 'upgrade-required', title: 'Upgrade required' },
  429: { slug: 'too-many-requests', title: 'Too many requests' },
  500: { slug: 'internal', title: 'Internal server error' },
  503: { slug: 'unavailable', title: 'Service unavailable' },
};

/**
 * The ingest layer's errors, by name (the receivers' decoders each define theirs): too large,
 * not a format we read, and saturated (the sender retries after Retry-After).
 */
const ingestErrorStatus: Readonly<Record<string, number>> = {
  PayloadTooLargeError: 413,
  UnsupportedMediaTypeError: 415,
  OverloadedError: 503,
};

export const problemContentType = 'application/problem+json; charset=utf-8';

/** The one place where errors become HTTP: RFC 9457 problem details, never a stack or internals. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  issues?: InputIssue[],
): FastifyReply {
  const kind = kinds[status] ?? { slug: status >= 500 ? 'internal' : 'bad-request', title: 'Error' };
  const problem: Problem = {
    type: `urn:infratwin:problem:${kind.slug}`,
    title: kind.title,
    status,
    detail,
    instance: pathOf(request.url),
  };
  if (issues !== undefined) problem.issues = issues;
  return reply.code(status).type(problemContentType).send(problem);
}

/** Maps every error to its status; an error not known here is a 500 with a generic detail. */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof InputError) return sendProblem(request, reply, 400, error.message, error.issues);
  if (error instanceof NotFoundError) return sendProblem(request, reply, 404, error.message);
  if (error instanceof ConflictError) return sendProblem(request, reply, 409, error.message);
  if (error instanceof NotAllowedError) return sendProblem(request, reply, 403, error.message);
  if (error instanceof UnauthenticatedError) {
    reply.header(
      'www-authenticate',
      error.invalidToken ? 'Bearer realm="infratwin", error="invalid_token"' : 'Bearer realm="infratwin"',
    );
    return sendProblem(request, reply, 401, error.message);
  }
  const ingestStatus = ingestErrorStatus[error.name];
  if (ingestStatus !== undefined) {
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return sendProblem(request, reply, ingestStatus, error.message);
  }
  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError.validation)) {
    const context = fastifyError.validationContext ?? 'request';
    const issues = fastifyError.validation.map((item) => validationIssue(context, item));
    const count = issues.length === 1 ? 'one problem' : `${issues.length} problems`;
    return sendProblem(request, reply, 400, `the request is not valid: ${count}`, issues);
  }
  const status = fastifyError.statusCode;
  // Fastify's own client errors (bad JSON, body too large, unsupported media type, bad URL)
  // carry safe messages; anything else might carry internals.
  if (typeof status === 'number' && status >= 400 && status < 500 && fastifyError.code?.startsWith('FST_')) {
    return sendProblem(request, reply, status, fastifyError.message);
  }
  request.log.error({ err: error, reqId: request.id }, 'request failed');
  return sendProblem(
    request,
    reply,
    500,
    `internal error (request ${request.id}); the server log has the details`,
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    sendProblem(request, reply, 404, `no route ${request.method} ${pathOf(request.url)}`);
  });
}

/** Errors fastify raises before routing (a malformed URL), answered like all others. */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  handleError(error, request, reply);
}

interface ValidationItem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `body` + `/ops/2/entity/kind` → `body.ops[2].entity.kind`, naming the missing field itself. */
function validationIssue(context: string, item: ValidationItem): InputIssue {
  let field = context;
  for (const part of item.instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    field += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  const { missingProperty, additionalProperty, tag } = item.params;
  if (typeof missingProperty === 'string') field += `.${missingProperty}`;
  else if (typeof additionalProperty === 'string') field += `.${additionalProperty}`;
  else if (item.keyword === 'discriminator' && typeof tag === 'string') field += `.${tag}`;
  let message = item.message ?? item.keyword;
  if (item.keyword === 'discriminator' && item.params.tagValue !== undefined) {
    message = `${JSON.stringify(item.params.tagValue)} is not a known ${String(tag)}`;
  }
  if (Array.isArray(item.params.allowedValues)) message += `: ${item.params.allowedValues.join(', ')}`;
  return { field, message };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
