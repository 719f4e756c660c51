import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type EventQuery,
  EventQuerySchema,
  type IngestStatus,
  IngestStatusSchema,
  type List,
  ListSchema,
  type QuarantineEntry,
  QuarantineEntrySchema,
  type SeriesInfo,
  SeriesInfoSchema,
  type SeriesQuery,
  SeriesQuerySchema,
  type SeriesRange,
  SeriesRangeSchema,
  type SyslogEvent,
  SyslogEventSchema,
} from '../contract/index.js';
import {
  encodeOtlpResponse,
  type IngestOutcome,
  type IngestService,
  maxPoints,
  querySeriesRange,
  type TimestampPrecision,
} from '../ingest/index.js';
import { InputError, NotFoundError } from '../model/index.js';
import { authProblems, noContent, withProblems } from './route-schema.js';

/** The receivers a server runs besides its HTTP endpoints, for the status page. */
export interface IngestDeps {
  service: IngestService;
  /** MQTT, syslog and scrape receivers' counters by receiver name. */
  listenerStats?: () => Record<string, Record<string, unknown>>;
}

const tags = ['ingest'];
const EntityQuerySchema = Type.Object({ entity: Type.String({ minLength: 1, description: 'entity id' }) });
const SeriesRangeQuerySchema = Type.Composite([EntityQuerySchema, SeriesQuerySchema]);

/**
 * Telemetry receivers (remote_write here; the others register beside it) and the series and
 * ingest status reads. The receivers take raw bodies: they decode them themselves.
 */
