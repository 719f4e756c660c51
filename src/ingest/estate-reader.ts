import {
  type EntityInput,
  hasPropType,
  isRelationType,
  isValidEntityId,
  type KindCatalog,
  type KindSpec,
  kindOfId,
  type Labels,
  type PropSpec,
  type Props,
  type RelationInput,
  type RelationType,
  relationId,
  relationPropSpecs,
  relationTypes,
} from '../model/index.js';
import { closestMatch } from './closest-match.js';
import { type EstateDocument, estateApiVersion } from './estate-document.js';
import type { FieldPath } from './source-position.js';

/**
 * One problem, placed by its field path; the caller turns paths into lines and columns, which
 * for JSON it only works out when there is something to report.
 */
export interface Finding {
  path: FieldPath;
  message: string;
  /** Point at the key rather than its value (an unknown field, a bad label key). */
  onKey?: boolean;
  /** The earlier field this one duplicates; the caller appends where that one is. */
  sameAs?: FieldPath;
}

export interface EstateReading {
  doc: EstateDocument;
  findings: Finding[];
}

/** Deeper prop values than this are refused: JSON.stringify and friends recurse. */
export const maxPropNesting = 32;

const topFields = ['apiVersion', 'kind', 'metadata', 'entities', 'relations'];
const metadataFields = ['source'];
const entityFields = ['id', 'kind', 'name', 'labels', 'props', 'relations'];
const relationFields = ['type', 'from', 'to', 'key', 'props'];

/** How each relation type reads, for messages that catch a relation written backwards. */
const directions: Partial<Record<RelationType, string>> = {
  contains: 'from the parent to the child',
  'runs-on': 'from the guest to its host',
  'powered-by': 'from the consumer to its power source',
  'cooled-by': 'from what is cooled to its cooling unit',
  connects: 'from a device to its uplink',
  'depends-on': 'from the caller to the callee',
  'stored-on': 'from the data to its storage',
};

/**
 * Validates a parsed estate file (plain values from JSON.parse or YAML) against the format and
 * the kind catalog, collecting every problem rather than stopping at the first. A field written
 * with no value (null) counts as left out, except where a value is required.
 */
export function readEstate(value: unknown, catalog: KindCatalog): EstateReading {
  const reader = new EstateReader(catalog);
  reader.read(value);
  return { doc: reader.doc, findings: reader.findings };
}

type FieldMap = Record<string, unknown>;

function isFieldMap(value: unknown): value is FieldMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A relation to read once every entity has been read. Paths are built only for findings: on a
 * 100,000-entity estate the arrays alone would be millions of allocations.
 */
interface PendingRelation {
  raw: unknown;
  index: number;
  /** For a relation nested under an entity: the entity's path. */
  entityPath?: FieldPath;
  /** For a nested relation: the entity's id, or undefined when its id is unusable. */
  owner?: string;
}

function relationPath(relation: PendingRelation): FieldPath {
  return relation.entityPath
    ? [...relation.entityPath, 'relations', relation.index]
    : ['relations', relation.index];
}

type Extra = Pick<Finding, 'onKey' | 'sameAs'>;

class EstateReader {
  readonly doc: EstateDocument = { entities: [], relations: [] };
  readonly findings: Finding[] = [];
  /** Valid entity ids of the file → the path of the first entity that declared each. */
  private readonly entityIds = new Map<string, FieldPath>();
  private readonly relationIds = new Map<string, PendingRelation>();

  constructor(private readonly catalog: KindCatalog) {}

  /** Records a finding at `base` extended by `rest`. */
  private add(base: FieldPath, rest: ReadonlyArray<string | number>, message: string, extra?: Extra): void {
    this.findings.push({ path: rest.length > 0 ? [...base, ...rest] : base, message, ...extra });
  }

