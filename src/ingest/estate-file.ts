import { Document, LineCounter, parseDocument, stringify } from 'yaml';
import {
  builtinKinds,
  type EntityInput,
  InputError,
  type InputIssue,
  isRelationType,
  isValidEntityId,
  type JsonValue,
  type KindCatalog,
  kindOfId,
  type Operation,
  type RelationInput,
  relationId,
  relationTypes,
} from '../model/index.js';

/** An estate file's content: what a declarative source says the estate is. */
export interface EstateDocument {
  entities: EntityInput[];
  relations: RelationInput[];
  /** `metadata.source`: the provenance source name, when the file names one. */
  source?: string;
}

export const estateApiVersion = 'infratwin/v1';

type Path = Array<string | number>;
interface PathIssue {
  path: Path;
  message: string;
}

/**
 * Reads an estate file (YAML or JSON; see docs/estate-file.md) and validates all of it, so that
 * one error lists every problem with its file, line, column and field. JSON goes through
 * JSON.parse first for speed and is read again with positions only when something is wrong.
 */
export function parseEstateFile(
  text: string,
  options: { file: string; catalog?: KindCatalog },
): EstateDocument {
  const catalog = options.catalog ?? builtinKinds;
  let value: unknown;
  let positions: Document | undefined;
  let lineCounter: LineCounter | undefined;
  const looksJson = /^\s*[{[]/.test(text);
  if (looksJson) {
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
  }
  if (value === undefined) {
    lineCounter = new LineCounter();
    positions = parseDocument(text, { lineCounter, uniqueKeys: true });
    if (positions.errors.length > 0) {
      throw new InputError(
        `${options.file}: not valid YAML or JSON`,
        positions.errors.map((error) => ({
          file: options.file,
          line: error.linePos?.[0]?.line,
          column: error.linePos?.[0]?.col,
          message: error.message.split('\n')[0] ?? error.message,
        })),
      );
    }
    try {
      value = positions.toJS({ maxAliasCount: 1_000 });
    } catch (error) {
      // Unresolved or excessive aliases surface only when the document is turned into values.
      throw new InputError(`${options.file}: ${(error as Error).message}`, [
        { file: options.file, message: (error as Error).message },
      ]);
    }
  }
  const issues: PathIssue[] = [];
  const doc = readEstate(value, catalog, issues);
  if (issues.length === 0) return doc;
  if (!positions) {
    lineCounter = new LineCounter();
    positions = parseDocument(text, { lineCounter });
  }
  const located = issues.map((issue) => locate(issue, options.file, positions, lineCounter));
  const first = located[0] as InputIssue;
  throw new InputError(
    `${options.file}: ${issues.length} problem(s); first at line ${first.line ?? '?'}: ${first.field}: ${first.message}`,
    located,
  );
}

function locate(
  issue: PathIssue,
  file: string,
  document: Document | undefined,
  counter: LineCounter | undefined,
): InputIssue {
  const located: InputIssue = { file, field: formatPath(issue.path), message: issue.message };
  if (!document || !counter) return located;
  // The deepest node that exists on the path: a missing field points at its parent.
  for (let length = issue.path.length; length >= 0; length--) {
    const node = document.getIn(issue.path.slice(0, length), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node && typeof node === 'object' && node.range) {
      const position = counter.linePos(node.range[0]);
      located.line = position.line;
      located.column = position.col;
      break;
    }
  }
  return located;
}

function formatPath(path: Path): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEstate(value: unknown, catalog: KindCatalog, issues: PathIssue[]): EstateDocument {
  const doc: EstateDocument = { entities: [], relations: [] };
  if (!isRecord(value)) {
    issues.push({ path: [], message: 'an estate file holds a map with apiVersion, entities and relations' });
    return doc;
  }
  if (value.apiVersion !== estateApiVersion) {
    issues.push({
      path: ['apiVersion'],
      message: `must be ${estateApiVersion} (found ${JSON.stringify(value.apiVersion)})`,
    });
  }
  if (value.kind !== undefined && value.kind !== 'Estate') {
    issues.push({
      path: ['kind'],
      message: `must be Estate when given (found ${JSON.stringify(value.kind)})`,
    });
  }
  if (isRecord(value.metadata) && value.metadata.source !== undefined) {
    if (typeof value.metadata.source === 'string') doc.source = value.metadata.source;
    else issues.push({ path: ['metadata', 'source'], message: 'must be a string' });
  }
  for (const key of Object.keys(value)) {
    if (!['apiVersion', 'kind', 'metadata', 'entities', 'relations'].includes(key)) {
      issues.push({
        path: [key],
        message: 'unknown field (expected apiVersion, kind, metadata, entities, relations)',
      });
    }
  }
  const seenEntities = new Map<string, number>();
  const seenRelations = new Map<string, string>();
  const entities = listAt(value, 'entities', issues);
  entities.forEach((item, index) => {
    const entity = readEntity(item, ['entities', index], catalog, issues);
    if (!entity) return;
    const earlier = seenEntities.get(entity.id);
    if (earlier !== undefined) {
      issues.push({
        path: ['entities', index, 'id'],
        message: `duplicate id '${entity.id}' (also entities[${earlier}])`,
      });
      return;
    }
    seenEntities.set(entity.id, index);
    doc.entities.push(entity);
    const nested = (item as Record<string, unknown>).relations;
    if (nested === undefined) return;
    if (!Array.isArray(nested)) {
      issues.push({ path: ['entities', index, 'relations'], message: 'must be a list of relations' });
      return;
    }
    nested.forEach((relation, nestedIndex) => {
      const path: Path = ['entities', index, 'relations', nestedIndex];
      if (isRecord(relation) && relation.from !== undefined && relation.from !== entity.id) {
        issues.push({
          path: [...path, 'from'],
          message: `a nested relation starts at its entity '${entity.id}'; leave from out`,
        });
        return;
      }
      const withFrom = isRecord(relation) ? { ...relation, from: entity.id } : relation;
      addRelation(withFrom, path, catalog, issues, doc, seenRelations);
    });
  });
  listAt(value, 'relations', issues).forEach((item, index) => {
    addRelation(item, ['relations', index], catalog, issues, doc, seenRelations);
  });
  return doc;
}

function listAt(value: Record<string, unknown>, key: string, issues: PathIssue[]): unknown[] {
  const list = value[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    issues.push({ path: [key], message: 'must be a list' });
    return [];
  }
  return list;
}

const entityFields = ['id', 'kind', 'name', 'labels', 'props', 'relations'];

function readEntity(
  item: unknown,
  path: Path,
  catalog: KindCatalog,
  issues: PathIssue[],
): EntityInput | undefined {
  if (!isRecord(item)) {
    issues.push({ path, message: 'an entity is a map with id and kind' });
    return undefined;
  }
  const before = issues.length;
  const { id, kind, name } = item;
  if (typeof id !== 'string' || !isValidEntityId(id)) {
    issues.push({
      path: [...path, 'id'],
      message: `${id === undefined ? 'missing' : `'${String(id)}' is not`} an id of the form <kind>:<name>`,
    });
  }
  const spec = typeof kind === 'string' ? catalog.get(kind) : undefined;
  if (typeof kind !== 'string') {
    issues.push({ path: [...path, 'kind'], message: 'missing: every entity needs a kind' });
  } else if (!spec) {
    issues.push({
      path: [...path, 'kind'],
      message: `unknown kind '${kind}'${suggest(kind, [...catalog.keys()])}`,
    });
  } else if (typeof id === 'string' && isValidEntityId(id) && kindOfId(id) !== kind) {
    issues.push({ path: [...path, 'id'], message: `id '${id}' must start with its kind '${kind}:'` });
  }
  if (name !== undefined && typeof name !== 'string')
    issues.push({ path: [...path, 'name'], message: 'must be a string' });
  for (const key of Object.keys(item)) {
    if (!entityFields.includes(key))
      issues.push({ path: [...path, key], message: `unknown field (expected ${entityFields.join(', ')})` });
  }
  const labels = readLabels(item.labels, [...path, 'labels'], issues);
  const props = readProps(item.props, [...path, 'props'], spec?.props, issues);
  if (issues.length > before) return undefined;
  const entity: EntityInput = { id: id as string, kind: kind as string };
  if (name !== undefined) entity.name = name as string;
  if (labels) entity.labels = labels;
  if (props) entity.props = props;
  return entity;
}

const labelKey = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function readLabels(value: unknown, path: Path, issues: PathIssue[]): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    issues.push({ path, message: 'labels must be a map of strings' });
    return undefined;
  }
  for (const [key, label] of Object.entries(value)) {
    const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (!labelKey.test(key) || name.length > 63) {
      issues.push({
        path: [...path, key],
        message: 'not a valid label key (optional prefix/, then up to 63 of [A-Za-z0-9-_.])',
      });
    }
    if (typeof label !== 'string')
      issues.push({
        path: [...path, key],
        message: `label values must be strings (quote ${JSON.stringify(label)})`,
      });
  }
  return value as Record<string, string>;
}

