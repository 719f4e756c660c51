import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type ImportQuery,
  ImportQuerySchema,
  type ImportResult,
  ImportResultSchema,
} from '../contract/index.js';
import { estateToOperations, parseEstateFile } from '../ingest/index.js';
import {
  type EntityId,
  InputError,
  type Operation,
  type RelationInput,
  relationId,
  type Twin,
  type TwinView,
} from '../model/index.js';
import { principalOf } from './access-control.js';
import { authProblems, withProblems } from './route-schema.js';

/** Estate files arrive as text in any of these; the parser tells JSON from YAML itself. */
export const estateContentTypes = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

/**
 * POST /api/import, in its own plugin scope: there the body stays a string whatever its
 * content type, because the estate parser needs the raw text to report lines and columns.
 */
export async function registerImportRoutes(app: FastifyInstance, twin: Twin): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(estateContentTypes, { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );

    // Imports are serialized: a prune computes its removals from the twin it is about to change.
    let queue: Promise<unknown> = Promise.resolve();

    scope.post<{ Querystring: ImportQuery; Body: string }>(
      '/api/import',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['changes'],
          summary: 'Import an estate file (YAML or JSON) as one change set',
          description:
            'Entities get source `estate:<file>`. Importing the same file again changes nothing. With `prune=true`, ' +
            'entities and relations this file imported before and no longer has are removed. A file that does not ' +
            'validate changes nothing and is answered 400 with every issue and its line and column.',
          consumes: estateContentTypes,
          querystring: ImportQuerySchema,
          body: Type.String({ minLength: 1, description: 'the estate file’s text' }),
          response: withProblems(
            { 200: ImportResultSchema, 201: ImportResultSchema },
            400,
            ...authProblems,
            413,
            415,
          ),
        },
      },
      async (request, reply): Promise<ImportResult> => {
        const actor = principalOf(request).name;
        const run = async (): Promise<ImportResult> => {
          const { file, prune } = request.query;
          const doc = parseEstateFile(request.body, { file: file ?? 'estate', catalog: twin.catalog });
          const name = file ?? doc.source?.replace(/^estate:/, '');
          if (name === undefined || name === '') {
            throw new InputError('name the estate file', [
              { field: 'querystring.file', message: 'required unless the file declares its source' },
            ]);
          }
          const source = `estate:${name}`;
          const ops: Operation[] = [...estateToOperations(doc)];
          const removals = prune ? pruneOperations(twin.live, source, doc) : [];
          ops.push(...removals);
          const counts = {
            entities: doc.entities.length,
            relations: doc.relations.length,
            pruned: removals.length,
          };
          const changeSet = await twin.apply({
            actor,
            reason: `import ${name}${prune ? ' with prune' : ''}`,
            source,
            origin: 'declared',
            ops,
          });
          if (changeSet === null) return { changed: false, source, opCount: 0, ...counts };
          await twin.store.appendAudit({
            ts: changeSet.ts,
            actor,
            action: 'estate.import',
            target: source,
            detail: `seq=${changeSet.seq} ops=${changeSet.ops.length} pruned=${removals.length}`,
          });
          reply.code(201);
          return { changed: true, source, seq: changeSet.seq, opCount: changeSet.ops.length, ...counts };
        };
        const result = queue.then(run, run);
        queue = result.catch(() => undefined);
        return result;
      },
    );
  });
}

/**
 * Removals for what `source` imported before and the file no longer has. Relations of removed
 * entities are left to the entity removal, which cascades.
 */
function pruneOperations(
  view: TwinView,
  source: string,
  doc: { entities: ReadonlyArray<{ id: EntityId }>; relations: ReadonlyArray<RelationInput> },
): Operation[] {
  const keepEntities = new Set(doc.entities.map((entity) => entity.id));
  const keepRelations = new Set(doc.relations.map((relation) => relationId(relation)));
  const removedEntities = new Set<EntityId>();
  for (const entity of view.entities()) {
    if (entity.provenance.source === source && !keepEntities.has(entity.id)) removedEntities.add(entity.id);
  }
  const ops: Operation[] = [];
  for (const relation of view.relations()) {
    if (relation.provenance.source !== source || keepRelations.has(relation.id)) continue;
    if (removedEntities.has(relation.from) || removedEntities.has(relation.to)) continue;
    ops.push({ op: 'remove-relation', id: relation.id });
  }
  for (const id of removedEntities) ops.push({ op: 'remove-entity', id });
  return ops;
}
