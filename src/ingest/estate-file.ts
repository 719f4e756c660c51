import { Document, isMap, isSeq, LineCounter } from 'yaml';
import {
  builtinKinds,
  type EntityInput,
  formatFieldPath,
  formatIssue,
  InputError,
  type InputIssue,
  type KindCatalog,
  type Operation,
  type RelationInput,
} from '../model/index.js';
import { type EstateDocument, estateApiVersion } from './estate-document.js';
import { type Finding, readEstate } from './estate-reader.js';
import { findJsonSyntaxError, locateInJson } from './json-source.js';
import { countLines, type PositionRequest, positionAt, type SourcePosition } from './source-position.js';
import { locateInYaml, readYaml } from './yaml-source.js';

export type { EstateDocument } from './estate-document.js';
export { estateApiVersion } from './estate-document.js';

export type EstateFormat = 'yaml' | 'json';

export interface ParseEstateOptions {
  /** Named in every issue; a `.json` name makes the text JSON (no YAML fallback). */
  file: string;
  /** The kinds to validate against; the built-in catalog when left out. */
  catalog?: KindCatalog;
}

/** Beyond this many, issues are counted in the message but not listed: nobody reads 100,000. */
const maxListedIssues = 200;

/**
 * Reads an estate file (YAML or JSON; docs/estate-file.md) and validates all of it: it throws
 * one InputError listing every problem, each with its file, line, column and field.
 *
 * JSON (a `.json` file, or text that starts with `{` or `[` and parses as JSON) goes through
 * JSON.parse, about a hundred times faster than the YAML parser on a large estate; its positions
 * are worked out only for the fields that have problems. Anything else is YAML 1.2.
 */
export function parseEstateFile(text: string, options: ParseEstateOptions): EstateDocument {
  const { file } = options;
  const catalog = options.catalog ?? builtinKinds;
  // Editors do not count a byte-order mark as a column, and JSON.parse refuses one.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const jsonFile = /\.json$/i.test(file);
  if (jsonFile || /^\s*[{[]/.test(source)) {
    const value = parseJson(source);
    if (value.ok) {
      const reading = readEstate(value.value, catalog);
      return settle(reading.doc, reading.findings, file, (requests) =>
        locateInJson(source, requests, countLines(source)),
      );
    }
    // Not JSON, yet perhaps YAML in flow style ({ apiVersion: infratwin/v1, ... }), unless the
    // file says it is JSON, when a JSON syntax error is the useful report.
    if (jsonFile) throw jsonSyntaxError(source, file, value.error);
  }
  const lines = new LineCounter();
  const yaml = readYaml(source, lines);
  if (!yaml.ok) {
    throw rejection(
      file,
      yaml.problems.map((problem) => ({
        file,
        ...positionAt(lines, problem.offset),
        message: problem.message,
      })),
    );
  }
  const reading = readEstate(yaml.value, catalog);
  return settle(reading.doc, reading.findings, file, (requests) =>
    locateInYaml(yaml.document, requests, lines),
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: Error } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

function jsonSyntaxError(text: string, file: string, error: Error): InputError {
  const lines = countLines(text);
  const found = findJsonSyntaxError(text);
  if (found) return rejection(file, [{ file, ...positionAt(lines, found.offset), message: found.message }]);
  // The scanner and V8 disagree (they should not): fall back on V8's words and offset.
  const offset = Number(/at position (\d+)/.exec(error.message)?.[1] ?? 0);
  return rejection(file, [{ file, ...positionAt(lines, offset), message: error.message }]);
}

/** Returns the document when nothing was found; otherwise places the findings and throws. */
function settle(
  doc: EstateDocument,
  findings: readonly Finding[],
  file: string,
  locate: (requests: PositionRequest[]) => SourcePosition[],
): EstateDocument {
  if (findings.length === 0) return doc;
  const requests: PositionRequest[] = [];
  for (const finding of findings) {
    requests.push({ path: finding.path, onKey: finding.onKey === true });
    if (finding.sameAs) requests.push({ path: finding.sameAs });
  }
  const positions = locate(requests);
  let next = 0;
  const issues = findings.map((finding): InputIssue => {
    const position = positions[next++] as SourcePosition;
    let { message } = finding;
    if (finding.sameAs) {
      const first = positions[next++] as SourcePosition;
      message += ` (first at ${formatFieldPath(finding.sameAs)}, line ${first.line})`;
    }
    const field = formatFieldPath(finding.path);
    return { file, line: position.line, column: position.column, ...(field ? { field } : {}), message };
  });
  throw rejection(file, issues);
}

/** One InputError for all issues, in the order they appear in the file. */
function rejection(file: string, issues: InputIssue[]): InputError {
  const sorted = issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
        (a.issue.column ?? 0) - (b.issue.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
  const listed = sorted.slice(0, maxListedIssues);
  const more = sorted.length > listed.length ? ` (the first ${listed.length} are listed)` : '';
  return new InputError(
    `${file}: estate file rejected, ${sorted.length} problem(s)${more}; first: ${formatIssue(sorted[0] as InputIssue)}`,
    listed,
  );
}

/** One upsert per entity in file order, then one per relation in file order: what a twin applies. */
export function estateToOperations(doc: EstateDocument): Operation[] {
  const ops: Operation[] = [];
  for (const entity of doc.entities) ops.push({ op: 'upsert-entity', entity });
  for (const relation of doc.relations) ops.push({ op: 'upsert-relation', relation });
  return ops;
}

/**
 * Writes an estate file that parseEstateFile reads back equal: fields in a fixed order, every
 * relation in the top-level list (the parser puts nested relations first, so the order holds).
 * YAML writes labels and relations in flow style, one line each, as people write them.
 */
export function serializeEstate(doc: EstateDocument, format: EstateFormat): string {
  const value = {
    apiVersion: estateApiVersion,
    kind: 'Estate',
    ...(doc.source !== undefined ? { metadata: { source: doc.source } } : {}),
    entities: doc.entities.map(entityFields),
    relations: doc.relations.map(relationFields),
  };
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  // Shared objects are written out each time: anchors and aliases would read back the same but
  // are no way to present an estate.
  const document = new Document(value, { aliasDuplicateObjects: false });
  const entities = document.get('entities');
  if (isSeq(entities)) {
    for (const entity of entities.items) {
      const labels = isMap(entity) ? entity.get('labels') : undefined;
      if (isMap(labels)) labels.flow = true;
    }
  }
  const relations = document.get('relations');
  if (isSeq(relations)) {
    for (const relation of relations.items) if (isMap(relation)) relation.flow = true;
  }
  // lineWidth 0: no folding, so long values stay on their line.
  return document.toString({ lineWidth: 0 });
}

function entityFields(entity: EntityInput): EntityInput {
  const out: EntityInput = { id: entity.id, kind: entity.kind };
  if (entity.name !== undefined) out.name = entity.name;
  if (entity.labels !== undefined) out.labels = entity.labels;
  if (entity.props !== undefined) out.props = entity.props;
  return out;
}

function relationFields(relation: RelationInput): RelationInput {
  const out: RelationInput = { type: relation.type, from: relation.from, to: relation.to };
  if (relation.key !== undefined) out.key = relation.key;
  if (relation.props !== undefined) out.props = relation.props;
  return out;
}
