import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type IdParams,
  IdParamsSchema,
  type List,
  ListSchema,
  type ScenarioResult,
  ScenarioResultSchema,
  type ScenarioSummary,
  ScenarioSummarySchema,
} from '../contract/index.js';
import { type LiveMirror, querySeriesRange, readStructuredText } from '../ingest/index.js';
import { NotFoundError, type Twin } from '../model/index.js';
import { type MetricHistory, parseScenario, runScenario } from '../simulate/index.js';
import { principalOf } from './access-control.js';
import { estateContentTypes } from './import-routes.js';
import { authProblems, withProblems } from './route-schema.js';

const tags = ['scenarios'];
/** Results kept for GET, newest last; the forks themselves stay until deleted. */
const keptResults = 32;

interface ScenarioQuery {
  file?: string;
  keepFork?: boolean;
}

/**
 * What-if scenarios: POST a scenario (YAML or JSON, docs/simulate.md) and get the predicted
 * state, the limits it breaks, the cascade and the headroom; the scenario's fork keeps its
 * changes and predicted metrics. Scenarios run one at a time.
 */
export async function registerScenarioRoutes(
  app: FastifyInstance,
  twin: Twin,
  mirror?: LiveMirror,
): Promise<void> {
  const results = new Map<string, { result: ScenarioResult; ranAt: number }>();
  let queue: Promise<unknown> = Promise.resolve();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(estateContentTypes, { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    scope.post<{ Body: string; Querystring: ScenarioQuery }>(
      '/api/scenarios',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Run a what-if scenario on a fork of the twin',
          description:
            'The body is a scenario in YAML or JSON. A scenario that does not validate, or names entities the twin ' +
            'does not have, is answered 400 with every problem and its line; nothing is created.',
          consumes: estateContentTypes,
          querystring: Type.Object({
            file: Type.Optional(Type.String({ description: 'the file name, for messages' })),
            keepFork: Type.Optional(
              Type.Boolean({ default: true, description: 'false deletes the fork after the run' }),
            ),
          }),
          body: Type.String({ minLength: 1, description: 'the scenario’s text' }),
          response: withProblems({ 201: ScenarioResultSchema }, 400, ...authProblems, 404, 413, 415),
        },
      },
      async (request, reply): Promise<ScenarioResult> => {
        const file = request.query.file ?? 'scenario';
        const run = async () => {
          const text = readStructuredText(request.body, file);
          const spec = parseScenario(text.value, text.locate);
          const history = mirror ? mirrorHistory(mirror, twin.now()) : undefined;
          return runScenario(twin, spec, {
            actor: principalOf(request).name,
            ...(history ? { history } : {}),
            keepFork: request.query.keepFork !== false,
          });
        };
        const next = queue.then(run, run);
        queue = next;
        const result = (await next) as ScenarioResult;
        results.set(result.fork, { result, ranAt: twin.now() });
        while (results.size > keptResults) results.delete(results.keys().next().value as string);
        reply.code(201);
        return result;
      },
    );
  });

  app.get(
    '/api/scenarios',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Scenarios this server ran (the latest 32), newest first',
        response: withProblems({ 200: ListSchema(ScenarioSummarySchema) }, ...authProblems),
      },
    },
    async (): Promise<List<ScenarioSummary>> => ({
      items: [...results.values()].reverse().map(({ result, ranAt }) => ({
        fork: result.fork,
        name: result.scenario.name,
        ranAt,
        summary: result.summary,
      })),
    }),
  );

  app.get<{ Params: IdParams }>(
    '/api/scenarios/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'The result of a scenario, by its fork id',
        params: IdParamsSchema,
        response: withProblems({ 200: ScenarioResultSchema }, ...authProblems, 404),
      },
    },
    async (request): Promise<ScenarioResult> => {
      const kept = results.get(request.params.id);
      if (!kept)
        throw new NotFoundError(
          `no scenario result for '${request.params.id}' (results are kept in memory, the latest ${keptResults})`,
        );
      return kept.result;
    },
  );
}

/** How far back calibration looks for the utilisation law over time, at one-minute means. */
const historyMs = 6 * 3_600_000;
const historyStepMs = 60_000;

/**
 * The last hours of a metric from the live mirror's hot buffers and rollups, up to `now`; empty
 * where it has none. Every series of one scenario is read over the same whole steps, so their
 * timestamps line up and join.
 */
function mirrorHistory(mirror: LiveMirror, now: number): MetricHistory {
  const end = Math.floor(now / historyStepMs) * historyStepMs + historyStepMs;
  return async (entityId, metric) => {
    if (!mirror.listSeries(entityId).some((series) => series.name === metric)) return [];
    const answer = await querySeriesRange(mirror, {
      entityId,
      series: metric,
      start: end - historyMs,
      end,
      step: historyStepMs,
      fn: 'avg',
    });
    return answer.points.filter(([, value]) => Number.isFinite(value));
  };
}
