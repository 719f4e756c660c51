// The two files Azure Digital Twins graphs travel in, read into models, twins and relationships:
//
// - The Import Jobs file: NDJSON in sections, each opened by a `{"Section": …}` line, in the order
//   Header, Models, Twins, Relationships (only Header required). Twins carry `$dtId` and
//   `$metadata.$model`; relationships `$dtId` (the source), `$relationshipId`, `$targetId` and
//   `$relationshipName`; both carry their properties beside. Documented in
//   learn.microsoft.com/azure/digital-twins/concepts-apis-sdks, "Format data" (source:
//   github.com/MicrosoftDocs/azure-docs, articles/digital-twins/concepts-apis-sdks.md).
// - The Azure Digital Twins Explorer's export: one JSON object `{"digitalTwinsFileInfo":
//   {"fileVersion": "1.0.0"}, "digitalTwinsGraph": {"digitalTwins": […], "relationships": […]},
//   "digitalTwinsModels": […]}`, twins and relationships as the API returns them (a relationship's
//   source is `$sourceId`). Source: github.com/Azure-Samples/digital-twins-explorer,
//   client/src/services/models/DataModel.js and ExportService.js; JsonImportPlugin.js accepts
//   only fileVersion "1.0.0".
//
// A plain DTDL file (an Interface or an array of them) reads as models only. A file that is none
// of these, or whose sections or top level are out of shape, is refused (InputError naming the
// file and line); a twin or relationship that is out of shape is a problem, and skipped.
import { type FieldPath, formatFieldPath, InputError, type JsonValue } from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';
import { isRecord, JsonFields } from '../json-fields.js';
import { describeValue } from './dtdl-grammar.js';
import { jsonSyntaxError } from './json-syntax.js';

/** Where an item was read: the file, the line (NDJSON) and the path in that line's or the file's JSON. */
export interface AdtPlace {
  readonly file: string;
  readonly line?: number;
  readonly path: FieldPath;
}

/** `twins.ndjson:17: temperature`, `export.json: digitalTwinsGraph.digitalTwins[3].temperature`. */
export function placeText(at: AdtPlace, ...more: ReadonlyArray<string | number>): string {
  const path = formatFieldPath([...at.path, ...more]);
  const place = at.line === undefined ? at.file : `${at.file}:${at.line}`;
  return path === '' ? place : `${place}: ${path}`;
}

export interface AdtModel {
  readonly value: unknown;
  readonly at: AdtPlace;
}

export interface AdtTwin {
  readonly dtId: string;
  /** `$metadata.$model`: the DTMI of the twin's interface. */
  readonly model: string;
  /** Everything but the `$` members; a component's own `$metadata` is left out too. */
  readonly properties: Readonly<Record<string, JsonValue>>;
  readonly at?: AdtPlace;
}

export interface AdtRelationship {
  /** The source twin's `$dtId` (`$sourceId` in the API's and the Explorer's form). */
  readonly sourceId: string;
  readonly relationshipId: string;
  readonly targetId: string;
  readonly name: string;
  readonly properties: Readonly<Record<string, JsonValue>>;
  readonly at?: AdtPlace;
}

export interface AdtTwinFile {
  readonly format: 'import-job' | 'explorer' | 'dtdl';
  readonly models: AdtModel[];
  readonly twins: AdtTwin[];
  readonly relationships: AdtRelationship[];
  readonly problems: InventoryProblem[];
}

/** What an import job holds; `models` are DTDL interfaces as JSON. */
export interface AdtImportJob {
  readonly models: readonly unknown[];
  readonly twins: readonly AdtTwin[];
  readonly relationships: readonly AdtRelationship[];
}

export interface AdtHeader {
  readonly author?: string;
  readonly organization?: string;
}

const sections = ['Header', 'Models', 'Twins', 'Relationships'] as const;
type Section = (typeof sections)[number];

/** Reads an import-job NDJSON file, an Explorer export or a DTDL file; throws InputError for anything else. */
export function readAdtTwinFile(text: string, file: string): AdtTwinFile {
  const first = firstLine(text);
  if (first && isSectionLine(first.value)) return new NdjsonReader(file).read(text);
  if (
    first &&
    isRecord(first.value) &&
    jsonSyntaxError(text) !== undefined &&
    text.trim().split(/\r?\n/).length > 1
  )
    throw new InputError(
      `${file}:1: one JSON object a line, but no sections: an import file opens with {"Section": "Header"}`,
      [{ file, line: 1, message: 'NDJSON without {"Section": "Header"}' }],
    );
  const value = parseJson(text, file);
  if (isRecord(value) && ('digitalTwinsGraph' in value || 'digitalTwinsFileInfo' in value))
    return readExplorer(value, file);
  if (
    Array.isArray(value) ||
    (isRecord(value) && ('@id' in value || '@type' in value || '@context' in value))
  ) {
    const models = (Array.isArray(value) ? value : [value]).map((item, index) => ({
      value: item,
      at: { file, path: Array.isArray(value) ? [index] : [] },
    }));
    return { format: 'dtdl', models, twins: [], relationships: [], problems: [] };
  }
  throw new InputError(
    `${file}: not an Azure Digital Twins import file (NDJSON opening with {"Section": "Header"}), an ADT Explorer export ({"digitalTwinsGraph": …}) nor DTDL; found ${describeValue(value)}`,
    [{ file, message: 'expected an ADT import file, an ADT Explorer export or DTDL' }],
  );
}