export async function registerIngestRoutes(app: FastifyInstance, deps: IngestDeps): Promise<void> {
  const { service } = deps;
  const admitted = new WeakSet<FastifyRequest>();
  await app.register(async (scope) => {
    // Admission before the body is read: a saturated receiver refuses cheaply (503, Retry-After).
    scope.addHook('onRequest', async (request) => {
      service.enterRequest();
      admitted.add(request);
    });
    scope.addHook('onResponse', async (request) => {
      if (admitted.delete(request)) service.leaveRequest();
    });
    scope.addHook('onRequestAbort', async (request) => {
      if (admitted.delete(request)) service.leaveRequest();
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post<{ Body: Buffer }>(
      '/api/v1/write',
      {
        config: { access: 'ingest' },
        schema: {
          tags,
          summary: 'Prometheus remote_write 1.0 receiver',
          description:
            'A snappy-compressed protobuf WriteRequest. 204 once every sample is durable; 400 for a ' +
            'malformed body (do not retry); 503 with Retry-After when saturated (retry). See docs/ingest.md.',
          response: withProblems({ 204: noContent }, 400, ...authProblems, 413, 503),
        },
      },
      async (request, reply) => {
        const outcome = await service.remoteWrite(bodyOf(request), 'remote_write');
        return answerRemoteWrite(reply, outcome);
      },
    );

    scope.post<{ Body: Buffer }>(
      '/v1/metrics',
      {
        config: { access: 'ingest' },
        schema: {
          tags,
          summary: 'OpenTelemetry OTLP/HTTP metrics receiver (protobuf or JSON, gzip allowed)',
          description:
            "An ExportMetricsServiceRequest. 200 with an ExportMetricsServiceResponse in the request's " +
            'encoding, with partial_success when data points were rejected; 400 for an undecodable body; ' +
            '415 for another Content-Type; 503 with Retry-After when saturated.',
          response: withProblems({}, 400, ...authProblems, 413, 415, 503),
        },
      },
      async (request, reply) => {
        const contentType = request.headers['content-type'] ?? '';
        const outcome = await service.otlpMetrics(
          bodyOf(request),
          contentType,
          header(request, 'content-encoding'),
        );
        const response = encodeOtlpResponse(outcome, contentType);
        return reply.code(200).type(response.contentType).send(response.body);
      },
    );

    const lineProtocol = async (
      request: FastifyRequest<{ Body: Buffer; Querystring: { precision?: string } }>,
      reply: FastifyReply,
      v1: boolean,
    ) => {
      const precision = precisionOf(request.query.precision, v1);
      const outcome = await service.lineProtocol(
        bodyOf(request),
        precision,
        header(request, 'content-encoding'),
      );
      const bad = outcome.issues.filter((issue) => issue.line !== undefined);
      if (bad.length > 0) {
        throw new InputError(
          `partial write: ${bad.length} line(s) could not be read; ${outcome.accepted} samples were kept`,
          bad.slice(0, 100),
        );
      }
      // Points that name no entity are not a syntax error: reported, as remote_write does.
      if (outcome.rejected > 0) reply.header('x-infratwin-rejected-samples', String(outcome.rejected));
      return reply.code(204).send();
    };
    const influxSchema = (version: string) => ({
      tags,
      summary: `InfluxDB ${version} line protocol receiver (what Telegraf sends)`,
      description:
        'Points, gzip allowed. 204 when every line was read; 400 "partial write" listing bad lines ' +
        '(line, column) while the good ones are kept, as InfluxDB does.',
      querystring: Type.Object({ precision: Type.Optional(Type.String()) }, { additionalProperties: true }),
      response: withProblems({ 204: noContent }, 400, ...authProblems, 413, 415, 503),
    });
    scope.post<{ Body: Buffer; Querystring: { precision?: string } }>(
      '/write',
      { config: { access: 'ingest' }, schema: influxSchema('1.x') },
      (request, reply) => lineProtocol(request, reply, true),
    );
    scope.post<{ Body: Buffer; Querystring: { precision?: string } }>(
      '/api/v2/write',
      { config: { access: 'ingest' }, schema: influxSchema('2.x') },
      (request, reply) => lineProtocol(request, reply, false),
    );
  });

  app.get(
    '/api/ingest/status',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Receivers, samples, series, memory and the journal',
        response: withProblems({ 200: IngestStatusSchema }, ...authProblems),
      },
    },
    (): IngestStatus => ingestStatus(deps),
  );

  app.get(
    '/api/ingest/quarantine',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Sources strict mode holds back: nothing in the twin answers to their names',
        response: withProblems({ 200: ListSchema(QuarantineEntrySchema) }, ...authProblems),
      },
    },
    (): List<QuarantineEntry> => ({ items: service.mirror.quarantine() }),
  );

  app.get<{ Querystring: EventQuery }>(
    '/api/events',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Syslog events, newest first, of one entity or of all',
        querystring: EventQuerySchema,
        response: withProblems({ 200: ListSchema(SyslogEventSchema) }, 400, ...authProblems),
      },
    },
    (request): List<SyslogEvent> => {
      const { entity, maxSeverity, limit } = request.query;
      const items = service.events.list({
        ...(entity ? { entityId: entity } : {}),
        ...(maxSeverity !== undefined ? { maxSeverity } : {}),
        ...(limit ? { limit } : {}),
      });
      return {
        items: items.map(({ entityId, ...event }) => ({ ...event, ...(entityId ? { entityId } : {}) })),
      };
    },
  );

  app.get<{ Querystring: { entity: string } }>(
    '/api/series',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: "An entity's series in the hot buffers",
        querystring: EntityQuerySchema,
        response: withProblems({ 200: ListSchema(SeriesInfoSchema) }, 400, ...authProblems, 404),
      },
    },
    (request): List<SeriesInfo> => {
      if (!service.mirror.twin.live.entity(request.query.entity))
        throw new NotFoundError(`no entity '${request.query.entity}'`);
      return { items: service.mirror.listSeries(request.query.entity) };
    },
  );

  app.get<{ Querystring: SeriesQuery & { entity: string } }>(
    '/api/series/query',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'A range of one series, raw or per step (last, avg, min, max, rate)',
        description:
          'Within the hot window from raw samples; older ranges from the persisted 1 min / 1 h rollups.',
        querystring: SeriesRangeQuerySchema,
        response: withProblems({ 200: SeriesRangeSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<SeriesRange> => {
      const { entity, series, step, fn } = request.query;
      const end = request.query.end ?? service.mirror.twin.now();
      const start = request.query.start ?? end - 3_600_000;
      if (start > end)
        throw new InputError('start is after end', [
          { field: 'querystring.start', message: 'must be ≤ end' },
        ]);
      if (step !== undefined && (end - start) / step > maxPoints) {
        throw new InputError(`that step gives more than ${maxPoints} points`, [
          {
            field: 'querystring.step',
            message: `at least ${Math.ceil((end - start) / maxPoints)} ms for this range`,
          },
        ]);
      }
      const answer = await querySeriesRange(service.mirror, {
        entityId: entity,
        series,
        start,
        end,
        ...(step ? { step } : {}),
        ...(fn ? { fn } : {}),
      });
      return { entityId: entity, series, ...answer };
    },
  );
}

function bodyOf(request: FastifyRequest): Buffer {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new InputError('the request has no body', [{ field: 'body', message: 'expected a body' }]);
  }
  return body;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const influxPrecisions: Readonly<Record<string, TimestampPrecision>> = {
  ns: 'ns',
  n: 'ns',
  us: 'us',
  u: 'us',
  ms: 'ms',
  s: 's',
};

/** InfluxDB 1 spells precisions n, u, ms, s; InfluxDB 2 ns, us, ms, s. Both default to ns. */
function precisionOf(value: string | undefined, v1: boolean): TimestampPrecision {
  if (value === undefined || value === '') return 'ns';
  const precision = influxPrecisions[value];
  if (!precision) {
    throw new InputError(`unknown precision '${value}'`, [
      { field: 'querystring.precision', message: v1 ? 'must be n, u, ms or s' : 'must be ns, us, ms or s' },
    ]);
  }
  return precision;
}

function answerRemoteWrite(reply: FastifyReply, outcome: IngestOutcome): FastifyReply {
  // remote_write has no partial success: samples it could not place are reported in a header, not
  // as an error, since a retry would not place them either.
  if (outcome.rejected > 0) reply.header('x-infratwin-rejected-samples', String(outcome.rejected));
  return reply.code(204).send();
}

function ingestStatus(deps: IngestDeps): IngestStatus {
  const stats = deps.service.stats();
  const mirror = deps.service.mirror.stats();
  const memory = deps.service.mirror.store.memoryStats();
  return {
    mode: mirror.mode,
    series: mirror.series,
    samples: {
      accepted: mirror.accepted,
      duplicates: mirror.duplicates,
      quarantined: mirror.quarantined,
      rejected: mirror.rejected,
      noValue: mirror.noValue,
    },
    discovered: mirror.discovered,
    quarantinedSources: mirror.quarantinedSources,
    memory: {
      bytesPerSeries: memory.bytesPerSeries,
      bytesPerSample: memory.bytesPerSample,
      samplesHeld: memory.samples,
    },
    receivers: stats.receivers,
    shedding: stats.shedding,
    ...(stats.journal ? { journal: stats.journal } : {}),
    listeners: deps.listenerStats?.() ?? {},
  };
}