  read(value: unknown): void {
    if (!isFieldMap(value)) {
      const found = value === null || value === undefined ? 'the file is empty' : `found ${describe(value)}`;
      this.add(
        [],
        [],
        `an estate file is a map with apiVersion: ${estateApiVersion}, kind: Estate, entities and relations; ${found}`,
      );
      return;
    }
    this.checkFields(value, [], topFields, 'an estate file has');
    const { apiVersion, kind, metadata } = value;
    if (apiVersion === undefined || apiVersion === null) {
      this.add([], ['apiVersion'], `missing: an estate file starts with apiVersion: ${estateApiVersion}`);
    } else if (apiVersion !== estateApiVersion) {
      this.add(
        [],
        ['apiVersion'],
        `must be ${estateApiVersion} (the version this infratwin reads), found ${describe(apiVersion)}`,
      );
    }
    if (kind !== undefined && kind !== null && kind !== 'Estate') {
      this.add([], ['kind'], `must be Estate, found ${describe(kind)}`);
    }
    this.readMetadata(metadata);
    const entities = this.list(value.entities, 'entities');
    const relations = this.list(value.relations, 'relations');
    // Entities first, so that every relation knows which of its ends the file declares.
    const pending: PendingRelation[] = [];
    for (let index = 0; index < entities.length; index++) {
      this.readEntity(entities[index], ['entities', index], pending);
    }
    for (let index = 0; index < relations.length; index++) {
      pending.push({ raw: relations[index], index });
    }
    for (const relation of pending) this.readRelation(relation);
  }

  private readMetadata(metadata: unknown): void {
    if (metadata === undefined || metadata === null) return;
    if (!isFieldMap(metadata)) {
      this.add([], ['metadata'], `must be a map (e.g. { source: estate:prod }), found ${describe(metadata)}`);
      return;
    }
    this.checkFields(metadata, ['metadata'], metadataFields, 'metadata has');
    const { source } = metadata;
    if (source === undefined || source === null) return;
    if (typeof source !== 'string' || source === '') {
      this.add(
        ['metadata'],
        ['source'],
        `must be a non-empty string naming the source, e.g. estate:prod; found ${describe(source)}`,
      );
      return;
    }
    this.doc.source = source;
  }

  private list(value: unknown, field: 'entities' | 'relations'): unknown[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.add([], [field], `must be a list of ${field} (items starting with '- '), found ${describe(value)}`);
    return [];
  }

  private checkFields(value: FieldMap, path: FieldPath, allowed: readonly string[], what: string): void {
    for (const key in value) {
      if (allowed.includes(key) || !Object.hasOwn(value, key)) continue;
      const close = closestMatch(key, allowed);
      this.add(
        path,
        [key],
        `unknown field ${quote(key)}${close ? ` (did you mean '${close}'?)` : ''}; ${what}: ${allowed.join(', ')}`,
        { onKey: true },
      );
    }
  }

  private readEntity(item: unknown, path: FieldPath, pending: PendingRelation[]): void {
    if (!isFieldMap(item)) {
      this.add(
        path,
        [],
        `an entity is a map with id, kind and optionally name, labels, props, relations; found ${describe(item)}`,
      );
      return;
    }
    const before = this.findings.length;
    this.checkFields(item, path, entityFields, 'an entity has');
    const id = this.readEntityId(item.id, path);
    const spec = this.readKind(item.kind, id, path);
    const { name } = item;
    if (name !== undefined && name !== null && typeof name !== 'string') {
      this.add(path, ['name'], `must be a string, found ${describe(name)}`);
    }
    const labels = this.readLabels(item.labels, path);
    const props = this.readProps(item.props, path, spec?.props);
    if (id !== undefined) {
      const first = this.entityIds.get(id);
      if (first) {
        this.add(path, ['id'], `duplicate entity id '${id}': ids must be unique within a file`, {
          sameAs: [...first, 'id'],
        });
      } else {
        this.entityIds.set(id, path);
      }
    }
    const nested = item.relations;
    if (nested !== undefined && nested !== null) {
      if (Array.isArray(nested)) {
        for (let index = 0; index < nested.length; index++) {
          pending.push({ raw: nested[index], index, entityPath: path, owner: id });
        }
      } else {
        this.add(
          path,
          ['relations'],
          `must be a list of relations from this entity, e.g. - { type: powered-by, to: pdu:a }; found ${describe(nested)}`,
        );
      }
    }
    if (this.findings.length > before || id === undefined) return;
    const entity: EntityInput = { id, kind: item.kind as string };
    if (typeof name === 'string') entity.name = name;
    if (labels) entity.labels = labels;
    if (props) entity.props = props;
    this.doc.entities.push(entity);
  }