/** The import-job NDJSON: a Header section, then any of Models, Twins and Relationships, in order. */
export function writeAdtImportJob(job: AdtImportJob, header: AdtHeader = {}): string {
  const lines: string[] = [
    JSON.stringify({ Section: 'Header' }),
    JSON.stringify({
      fileVersion: '1.0.0',
      author: header.author ?? 'infratwin',
      organization: header.organization ?? 'infratwin',
    }),
  ];
  if (job.models.length > 0)
    lines.push(JSON.stringify({ Section: 'Models' }), ...job.models.map((model) => JSON.stringify(model)));
  if (job.twins.length > 0)
    lines.push(
      JSON.stringify({ Section: 'Twins' }),
      ...job.twins.map((twin) =>
        JSON.stringify({ $dtId: twin.dtId, $metadata: { $model: twin.model }, ...twin.properties }),
      ),
    );
  if (job.relationships.length > 0)
    lines.push(
      JSON.stringify({ Section: 'Relationships' }),
      ...job.relationships.map((relationship) =>
        JSON.stringify({
          $dtId: relationship.sourceId,
          $relationshipId: relationship.relationshipId,
          $targetId: relationship.targetId,
          $relationshipName: relationship.name,
          ...relationship.properties,
        }),
      ),
    );
  return `${lines.join('\n')}\n`;
}

function firstLine(text: string): { value: unknown } | undefined {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  if (line === undefined) return undefined;
  try {
    return { value: JSON.parse(line) as unknown };
  } catch {
    return undefined;
  }
}

function isSectionLine(value: unknown): value is { Section: unknown } {
  return isRecord(value) && Object.keys(value).length === 1 && 'Section' in value;
}

/** JSON.parse, or an InputError naming the line and column of the syntax error. */
function parseJson(text: string, file: string, line?: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const at = jsonSyntaxError(text);
    const where = line !== undefined ? `${file}:${line}` : at ? `${file}:${at.line}:${at.column}` : file;
    throw new InputError(`${where}: not JSON: ${message}`, [
      {
        file,
        message: `not JSON: ${message}`,
        ...(line !== undefined ? { line } : at ? { line: at.line, column: at.column } : {}),
      },
    ]);
  }
}

class NdjsonReader {
  private readonly result: AdtTwinFile = {
    format: 'import-job',
    models: [],
    twins: [],
    relationships: [],
    problems: [],
  };
  private section: Section | undefined;
  private headerSeen = false;

  constructor(private readonly file: string) {}

  read(text: string): AdtTwinFile {
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() !== '') this.readLine(parseJson(line, this.file, index + 1), index + 1);
    });
    if (!this.headerSeen)
      this.result.problems.push({
        path: this.file,
        message:
          'no Header section: an import file opens with {"Section": "Header"} and {"fileVersion": "1.0.0"}',
      });
    return this.result;
  }

  private readLine(value: unknown, line: number): void {
    const at: AdtPlace = { file: this.file, line, path: [] };
    if (isSectionLine(value)) {
      this.enter(value.Section, line);
      return;
    }
    if (this.section === undefined)
      throw new InputError(
        `${placeText(at)}: data before any section; an import file opens with {"Section": "Header"}`,
        [{ file: this.file, line, message: 'data before any section' }],
      );
    if (!isRecord(value)) {
      this.result.problems.push({
        path: placeText(at),
        message: `must be an object, found ${describeValue(value)}: skipped`,
      });
      return;
    }
    switch (this.section) {
      case 'Header':
        this.headerSeen = true;
        if (value.fileVersion !== '1.0.0')
          this.result.problems.push({
            path: placeText(at, 'fileVersion'),
            message: `expected "1.0.0", found ${describeValue(value.fileVersion)}; read as 1.0.0`,
          });
        return;
      case 'Models':
        this.result.models.push({ value, at });
        return;
      case 'Twins':
        pushDefined(this.result.twins, readTwin(value, at, this.result.problems));
        return;
      default:
        pushDefined(this.result.relationships, readRelationship(value, at, this.result.problems));
    }
  }

  /** Sections come in the documented order, each once. */
  private enter(name: unknown, line: number): void {
    const index = sections.indexOf(name as Section);
    const where = `${this.file}:${line}`;
    if (index === -1)
      throw new InputError(
        `${where}: unknown section ${describeValue(name)}; the sections are ${sections.join(', ')}`,
        [{ file: this.file, line, field: 'Section', message: `unknown section ${describeValue(name)}` }],
      );
    const current = this.section === undefined ? -1 : sections.indexOf(this.section);
    if (index <= current)
      throw new InputError(
        `${where}: section ${name as string} after ${this.section}; the order is ${sections.join(', ')}, each once`,
        [{ file: this.file, line, field: 'Section', message: 'sections out of order' }],
      );
    this.section = name as Section;
  }
}

