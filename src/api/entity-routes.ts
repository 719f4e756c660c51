import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type ContainmentQuery,
  ContainmentQuerySchema,
  type DependencyNode,
  DependencyNodeSchema,
  type DependencyQuery,
  DependencyQuerySchema,
  type Entity,
  type EntityBrief,
  EntityBriefSchema,
  type EntityListQuery,
  EntityListQuerySchema,
  type EntityParams,
  EntityParamsSchema,
  EntitySchema,
  ImpactReportSchema,
  type List,
  ListSchema,
  type Page,
  PageSchema,
  type PlacedEntity,
  PlacedEntitySchema,
  PowerPathReportSchema,
  type Relation,
  RelationSchema,
  RelationTypeSchema,
  type ViewQuery,
  ViewQuerySchema,
} from '../contract/index.js';
import {
  computeImpact,
  computePowerPath,
  containmentClosure,
  dependencyClosure,
  type EntityId,
  findEntities,
  type ImpactReport,
  NotFoundError,
  type PowerPathReport,
  parseLabelSelector,
  type RelationType,
  type Twin,
  type TwinView,
} from '../model/index.js';
import { entityResponse, entityResponseJson } from './entity-response.js';
import { authProblems, withProblems } from './route-schema.js';
import { selectView } from './view-selection.js';

const tags = ['entities'];
const jsonContentType = 'application/json; charset=utf-8';

/** The query every entity sub-resource may get; the hidden raw-slash route validates against it. */
const AnyEntityQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
    direction: Type.Optional(Type.Union([Type.Literal('providers'), Type.Literal('dependents')])),
    type: Type.Optional(RelationTypeSchema),
  }),
]);
type AnyEntityQuery = ViewQuery & {
  depth?: number;
  direction?: 'providers' | 'dependents';
  type?: RelationType;
};

const EntityRelationsQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({ type: Type.Optional(RelationTypeSchema) }),
]);

type SubResource = 'children' | 'parents' | 'dependencies' | 'impact' | 'power-path' | 'relations';
const subResources: ReadonlySet<string> = new Set<SubResource>([
  'children',
  'parents',
  'dependencies',
  'impact',
  'power-path',
  'relations',
]);

/**
 * Entity reads. Ids hold ':' and '/', so each route exists twice: `/api/entities/:id/...` for
 * URL-encoded ids (documented in OpenAPI), and a hidden `/api/entities/*` for raw slashes, which
 * the router reaches only when no named route matches and which parses the suffix itself.
 */
