import type { FastifyInstance } from 'fastify';
import {
  type ImpactReport,
  ImpactReportSchema,
  type ImpactRequest,
  ImpactRequestSchema,
  type PathQuery,
  PathQuerySchema,
  type PathReport,
  PathReportSchema,
  type ViewQuery,
  ViewQuerySchema,
} from '../contract/index.js';
import {
  computeImpact,
  InputError,
  isRelationType,
  type RelationType,
  shortestPath,
  type Twin,
} from '../model/index.js';
import { authProblems, withProblems } from './route-schema.js';
import { selectView } from './view-selection.js';

const tags = ['analysis'];

/** Questions across the graph rather than about one entity. */
export function registerTraversalRoutes(app: FastifyInstance, twin: Twin): void {
  // A read sent as POST because the list of ids can be long; viewers may ask it.
  app.post<{ Body: ImpactRequest; Querystring: ViewQuery }>(
    '/api/impact',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Blast radius of several entities failing at once',
        querystring: ViewQuerySchema,
        body: ImpactRequestSchema,
        response: withProblems({ 200: ImpactReportSchema }, 400, ...authProblems, 404, 413, 415),
      },
    },
    async (request): Promise<ImpactReport> => {
      return computeImpact(selectView(twin, request.query), [...new Set(request.body.ids)]);
    },
  );

  app.get<{ Querystring: PathQuery }>(
    '/api/path',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'A shortest path between two entities over relations of the given types, either direction',
        querystring: PathQuerySchema,
        response: withProblems({ 200: PathReportSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<PathReport> => {
      const { from, to, maxDepth } = request.query;
      const types = relationTypesOf(request.query.types);
      const steps = shortestPath(selectView(twin, request.query), from, to, {
        maxDepth,
        ...(types !== undefined ? { types } : {}),
      });
      return { from, to, found: steps !== undefined, steps: steps ?? [] };
    },
  );
}

/** `types=a,b` or `types=a&types=b`, every one checked. */
function relationTypesOf(values: string[] | undefined): RelationType[] | undefined {
  if (values === undefined) return undefined;
  const names = values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return undefined;
  const unknown = names.filter((name) => !isRelationType(name));
  if (unknown.length > 0) {
    throw new InputError(`unknown relation type ${unknown.map((name) => `'${name}'`).join(', ')}`, [
      { field: 'querystring.types', message: `unknown: ${unknown.join(', ')}` },
    ]);
  }
  return names as RelationType[];
}