function readExplorer(value: Readonly<Record<string, unknown>>, file: string): AdtTwinFile {
  const problems: InventoryProblem[] = [];
  const info = value.digitalTwinsFileInfo;
  if (!isRecord(info) || info.fileVersion !== '1.0.0')
    problems.push({
      path: placeText({ file, path: ['digitalTwinsFileInfo', 'fileVersion'] }),
      message: `expected "1.0.0", found ${describeValue(isRecord(info) ? info.fileVersion : info)}; read as 1.0.0`,
    });
  const graph = value.digitalTwinsGraph ?? {};
  if (!isRecord(graph))
    refuse(
      file,
      ['digitalTwinsGraph'],
      `must be an object with digitalTwins and relationships, found ${describeValue(graph)}`,
    );
  const list = (path: FieldPath, item: unknown): unknown[] => {
    if (item === undefined || item === null) return [];
    if (!Array.isArray(item)) refuse(file, path, `must be an array, found ${describeValue(item)}`);
    return item;
  };
  const twinsPath: FieldPath = ['digitalTwinsGraph', 'digitalTwins'];
  const relationshipsPath: FieldPath = ['digitalTwinsGraph', 'relationships'];
  const twins = list(twinsPath, graph.digitalTwins).flatMap((twin, index) => {
    const read = readTwin(twin, { file, path: [...twinsPath, index] }, problems);
    return read ? [read] : [];
  });
  const relationships = list(relationshipsPath, graph.relationships).flatMap((relationship, index) => {
    const read = readRelationship(relationship, { file, path: [...relationshipsPath, index] }, problems);
    return read ? [read] : [];
  });
  const models = list(['digitalTwinsModels'], value.digitalTwinsModels).map((model, index) => ({
    value: model,
    at: { file, path: ['digitalTwinsModels', index] },
  }));
  return { format: 'explorer', models, twins, relationships, problems };
}

function refuse(file: string, path: FieldPath, message: string): never {
  throw new InputError(`${placeText({ file, path })}: ${message}`, [
    { file, field: formatFieldPath(path), message },
  ]);
}

function readTwin(value: unknown, at: AdtPlace, problems: InventoryProblem[]): AdtTwin | undefined {
  const report = (path: string, message: string) =>
    problems.push({ path, message: `${message}: twin skipped` });
  const fields = JsonFields.of(value, at.path, report, prefixOf(at));
  if (!fields) return undefined;
  const dtId = fields.string('$dtId', true);
  const metadata = fields.object('$metadata');
  const model = metadata?.string('$model', true);
  if (!fields.has('$metadata') && dtId !== undefined)
    report(placeText(at, '$metadata'), 'is required, with the $model of the twin');
  if (dtId === undefined || model === undefined) return undefined;
  return { dtId, model, properties: propertiesOf(fields.value), at };
}

function readRelationship(
  value: unknown,
  at: AdtPlace,
  problems: InventoryProblem[],
): AdtRelationship | undefined {
  const report = (path: string, message: string) =>
    problems.push({ path, message: `${message}: relationship skipped` });
  const fields = JsonFields.of(value, at.path, report, prefixOf(at));
  if (!fields) return undefined;
  // The import file names the source `$dtId`; the API (and so the Explorer) `$sourceId`.
  const sourceKey = fields.has('$sourceId') || !fields.has('$dtId') ? '$sourceId' : '$dtId';
  const sourceId = fields.string(sourceKey, true);
  const relationshipId = fields.string('$relationshipId', true);
  const targetId = fields.string('$targetId', true);
  const name = fields.string('$relationshipName', true);
  if (fields.has('$sourceId') && fields.has('$dtId') && fields.value.$dtId !== sourceId)
    report(placeText(at, '$dtId'), `differs from $sourceId ${describeValue(sourceId)}`);
  if (sourceId === undefined || relationshipId === undefined || targetId === undefined || name === undefined)
    return undefined;
  return { sourceId, relationshipId, targetId, name, properties: propertiesOf(fields.value), at };
}

/** The prefix JsonFields puts before a field's path: `twins.ndjson:17: `, `export.json: `. */
function prefixOf(at: AdtPlace): string {
  return `${at.line === undefined ? at.file : `${at.file}:${at.line}`}: `;
}

/**
 * The members that are not the service's (`$dtId`, `$etag`, `$metadata`…). A component's value
 * carries a `$metadata` of its own (ADT requires it, even empty), which is the service's too.
 */
function propertiesOf(value: Readonly<Record<string, unknown>>): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('$'))
      .map(([key, item]) => [
        key,
        isRecord(item)
          ? Object.fromEntries(Object.entries(item).filter(([inner]) => !inner.startsWith('$')))
          : item,
      ]),
  ) as Record<string, JsonValue>;
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}