  /** The id when it is a valid entity id; otherwise records why not. */
  private readEntityId(value: unknown, path: FieldPath): string | undefined {
    if (value === undefined || value === null) {
      this.add(path, ['id'], 'missing: every entity needs an id of the form <kind>:<name>, e.g. host:web-01');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(
        path,
        ['id'],
        `must be a string of the form <kind>:<name>, e.g. host:web-01; found ${describe(value)}`,
      );
      return undefined;
    }
    if (!isValidEntityId(value)) {
      this.add(path, ['id'], `${quote(value)} is not a valid id: ${idProblem(value)}`);
      return undefined;
    }
    return value;
  }

  private readKind(kind: unknown, id: string | undefined, path: FieldPath): KindSpec | undefined {
    if (kind === undefined || kind === null) {
      const hint = id ? `; here '${kindOfId(id)}', as its id says` : '';
      this.add(path, ['kind'], `missing: every entity needs a kind${hint}`);
      return undefined;
    }
    if (typeof kind !== 'string') {
      this.add(path, ['kind'], `must be a string naming a kind, found ${describe(kind)}`);
      return undefined;
    }
    const spec = this.catalog.get(kind);
    if (!spec) {
      this.add(path, ['kind'], this.unknownKind(kind));
      return undefined;
    }
    if (id !== undefined && kindOfId(id) !== kind) {
      this.add(
        path,
        ['id'],
        `the id must start with the entity's kind: '${kind}:${id.slice(id.indexOf(':') + 1)}', not '${id}'`,
      );
    }
    return spec;
  }

  private unknownKind(kind: string): string {
    const close = closestMatch(kind, this.catalog.keys());
    const known = close
      ? `did you mean '${close}'?`
      : `the kinds are: ${[...this.catalog.keys()].join(', ')}`;
    return `unknown kind ${quote(kind)}; ${known}`;
  }

