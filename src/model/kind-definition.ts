// Users define kinds of their own (from DTDL interfaces, docs/integrations.md). A definition is
// checked here before the twin accepts it; the rules follow Azure Digital Twins' for models: a
// version, once published, is immutable, and a kind is replaced only by a later version.
import { ConflictError, InputError, type InputIssue } from './errors.js';
import { jsonEqual } from './json-value.js';
import type { KindCatalog, KindSpec, PropType } from './kind-catalog.js';
import { builtinKinds } from './kind-catalog.js';
import { isRelationType } from './relation.js';

const kindName = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$|^[a-z]$/;
const propTypes: readonly PropType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array'];

export interface KindDefinitionPlan {
  /** New kinds and later versions of defined ones, to store. */
  readonly define: KindSpec[];
  /** Kinds already defined exactly so. */
  readonly unchanged: string[];
}

/**
 * Checks `specs` against the catalog they join: names, prop and metric shapes, relation types and
 * targets (kinds of the catalog or of the same batch, or `*`), and version order against what is
 * defined. Throws InputError with every bad field, or ConflictError for a version clash.
 */
export function planKindDefinitions(specs: readonly KindSpec[], catalog: KindCatalog): KindDefinitionPlan {
  const issues: InputIssue[] = [];
  const batch = new Set<string>();
  specs.forEach((spec, index) => {
    checkSpec(spec, `kinds[${index}]`, issues);
    if (batch.has(spec.kind))
      issues.push({ field: `kinds[${index}].kind`, message: `'${spec.kind}' is defined twice` });
    batch.add(spec.kind);
  });
  specs.forEach((spec, index) => {
    checkTargets(spec, `kinds[${index}]`, (kind) => catalog.has(kind) || batch.has(kind), issues);
  });
  if (issues.length > 0)
    throw new InputError(`kinds rejected: ${issues.length} problem(s); first: ${issues[0]?.message}`, issues);
  const define: KindSpec[] = [];
  const unchanged: string[] = [];
  for (const spec of specs) {
    const held = catalog.get(spec.kind);
    if (held === undefined) define.push(spec);
    else if (jsonEqual(toJson(held), toJson(spec))) unchanged.push(spec.kind);
    else {
      checkNewVersion(held, spec);
      define.push(spec);
    }
  }
  return { define, unchanged };
}

function checkSpec(spec: KindSpec, field: string, issues: InputIssue[]): void {
  if (typeof spec?.kind !== 'string' || !kindName.test(spec.kind)) {
    issues.push({
      field: `${field}.kind`,
      message: `'${String(spec?.kind)}' is not a kind name: lower-case letters, digits and '-', at most 64`,
    });
    return;
  }
  if (builtinKinds.has(spec.kind))
    issues.push({
      field: `${field}.kind`,
      message: `'${spec.kind}' is a built-in kind and cannot be redefined`,
    });
  if (typeof spec.description !== 'string')
    issues.push({ field: `${field}.description`, message: 'must be a string' });
  for (const [name, prop] of Object.entries(spec.props ?? {})) {
    if (!propTypes.includes(prop?.type))
      issues.push({
        field: `${field}.props.${name}.type`,
        message: `'${String(prop?.type)}' is not a prop type (${propTypes.join(', ')})`,
      });
  }
  for (const [name, metric] of Object.entries(spec.metrics ?? {})) {
    if (typeof metric?.unit !== 'string')
      issues.push({ field: `${field}.metrics.${name}.unit`, message: 'must be a string' });
  }
  for (const type of Object.keys(spec.relations ?? {})) {
    if (!isRelationType(type))
      issues.push({ field: `${field}.relations.${type}`, message: `unknown relation type '${type}'` });
  }
}

function checkTargets(
  spec: KindSpec,
  field: string,
  known: (kind: string) => boolean,
  issues: InputIssue[],
): void {
  for (const [type, targets] of Object.entries(spec.relations ?? {})) {
    for (const target of targets ?? []) {
      if (target !== '*' && !known(target))
        issues.push({ field: `${field}.relations.${type}`, message: `no kind '${target}' to relate to` });
    }
  }
}

/** `dtmi:com:example:Pump;2` → 2; a kind without a DTMI has version 0. */
function versionOf(spec: KindSpec): number {
  const match = /;(\d+)(?:\.\d+)?$/.exec(spec.dtmi ?? '');
  return match ? Number(match[1]) : 0;
}

function checkNewVersion(held: KindSpec, next: KindSpec): void {
  const [was, now] = [versionOf(held), versionOf(next)];
  if (now > was) return;
  throw new ConflictError(
    now === was
      ? `kind '${next.kind}' is already defined at version ${was} with other content: publish a new version`
      : `kind '${next.kind}' is defined at version ${was}; version ${now} is older`,
  );
}

function toJson(spec: KindSpec): Parameters<typeof jsonEqual>[0] {
  return JSON.parse(JSON.stringify(spec));
}