export function registerEntityRoutes(app: FastifyInstance, twin: Twin): void {
  const answer = (view: TwinView, id: EntityId, sub: SubResource | undefined, query: AnyEntityQuery) => {
    const entity = view.entity(id);
    if (entity === undefined) throw new NotFoundError(`no entity '${id}'`);
    switch (sub) {
      case undefined:
        return entityResponseJson(twin, view, entity);
      case 'children':
      case 'parents':
        return placement(twin, view, id, sub === 'children' ? 'down' : 'up', query.depth ?? 1);
      case 'dependencies':
        return dependencies(view, id, query.direction ?? 'providers', query.depth);
      case 'impact':
        return impact(view, id);
      case 'power-path':
        return powerPath(view, id);
      case 'relations':
        return relationsOf(view, id, query.type);
    }
  };

  app.get<{ Querystring: EntityListQuery }>(
    '/api/entities',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'List entities with their state',
        description: 'By kind, Kubernetes label selector and id/name substring, one page at a time.',
        querystring: EntityListQuerySchema,
        response: withProblems({ 200: PageSchema(EntitySchema) }, 400, ...authProblems, 404),
      },
    },
    (request): Page<Entity> => {
      const view = selectView(twin, request.query);
      const page = listEntities(view, request.query);
      return { ...page, items: page.items.map((entity) => entityResponse(twin, view, entity)) };
    },
  );

  app.get<{ Querystring: EntityListQuery }>(
    '/api/entity-briefs',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'List entities in brief: id, kind, name and health',
        description:
          'The same filters and paging as GET /api/entities, a tenth of the bytes: what a map or a picker needs.',
        querystring: EntityListQuerySchema,
        response: withProblems({ 200: PageSchema(EntityBriefSchema) }, 400, ...authProblems, 404),
      },
    },
    (request): Page<EntityBrief> => {
      const view = selectView(twin, request.query);
      const page = listEntities(view, request.query);
      const items = page.items.map((entity) => ({
        id: entity.id,
        kind: entity.kind,
        name: entity.name,
        health: twin.health(view, entity).health,
      }));
      return { ...page, items };
    },
  );

  // The hot path: one view pick, one map lookup, the health rule, the response. Handlers here are
  // synchronous: returning a value, not a promise, saves Fastify a promise per request.
  app.get<{ Params: EntityParams; Querystring: ViewQuery }>(
    '/api/entities/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'One entity with its latest metrics and health',
        params: EntityParamsSchema,
        querystring: ViewQuerySchema,
        response: withProblems({ 200: EntitySchema }, 400, ...authProblems, 404),
      },
    },
    (request, reply) => {
      const view = selectView(twin, request.query);
      const entity = view.entity(request.params.id);
      if (entity === undefined) throw new NotFoundError(`no entity '${request.params.id}'`);
      return reply.type(jsonContentType).send(entityResponseJson(twin, view, entity));
    },
  );

  app.get<{ Params: EntityParams; Querystring: ContainmentQuery }>(
    '/api/entities/:id/children',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'What the entity contains or hosts, down to `depth` levels',
        description: 'The placement hierarchy: `contains` downward and `runs-on` from host to guest.',
        params: EntityParamsSchema,
        querystring: ContainmentQuerySchema,
        response: withProblems({ 200: ListSchema(PlacedEntitySchema) }, 400, ...authProblems, 404),
      },
    },
    (request) => answer(selectView(twin, request.query), request.params.id, 'children', request.query),
  );

  app.get<{ Params: EntityParams; Querystring: ContainmentQuery }>(
    '/api/entities/:id/parents',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'What contains or hosts the entity, up to `depth` levels',
        params: EntityParamsSchema,
        querystring: ContainmentQuerySchema,
        response: withProblems({ 200: ListSchema(PlacedEntitySchema) }, 400, ...authProblems, 404),
      },
    },
    (request) => answer(selectView(twin, request.query), request.params.id, 'parents', request.query),
  );

  app.get<{ Params: EntityParams; Querystring: DependencyQuery }>(
    '/api/entities/:id/dependencies',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'What the entity needs (providers) or what needs it (dependents), transitively',
        params: EntityParamsSchema,
        querystring: DependencyQuerySchema,
        response: withProblems({ 200: ListSchema(DependencyNodeSchema) }, 400, ...authProblems, 404),
      },
    },
    (request) => answer(selectView(twin, request.query), request.params.id, 'dependencies', request.query),
  );

  app.get<{ Params: EntityParams; Querystring: ViewQuery }>(
    '/api/entities/:id/impact',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Blast radius: what fails or degrades if this entity fails',
        params: EntityParamsSchema,
        querystring: ViewQuerySchema,
        response: withProblems({ 200: ImpactReportSchema }, 400, ...authProblems, 404),
      },
    },
    (request) => answer(selectView(twin, request.query), request.params.id, 'impact', request.query),
  );

  app.get<{ Params: EntityParams; Querystring: ViewQuery }>(
    '/api/entities/:id/power-path',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Power path: feed → UPS → PDU → rack → device, with load against rating per hop',
        params: EntityParamsSchema,
        querystring: ViewQuerySchema,
        response: withProblems({ 200: PowerPathReportSchema }, 400, ...authProblems, 404),
      },
    },
    (request) => answer(selectView(twin, request.query), request.params.id, 'power-path', request.query),
  );

  app.get<{ Params: EntityParams; Querystring: ViewQuery & { type?: RelationType } }>(
    '/api/entities/:id/relations',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'The entity’s relations, both ways',
        params: EntityParamsSchema,
        querystring: EntityRelationsQuerySchema,
        response: withProblems({ 200: ListSchema(RelationSchema) }, 400, ...authProblems, 404),
      },
    },
    (request) => answer(selectView(twin, request.query), request.params.id, 'relations', request.query),
  );

  app.get<{ Params: { '*': string }; Querystring: AnyEntityQuery }>(
    '/api/entities/*',
    {
      config: { access: 'viewer' },
      schema: {
        hide: true,
        tags,
        summary: 'The entity routes above, for ids sent with raw slashes',
        querystring: AnyEntityQuerySchema,
      },
    },
    (request, reply) => {
      const { id, sub } = parseEntityPath(request.url);
      const result = answer(selectView(twin, request.query), id, sub, request.query);
      // The entity itself comes as ready JSON text (see entityResponseJson).
      return typeof result === 'string' ? reply.type(jsonContentType).send(result) : result;
    },
  );
}

/**
 * Splits `/api/entities/<id>[/<sub-resource>]` on the raw URL, so that an id ending in
 * `%2Fimpact` stays an id while `/impact` names the sub-resource.
 */
export function parseEntityPath(url: string): { id: EntityId; sub: SubResource | undefined } {
  const prefix = '/api/entities/';
  const query = url.indexOf('?');
  const raw = url.slice(prefix.length, query === -1 ? url.length : query);
  const slash = raw.lastIndexOf('/');
  const last = slash === -1 ? '' : raw.slice(slash + 1);
  if (slash > 0 && subResources.has(last))
    return { id: decode(raw.slice(0, slash)), sub: last as SubResource };
  return { id: decode(raw), sub: undefined };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function placement(
  twin: Twin,
  view: TwinView,
  id: EntityId,
  direction: 'up' | 'down',
  depth: number,
): List<PlacedEntity> {
  return {
    items: containmentClosure(view, id, direction, depth).map((placed) => ({
      entity: entityResponse(twin, view, placed.entity),
      depth: placed.depth,
      via: placed.via,
    })),
  };
}

function dependencies(
  view: TwinView,
  id: EntityId,
  direction: 'providers' | 'dependents',
  depth: number | undefined,
): List<DependencyNode> {
  return { items: dependencyClosure(view, id, direction, depth ?? Number.POSITIVE_INFINITY) };
}

function impact(view: TwinView, id: EntityId): ImpactReport {
  return computeImpact(view, [id]);
}

function powerPath(view: TwinView, id: EntityId): PowerPathReport {
  return computePowerPath(view, id);
}

function relationsOf(view: TwinView, id: EntityId, type: RelationType | undefined): List<Relation> {
  const items: Relation[] = view.outgoing(id, type);
  for (const relation of view.incoming(id, type)) if (relation.from !== id) items.push(relation);
  return { items };
}

/** One page of the entities a list query asks for (GET /api/entities and /api/entity-briefs). */
function listEntities(view: TwinView, query: EntityListQuery) {
  const { kind, selector, search, limit, offset } = query;
  return findEntities(view, {
    ...(kind !== undefined ? { kind } : {}),
    ...(selector !== undefined ? { selector: parseLabelSelector(selector) } : {}),
    ...(search !== undefined ? { search } : {}),
    limit,
    offset,
  });
}
