import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InputError, type InputIssue, type Operation, type Twin } from '../model/index.js';
import {
  enrichmentOperations,
  NmapParseError,
  nmapOperations,
  parseEpssApiResponse,
  parseEpssCsv,
  parseKevCatalog,
  parseNmapXml,
  parseTrivyReport,
  trivyOperations,
} from '../security/index.js';
import { principalOf } from './access-control.js';
import { authProblems, withProblems } from './route-schema.js';

const tags = ['imports'];
const textTypes = ['application/xml', 'text/xml', 'application/json', 'text/csv', 'text/plain'];

const SecurityImportResultSchema = Type.Object({
  changed: Type.Boolean(),
  seq: Type.Optional(Type.Integer({ description: 'the change set applied, when something changed' })),
  opCount: Type.Integer(),
  details: Type.Record(Type.String(), Type.Unknown(), {
    description: 'what the importer matched, created and counted',
  }),
  problems: Type.Array(Type.String(), { description: 'items skipped, each with where it is' }),
});
type SecurityImportResult = Static<typeof SecurityImportResultSchema>;

const ForkQuery = Type.Object({
  fork: Type.Optional(Type.String({ description: 'import into this fork instead of the live twin' })),
});
const NmapQuery = Type.Intersect([
  ForkQuery,
  Type.Object({
    mode: Type.Union([Type.Literal('discover'), Type.Literal('strict')], {
      default: 'discover',
      description: 'discover: hosts the twin does not know become hosts; strict: they are only listed',
    }),
  }),
]);
const TrivyQuery = Type.Intersect([
  ForkQuery,
  Type.Object({
    target: Type.Optional(
      Type.String({ description: 'the scanned entity, when the report’s artifact name does not say' }),
    ),
  }),
]);

/**
 * Security inputs (docs/attack.md): Nmap XML, Trivy JSON, FIRST EPSS scores and the CISA KEV
 * catalogue, each applied as one change set (to the live twin or a fork). A file that cannot be
 * read changes nothing and is answered 400 with where it breaks; items skipped inside a readable
 * file are listed in `problems`.
 */
export async function registerSecurityImportRoutes(app: FastifyInstance, twin: Twin): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(textTypes, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    let queue: Promise<unknown> = Promise.resolve();
    const serially = <T>(work: () => Promise<T>): Promise<T> => {
      const next = queue.then(work, work);
      queue = next;
      return next;
    };
    const apply = async (
      request: FastifyRequest,
      fork: string | undefined,
      what: string,
      ops: Operation[],
    ): Promise<{ changed: boolean; seq?: number; opCount: number }> => {
      if (ops.length === 0) return { changed: false, opCount: 0 };
      const change = await twin.apply(
        { actor: principalOf(request).name, reason: `import ${what}`, source: what, ops },
        fork === undefined ? {} : { fork },
      );
      return { changed: change !== null, ...(change ? { seq: change.seq } : {}), opCount: ops.length };
    };
    const route = (path: string, summary: string, querystring: object) => ({
      config: { access: 'operator' as const },
      schema: {
        tags,
        summary,
        consumes: textTypes,
        querystring,
        body: Type.String({ minLength: 1 }),
        response: withProblems({ 200: SecurityImportResultSchema }, 400, ...authProblems, 404, 413, 415),
      },
      path,
    });

    const nmap = route(
      '/api/imports/nmap',
      'Import an Nmap XML scan: hosts matched by address, open ports as network services',
      NmapQuery,
    );
    scope.post<{ Body: string; Querystring: Static<typeof NmapQuery> }>(nmap.path, nmap, async (request) =>
      serially(async (): Promise<SecurityImportResult> => {
        const scan = readNmap(request.body);
        const fork = request.query.fork;
        const result = nmapOperations(twin.view(fork === undefined ? {} : { fork }), scan, {
          mode: request.query.mode ?? 'discover',
        });
        const applied = await apply(request, fork, 'nmap', result.operations);
        return {
          ...applied,
          details: {
            matched: result.matched,
            created: result.created,
            unmatched: result.unmatched,
            services: result.services,
          },
          problems: result.problems,
        };
      }),
    );

    const trivy = route(
      '/api/imports/trivy',
      'Import a Trivy JSON report: CVEs as vulnerabilities on the scanned entity',
      TrivyQuery,
    );
    scope.post<{ Body: string; Querystring: Static<typeof TrivyQuery> }>(trivy.path, trivy, async (request) =>
      serially(async (): Promise<SecurityImportResult> => {
        const report = parseTrivyReport(request.body);
        const fork = request.query.fork;
        const view = twin.view(fork === undefined ? {} : { fork });
        const result = trivyOperations(
          view,
          report,
          request.query.target === undefined ? {} : { target: request.query.target },
        );
        const applied = await apply(request, fork, 'trivy', result.operations);
        return {
          ...applied,
          details: {
            target: result.target,
            findings: result.findings,
            vulnerabilities: result.vulnerabilities,
          },
          problems: [...report.problems.map(issueText), ...result.problems],
        };
      }),
    );

    const epss = route(
      '/api/imports/epss',
      'Import FIRST EPSS scores (the daily CSV or the API’s JSON) onto known vulnerabilities',
      ForkQuery,
    );
    scope.post<{ Body: string; Querystring: Static<typeof ForkQuery> }>(epss.path, epss, async (request) =>
      serially(async (): Promise<SecurityImportResult> => {
        const scores = request.body.trimStart().startsWith('{')
          ? parseEpssApiResponse(request.body)
          : parseEpssCsv(request.body);
        const fork = request.query.fork;
        const ops = enrichmentOperations(twin.view(fork === undefined ? {} : { fork }), {
          epss: scores.scores,
        });
        const applied = await apply(request, fork, 'epss', ops);
        return {
          ...applied,
          details: {
            scores: scores.scores.size,
            ...(scores.scoreDate ? { scoreDate: scores.scoreDate } : {}),
          },
          problems: scores.problems.map(issueText),
        };
      }),
    );

    const kev = route(
      '/api/imports/kev',
      'Import the CISA Known Exploited Vulnerabilities catalogue (JSON)',
      ForkQuery,
    );
    scope.post<{ Body: string; Querystring: Static<typeof ForkQuery> }>(kev.path, kev, async (request) =>
      serially(async (): Promise<SecurityImportResult> => {
        const catalog = parseKevCatalog(request.body);
        const fork = request.query.fork;
        const ops = enrichmentOperations(twin.view(fork === undefined ? {} : { fork }), {
          kev: catalog.entries,
        });
        const applied = await apply(request, fork, 'kev', ops);
        return {
          ...applied,
          details: { catalogVersion: catalog.catalogVersion, entries: catalog.entries.size },
          problems: catalog.problems.map(issueText),
        };
      }),
    );
  });
}

function readNmap(text: string) {
  try {
    return parseNmapXml(text);
  } catch (error) {
    if (!(error instanceof NmapParseError)) throw error;
    const issue: InputIssue = {
      message: error.message,
      ...(error.line === undefined ? {} : { line: error.line }),
      ...(error.column === undefined ? {} : { column: error.column }),
    };
    throw new InputError('the body is not an Nmap XML scan', [issue]);
  }
}

function issueText(issue: InputIssue): string {
  const where = [issue.field, issue.line === undefined ? undefined : `line ${issue.line}`]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}
