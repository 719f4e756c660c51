import type { FastifyInstance } from 'fastify';
import { type LintQuery, LintQuerySchema, type LintReport, LintReportSchema } from '../contract/index.js';
import type { Twin } from '../model/index.js';
import { runLint } from '../predict/index.js';
import { authProblems, withProblems } from './route-schema.js';
import { selectView } from './view-selection.js';

/** Configuration lint over the live twin, a past version or a fork. */
export function registerLintRoutes(app: FastifyInstance, twin: Twin): void {
  app.get<{ Querystring: LintQuery }>(
    '/api/lint',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['analysis'],
        summary:
          'Configuration lint: duplicate IPs, MTU/VLAN mismatches, single points of failure, over-committed hosts, certificates, version drift, shadowed firewall rules',
        querystring: LintQuerySchema,
        response: withProblems({ 200: LintReportSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<LintReport> => {
      const { rule, severity, ...viewQuery } = request.query;
      const rules = (rule ?? [])
        .flatMap((value) => value.split(','))
        .map((name) => name.trim())
        .filter((name) => name !== '');
      return {
        items: runLint(selectView(twin, viewQuery), {
          rules,
          ...(severity !== undefined ? { minSeverity: severity } : {}),
          // The twin's clock, so certificates are judged at the same "now" as everything else.
          settings: { now: twin.now() },
        }),
      };
    },
  );
}
