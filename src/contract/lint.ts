import { type Static, Type } from '@sinclair/typebox';
import { JsonValueSchema } from './json-value.js';
import { ListSchema } from './page.js';
import { StringEnum } from './string-enum.js';
import { ViewQuerySchema } from './view-query.js';

export const lintSeverities = ['error', 'warning', 'info'] as const;
export const LintSeveritySchema = StringEnum(lintSeverities, {
  description: 'error: breaks or will break something; warning: a risk to act on; info: tidiness',
});
export type LintSeverity = Static<typeof LintSeveritySchema>;

/** One configuration problem found by `GET /api/lint` (docs/config-lint.md lists the rules). */
export const LintFindingSchema = Type.Object({
  rule: Type.String({ description: 'the rule that found it, e.g. duplicate-ip' }),
  severity: LintSeveritySchema,
  message: Type.String(),
  entities: Type.Array(Type.String(), { description: 'the entities it is about, the one to change first' }),
  evidence: Type.Record(Type.String(), JsonValueSchema, { description: 'the values the rule read' }),
  fix: Type.String({ description: 'what to change to clear it' }),
});
export type LintFinding = Static<typeof LintFindingSchema>;

export const LintQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({
    rule: Type.Optional(
      Type.Array(Type.String(), { description: 'rules to run, repeated or comma-separated; default all' }),
    ),
    severity: Type.Optional(
      StringEnum(lintSeverities, {
        description: 'leave out findings less severe than this; default info (everything)',
      }),
    ),
  }),
]);
export type LintQuery = Static<typeof LintQuerySchema>;

export const LintReportSchema = ListSchema(LintFindingSchema);
export type LintReport = Static<typeof LintReportSchema>;