  /** `path` is the entity's; labels sit at path.labels. */
  private readLabels(value: unknown, path: FieldPath): Labels | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isFieldMap(value)) {
      this.add(
        path,
        ['labels'],
        `labels must be a map of label keys to string values, found ${describe(value)}`,
      );
      return undefined;
    }
    for (const key of Object.keys(value)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) {
        this.add(path, ['labels', key], `${quote(key)} is not a valid label key: ${keyProblem}`, {
          onKey: true,
        });
      }
      const label = value[key];
      if (typeof label !== 'string') {
        const fix = typeof label === 'number' || typeof label === 'boolean' ? `; quote it: "${label}"` : '';
        this.add(path, ['labels', key], `label values must be strings, found ${describe(label)}${fix}`);
      }
    }
    return value as Labels;
  }

  /** `path` is the owner's (entity or relation); props sit at path.props. */
  private readProps(
    value: unknown,
    path: FieldPath,
    specs: Record<string, PropSpec> | undefined,
  ): Props | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isFieldMap(value)) {
      this.add(path, ['props'], `props must be a map of prop names to values, found ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      const prop = value[key];
      const notJson = jsonValueProblem(prop);
      if (notJson) {
        this.add(path, ['props', key], notJson);
        continue;
      }
      // hasOwn: a prop named `constructor` must not find Object.prototype.constructor.
      const spec = specs && Object.hasOwn(specs, key) ? specs[key] : undefined;
      if (spec && !hasPropTypeOf(prop, spec)) this.add(path, ['props', key], propTypeProblem(spec, prop));
    }
    return value as Props;
  }

  private readRelation(pending: PendingRelation): void {
    const { raw, owner } = pending;
    const nested = pending.entityPath !== undefined;
    if (!isFieldMap(raw)) {
      const fields = nested ? 'type and to (from is the entity it sits under)' : 'type, from and to';
      this.add(relationPath(pending), [], `a relation is a map with ${fields}; found ${describe(raw)}`);
      return;
    }
    const before = this.findings.length;
    // Only for findings; the lambda keeps the happy path free of path arrays.
    const path = (): FieldPath => relationPath(pending);
    for (const key in raw) {
      if (!relationFields.includes(key) && Object.hasOwn(raw, key)) {
        this.checkFields(raw, path(), relationFields, 'a relation has');
        break;
      }
    }
    const type = this.readRelationType(raw.type, path);
    let from: string | undefined;
    if (nested) {
      from = owner;
      const written = raw.from;
      if (written !== undefined && written !== null && owner && written !== owner) {
        this.add(
          path(),
          ['from'],
          `a relation under an entity starts at that entity ('${owner}'); leave from out, or move the relation to the top-level relations list`,
        );
      }
    } else {
      from = this.readEndpoint(raw.from, path, 'from');
    }
    const to = this.readEndpoint(raw.to, path, 'to');
    const { key } = raw;
    if (key !== undefined && key !== null && (typeof key !== 'string' || key === '')) {
      this.add(
        path(),
        ['key'],
        `must be a non-empty string telling apart relations of one type between the same two entities; found ${describe(key)}`,
      );
    }
    // The relation props the twin computes with (callsPerRequest, optional, peer, …) are typed.
    const specs = type ? relationPropSpecs[type] : undefined;
    const props = raw.props === undefined ? undefined : this.readProps(raw.props, path(), specs);
    if (from !== undefined && to !== undefined) this.checkEnds(type, from, to, path, nested);
    if (type === undefined || from === undefined || to === undefined) return;
    const relation: RelationInput = { type, from, to };
    if (typeof key === 'string' && key !== '') relation.key = key;
    if (props) relation.props = props;
    const id = relationId(relation);
    const first = this.relationIds.get(id);
    if (first) {
      this.add(path(), [], `duplicate relation ${id}: the same type, from, to and key as another`, {
        sameAs: relationPath(first),
      });
      return;
    }
    this.relationIds.set(id, pending);
    if (this.findings.length === before) this.doc.relations.push(relation);
  }

  private readRelationType(value: unknown, path: () => FieldPath): RelationType | undefined {
    if (typeof value === 'string' && isRelationType(value)) return value;
    const list = `the types are: ${relationTypes.join(', ')}`;
    if (value === undefined || value === null) {
      this.add(path(), ['type'], `missing: every relation needs a type; ${list}`);
    } else if (typeof value !== 'string') {
      this.add(
        path(),
        ['type'],
        `must be a string naming a relation type, found ${describe(value)}; ${list}`,
      );
    } else {
      const close = closestMatch(value, relationTypes);
      this.add(
        path(),
        ['type'],
        `unknown relation type ${quote(value)}${close ? ` (did you mean '${close}'?)` : ''}; ${list}`,
      );
    }
    return undefined;
  }

  private readEndpoint(value: unknown, path: () => FieldPath, end: 'from' | 'to'): string | undefined {
    if (typeof value === 'string' && isValidEntityId(value)) return value;
    if (value === undefined || value === null) {
      this.add(path(), [end], 'missing: a relation needs from and to, each an entity id such as host:web-01');
    } else if (typeof value !== 'string') {
      this.add(path(), [end], `must be an entity id such as host:web-01, found ${describe(value)}`);
    } else {
      this.add(path(), [end], `${quote(value)} is not a valid entity id: ${idProblem(value)}`);
    }
    return undefined;
  }

  /**
   * The ends need not be in the file (they may already be in the twin, which checks that when
   * the change set is applied), but their kinds follow from their ids, and so does whether the
   * catalog allows this relation between them.
   */
  private checkEnds(
    type: RelationType | undefined,
    from: string,
    to: string,
    path: () => FieldPath,
    nested: boolean,
  ): void {
    if (from === to) {
      this.add(path(), ['to'], `a relation cannot link an entity to itself ('${from}')`);
      return;
    }
    const fromKind = kindOfId(from);
    const toKind = kindOfId(to);
    const fromSpec = this.catalog.get(fromKind);
    const toSpec = this.catalog.get(toKind);
    // An end the file declares has had its kind checked there already.
    if (!fromSpec && !this.entityIds.has(from)) {
      this.add(path(), nested ? [] : ['from'], `'${from}' names ${this.unknownKind(fromKind)}`);
    }
    if (!toSpec && !this.entityIds.has(to)) {
      this.add(path(), ['to'], `'${to}' names ${this.unknownKind(toKind)}`);
    }
    if (!type || !fromSpec || !toSpec) return;
    const allowed = fromSpec.relations[type] ?? [];
    if (allowed.includes('*') || allowed.includes(toKind)) return;
    const what =
      allowed.length > 0
        ? `from a ${fromKind}, ${type} may go to: ${allowed.join(', ')}`
        : `a ${fromKind} has no ${type} relations`;
    const backwards = toSpec.relations[type];
    const reverse =
      backwards?.includes(fromKind) || backwards?.includes('*')
        ? `; written backwards? ${type} goes ${directions[type] ?? 'the other way'}: from '${to}' to '${from}'`
        : '';
    this.add(path(), ['type'], `${type} from ${fromKind} to ${toKind} is not allowed: ${what}${reverse}`);
  }
}

/** Says what about an invalid id breaks the `<kind>:<name>` convention. */
function idProblem(id: string): string {
  const expected = 'ids look like <kind>:<name>, e.g. rack:dc1/a/r12';
  if (id.length > 512) return `it is ${id.length} characters long, at most 512 are allowed`;
  const colon = id.indexOf(':');
  if (colon === -1) return `there is no ':'; ${expected}`;
  if (!/^[a-z][a-z0-9-]*$/.test(id.slice(0, colon))) {
    return `the part before ':' must be a kind: lower-case letters, digits and '-', starting with a letter; ${expected}`;
  }
  if (colon === id.length - 1) return `there is no name after ':'; ${expected}`;
  return `it contains white space; ${expected}`;
}

const labelPrefix = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const labelName = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Kubernetes label keys: an optional DNS-style prefix and '/', then a name of up to 63 characters. */
function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !labelPrefix.test(prefix))) {
    return 'the prefix before / must be a DNS subdomain (lower-case letters, digits, - and ., at most 253 characters), e.g. example.com/team';
  }
  if (name.length > 63) return `the name is ${name.length} characters long, at most 63 are allowed`;
  if (!labelName.test(name)) {
    return "the name must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit, e.g. team or app.kubernetes.io/name";
  }
  return undefined;
}

const typeNames: Record<PropSpec['type'], string> = {
  integer: 'an integer (a whole number)',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
};

function propTypeProblem(spec: PropSpec, value: unknown): string {
  const unit = spec.unit ? ` in ${spec.unit}` : '';
  const numeric = (spec.type === 'number' || spec.type === 'integer') && typeof value === 'string';
  const hint =
    numeric && value.trim() !== '' && Number.isFinite(Number(value)) ? '; write it without quotes' : '';
  return `must be ${typeNames[spec.type]}${unit} (${spec.description}), found ${describe(value)}${hint}`;
}

/**
 * Why a parsed value cannot be stored as JSON, if it cannot: YAML's .inf and .nan, a cycle made
 * with an alias inside its own anchor, or hostile depth. Iterative, and each shared (aliased)
 * object is walked once, so neither depth nor aliasing can blow up the walk.
 */
function jsonValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return scalarProblem(value);
  // Flat lists and maps (a list of addresses) are the common case: no bookkeeping for them.
  let flat = true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    if (typeof child === 'object' && child !== null) {
      flat = false;
      break;
    }
    const problem = scalarProblem(child);
    if (problem) return problem;
  }
  if (flat) return undefined;
  const ancestors = new Set<object>();
  const done = new Set<object>();
  const stack: Array<{ node: object; depth: number; leaving: boolean }> = [
    { node: value, depth: 1, leaving: false },
  ];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node, depth } = frame;
    if (frame.leaving) {
      ancestors.delete(node);
      done.add(node);
      continue;
    }
    if (done.has(node)) continue;
    if (ancestors.has(node))
      return 'contains itself (an alias inside its own anchor); props must be plain data';
    if (depth > maxPropNesting) return `nested more than ${maxPropNesting} levels deep`;
    ancestors.add(node);
    stack.push({ node, depth, leaving: true });
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) {
        stack.push({ node: child, depth: depth + 1, leaving: false });
      } else {
        const problem = scalarProblem(child);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

function scalarProblem(value: unknown): string | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `${value} is not a finite number, which JSON (and so the twin) cannot hold`;
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return undefined;
  }
  return `a ${typeof value} is not a JSON value`;
}

/** A value as a message shows it: short, and its type evident. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : quote(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'a map';
    default:
      return `a ${typeof value}`;
  }
}

/** User text in a message, cut short so that a megabyte of garbage does not become the message. */
function quote(text: string): string {
  return `'${text.length > 80 ? `${text.slice(0, 77)}…` : text}'`;
}

function hasPropTypeOf(value: unknown, spec: PropSpec): boolean {
  return spec.type === 'object' ? isFieldMap(value) : hasPropType(value, spec.type);
}