function readProps(
  value: unknown,
  path: Path,
  specs: Record<string, { type: string }> | undefined,
  issues: PathIssue[],
): Record<string, JsonValue> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    issues.push({ path, message: 'props must be a map' });
    return undefined;
  }
  for (const [key, prop] of Object.entries(value)) {
    const type = specs?.[key]?.type;
    if (type && !hasType(prop, type)) {
      issues.push({
        path: [...path, key],
        message: `must be ${type === 'integer' || type === 'array' || type === 'object' ? 'an' : 'a'} ${type} (found ${JSON.stringify(prop)})`,
      });
    }
  }
  return value as Record<string, JsonValue>;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isRecord(value);
  return typeof value === type;
}

const relationFields = ['type', 'from', 'to', 'key', 'props'];

function addRelation(
  item: unknown,
  path: Path,
  catalog: KindCatalog,
  issues: PathIssue[],
  doc: EstateDocument,
  seen: Map<string, string>,
): void {
  if (!isRecord(item)) {
    issues.push({ path, message: 'a relation is a map with type, from and to' });
    return;
  }
  const before = issues.length;
  const { type, from, to, key } = item;
  if (typeof type !== 'string' || !isRelationType(type)) {
    issues.push({
      path: [...path, 'type'],
      message: `${type === undefined ? 'missing' : `unknown relation type '${String(type)}'`}${typeof type === 'string' ? suggest(type, [...relationTypes]) : ''} (types: ${relationTypes.join(', ')})`,
    });
  }
  for (const [field, end] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (typeof end !== 'string' || !isValidEntityId(end)) {
      issues.push({
        path: [...path, field],
        message: `${end === undefined ? 'missing' : `'${String(end)}' is not`} an entity id`,
      });
    }
  }
  if (key !== undefined && typeof key !== 'string')
    issues.push({ path: [...path, 'key'], message: 'must be a string' });
  for (const field of Object.keys(item)) {
    if (!relationFields.includes(field))
      issues.push({
        path: [...path, field],
        message: `unknown field (expected ${relationFields.join(', ')})`,
      });
  }
  const props = readProps(item.props, [...path, 'props'], undefined, issues);
  if (issues.length > before) return;
  const fromKind = kindOfId(from as string);
  const toKind = kindOfId(to as string);
  const allowed = catalog.get(fromKind)?.relations[type as RelationInput['type']];
  if (
    catalog.has(fromKind) &&
    catalog.has(toKind) &&
    !(allowed?.includes('*') || allowed?.includes(toKind))
  ) {
    const list = allowed?.length ? allowed.join(', ') : 'nothing';
    issues.push({
      path: [...path, 'type'],
      message: `${fromKind} ${String(type)} ${toKind} is not allowed (${fromKind} ${String(type)} → ${list})`,
    });
    return;
  }
  const relation: RelationInput = {
    type: type as RelationInput['type'],
    from: from as string,
    to: to as string,
  };
  if (key !== undefined) relation.key = key as string;
  if (props) relation.props = props;
  const id = relationId(relation);
  const earlier = seen.get(id);
  if (earlier !== undefined) {
    issues.push({ path, message: `duplicate relation ${id} (also ${earlier})` });
    return;
  }
  seen.set(id, formatPath(path));
  doc.relations.push(relation);
}

/** ` (did you mean 'host'?)` for a near miss, by edit distance. */
function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** One upsert per entity, then one per relation: the order a twin can apply. */
export function estateToOperations(doc: EstateDocument): Operation[] {
  return [
    ...doc.entities.map((entity): Operation => ({ op: 'upsert-entity', entity })),
    ...doc.relations.map((relation): Operation => ({ op: 'upsert-relation', relation })),
  ];
}

/** Writes an estate file that `parseEstateFile` reads back equal. */
export function serializeEstate(doc: EstateDocument, format: 'yaml' | 'json'): string {
  const value: Record<string, unknown> = {
    apiVersion: estateApiVersion,
    kind: 'Estate',
    ...(doc.source !== undefined ? { metadata: { source: doc.source } } : {}),
    entities: doc.entities,
    relations: doc.relations,
  };
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  return stringify(new Document(value), { lineWidth: 0 });
}
