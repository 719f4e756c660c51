// Reads a `schema` (DTDL.v3.md, "Schema" to "Interface schemas"): a primitive, a geospatial
// schema, an Array, Enum, Map or Object written in place, or the DTMI of a complex schema in the
// interface's `schemas`. At most 5 complex schemas nest below an outermost one in DTDL v2 and v3,
// 8 in v4 (DTDL/v3/DTDL.Specification.v3.md, "Limits and exclusions"); a v2 Property may not hold an Array
// anywhere in its schema (DTDL/v2/DTDL.v2.md, Property `schema`).
import type { FieldPath } from '../../../model/index.js';
import { isRecord } from '../json-fields.js';
import { describeValue, idProblem, isDtmi, nameProblem, quote } from './dtdl-grammar.js';
import {
  type DtdlEnumValue,
  type DtdlGeospatial,
  type DtdlNamedSchema,
  type DtdlPrimitive,
  type DtdlSchema,
  dtdlGeospatial,
  dtdlPrimitives,
  dtdlV4Primitives,
  numericPrimitives,
} from './dtdl-interface.js';
import {
  type DtdlContext,
  type DtdlDoc,
  literal,
  Members,
  readLocalized,
  readTypes,
  setOf,
} from './dtdl-members.js';
import { isSemanticType, unitsOf } from './dtdl-units.js';

/** The `schemas` of one interface, by `@id`, each read where it is used. */
export class SchemaScope {
  constructor(
    readonly doc: DtdlDoc,
    readonly context: DtdlContext,
    private readonly raw = new Map<string, { value: Readonly<Record<string, unknown>>; path: FieldPath }>(),
    /** By id, depth and whether under a Property: the limits depend on where a schema is used. */
    private readonly read = new Map<string, DtdlSchema | null>(),
    private readonly reading = new Set<string>(),
    private readonly used = new Set<string>(),
  ) {}

  /** The same schemas under an element that brings its own @context. */
  withContext(context: DtdlContext): SchemaScope {
    return new SchemaScope(this.doc, context, this.raw, this.read, this.reading, this.used);
  }

  define(id: string, value: Readonly<Record<string, unknown>>, path: FieldPath): void {
    this.raw.set(id, { value, path });
  }

  has(id: string): boolean {
    return this.raw.has(id);
  }

  /** A reusable schema by DTMI; undefined, with a problem at `path`, when there is none. */
  resolve(id: string, path: FieldPath, options: SchemaOptions): DtdlSchema | undefined {
    const raw = this.raw.get(id);
    if (!raw) {
      this.doc.problem(path, `schema ${quote(id)} is not defined in this interface's schemas`);
      return undefined;
    }
    if (this.reading.has(id)) {
      this.doc.problem(path, `schema ${quote(id)} contains itself`);
      return undefined;
    }
    const key = `${id}|${options.depth}|${options.inProperty}`;
    if (!this.read.has(key)) {
      this.used.add(id);
      this.reading.add(id);
      this.read.set(key, readComplex(raw.value, raw.path, this, options) ?? null);
      this.reading.delete(id);
    }
    return this.read.get(key) ?? undefined;
  }

  /** Checks the schemas nothing refers to, which would otherwise go unread. */
  readUnused(): void {
    for (const [id, raw] of this.raw)
      if (!this.used.has(id)) this.resolve(id, raw.path, { depth: 0, inProperty: false });
  }
}

export interface SchemaOptions {
  /** Complex schemas around this one: 0 at a Property, Telemetry, Field… */
  readonly depth: number;
  /** Under a Property (v2 forbids Arrays there). */
  readonly inProperty: boolean;
}

const v4Primitives: ReadonlySet<string> = new Set(dtdlV4Primitives);
const primitives: ReadonlySet<string> = new Set([...dtdlPrimitives, ...dtdlV4Primitives]);
const geospatial: ReadonlySet<string> = new Set(dtdlGeospatial);

/** Reads the `schema` member value `value` at `path`; undefined, with problems, when unusable. */
export function readSchema(
  value: unknown,
  path: FieldPath,
  scope: SchemaScope,
  options: SchemaOptions,
): DtdlSchema | undefined {
  const schema = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof schema === 'string') return readNamedSchemaReference(schema, path, scope, options);
  if (isRecord(schema)) return readComplex(schema, path, scope, options);
  scope.doc.problem(
    path,
    `must be a schema: a primitive such as "double", or an Array, Enum, Map or Object; found ${describeValue(value)}`,
  );
  return undefined;
}

function readNamedSchemaReference(
  name: string,
  path: FieldPath,
  scope: SchemaScope,
  options: SchemaOptions,
): DtdlSchema | undefined {
  const { doc, context } = scope;
  const primitive = /^dtmi:dtdl:instance:Schema:([A-Za-z]+);[2-4]$/.exec(name)?.[1] ?? name;
  if (primitives.has(primitive)) {
    if (v4Primitives.has(primitive) && context.version < 4)
      doc.note(
        path,
        `${quote(primitive)} is a DTDL v4 schema; read in this v${context.version} document anyway`,
      );
    return { type: 'primitive', name: primitive as DtdlPrimitive };
  }
  const geo = /^dtmi:standard:schema:geospatial:([A-Za-z]+);[2-4]$/.exec(name)?.[1] ?? name;
  if (geospatial.has(geo)) {
    if (options.inProperty && context.version === 2) {
      doc.problem(
        path,
        `${quote(geo)} is an array-based GeoJSON schema, which a DTDL v2 Property may not hold`,
      );
      return undefined;
    }
    return { type: 'geospatial', name: geo as DtdlGeospatial };
  }
  if (isDtmi(name)) return scope.resolve(name, path, options);
  doc.problem(path, `unknown schema ${quote(name)}; the primitives are: ${[...dtdlPrimitives].join(', ')}`);
  return undefined;
}

const complexTypes = ['Array', 'Enum', 'Map', 'Object'];
const described = ['@id', '@type', '@context', 'comment', 'description', 'displayName'];

function readComplex(
  value: Readonly<Record<string, unknown>>,
  path: FieldPath,
  scope: SchemaScope,
  options: SchemaOptions,
): DtdlSchema | undefined {
  const { doc, context } = scope;
  const types = readTypes(value['@type'], doc, [...path, '@type']);
  if (!types) return undefined;
  const type = types.find((name) => complexTypes.includes(name));
  if (!type) {
    doc.problem(
      [...path, '@type'],
      `a schema's @type is Array, Enum, Map or Object; found ${types.map(quote).join(', ')}`,
    );
    return undefined;
  }
  // "There MUST NOT be more than 5 elementSchema or schema members in any path from a DTDL Array
  // [Map, Object] element to another DTDL element": six complex schemas in a row, five links.
  const limit = context.version === 4 ? 8 : 5;
  if (options.depth > limit) {
    doc.problem(
      path,
      `more than ${limit} complex schemas nest below this one's outermost (DTDL v${context.version} allows ${limit})`,
    );
    return undefined;
  }
  if (value['@id'] !== undefined) {
    const problem = idProblem(value['@id'], context.version);
    if (problem) doc.problem([...path, '@id'], problem);
  }
  const inner: SchemaOptions = { ...options, depth: options.depth + 1 };
  switch (type) {
    case 'Array':
      return readArray(value, path, scope, inner);
    case 'Enum':
      return readEnum(value, path, scope);
    case 'Map':
      return readMap(value, path, scope, inner);
    default:
      return readObject(value, path, scope, inner);
  }
}

function readArray(
  value: Readonly<Record<string, unknown>>,
  path: FieldPath,
  scope: SchemaScope,
  options: SchemaOptions,
): DtdlSchema | undefined {
  const { doc, context } = scope;
  if (options.inProperty && context.version === 2) {
    doc.problem(path, 'a DTDL v2 Property may not hold an Array (DTDL v3 allows it)');
    return undefined;
  }
  const members = new Members(value, [...described, 'elementSchema'], 'an Array', doc, path, context.lenient);
  if (!members.has('elementSchema')) {
    doc.problem(path, 'an Array needs an elementSchema');
    return undefined;
  }
  const element = readSchema(
    members.get('elementSchema'),
    [...path, members.key('elementSchema')],
    scope,
    options,
  );
  return element && { type: 'Array', elementSchema: element };
}

function readEnum(
  value: Readonly<Record<string, unknown>>,
  path: FieldPath,
  scope: SchemaScope,
): DtdlSchema | undefined {
  const { doc, context } = scope;
  const members = new Members(
    value,
    [...described, 'valueSchema', 'enumValues'],
    'an Enum',
    doc,
    path,
    context.lenient,
  );
  const raw = literal(members.get('valueSchema'));
  const valueSchema =
    typeof raw === 'string' ? raw.replace(/^dtmi:dtdl:instance:Schema:([a-z]+);[2-4]$/, '$1') : raw;
  if (valueSchema !== 'integer' && valueSchema !== 'string') {
    doc.problem(
      [...path, members.key('valueSchema')],
      `an Enum's valueSchema must be "integer" or "string", found ${describeValue(raw)}`,
    );
    return undefined;
  }
  const entries = setOf(members.get('enumValues'));
  if (entries.length === 0 && context.version === 2) {
    doc.problem(path, 'a DTDL v2 Enum needs at least one enumValue');
    return undefined;
  }
  const enumValues: DtdlEnumValue[] = [];
  const names = new Set<string>();
  const values = new Set<string | number>();
  const at = (index: number): FieldPath =>
    Array.isArray(members.get('enumValues'))
      ? [...path, members.key('enumValues'), index]
      : [...path, members.key('enumValues')];
  entries.forEach((entry, index) => {
    const item = readEnumValue(entry, valueSchema, at(index), scope);
    if (!item) return;
    if (names.has(item.name))
      doc.problem([...at(index), 'name'], `enumValue name ${quote(item.name)} is used twice`);
    else if (values.has(item.value))
      doc.problem([...at(index), 'enumValue'], `enumValue ${JSON.stringify(item.value)} is used twice`);
    else enumValues.push(item);
    names.add(item.name);
    values.add(item.value);
  });
  return { type: 'Enum', valueSchema, enumValues };
}

function readEnumValue(
  entry: unknown,
  valueSchema: 'integer' | 'string',
  path: FieldPath,
  scope: SchemaScope,
): DtdlEnumValue | undefined {
  const { doc, context } = scope;
  if (!isRecord(entry)) {
    doc.problem(path, `an enumValue is an object with name and enumValue, found ${describeValue(entry)}`);
    return undefined;
  }
  const members = new Members(
    entry,
    [...described, 'name', 'enumValue'],
    'an EnumValue',
    doc,
    path,
    context.lenient,
  );
  const name = readName(members, path, scope);
  const value = literal(members.get('enumValue'));
  const fits = valueSchema === 'integer' ? Number.isInteger(value) : typeof value === 'string';
  if (!fits) {
    doc.problem(
      [...path, members.key('enumValue')],
      `must be ${valueSchema === 'integer' ? 'an integer' : 'a string'} (the Enum's valueSchema), found ${describeValue(value)}`,
    );
    return undefined;
  }
  return name === undefined
    ? undefined
    : { name, value: value as string | number, ...describedOf(members, path, scope) };
}

function readMap(
  value: Readonly<Record<string, unknown>>,
  path: FieldPath,
  scope: SchemaScope,
  options: SchemaOptions,
): DtdlSchema | undefined {
  const { doc, context } = scope;
  const members = new Members(
    value,
    [...described, 'mapKey', 'mapValue'],
    'a Map',
    doc,
    path,
    context.lenient,
  );
  const key = members.get('mapKey');
  const keyPath = [...path, members.key('mapKey')];
  if (!isRecord(key)) {
    doc.problem(
      keyPath,
      `a Map needs a mapKey object with name and schema "string", found ${describeValue(key)}`,
    );
    return undefined;
  }
  const keyMembers = new Members(
    key,
    [...described, 'name', 'schema'],
    'a MapKey',
    doc,
    keyPath,
    context.lenient,
  );
  const keyName = readName(keyMembers, keyPath, scope);
  if (
    literal(keyMembers.get('schema')) !== 'string' &&
    literal(keyMembers.get('schema')) !== 'dtmi:dtdl:instance:Schema:string;2'
  ) {
    doc.problem([...keyPath, keyMembers.key('schema')], 'a Map key\'s schema must be "string"');
    return undefined;
  }
  const mapValue = readNamedSchema(
    members.get('mapValue'),
    [...path, members.key('mapValue')],
    'MapValue',
    scope,
    options,
  );
  return keyName !== undefined && mapValue ? { type: 'Map', mapKey: keyName, mapValue } : undefined;
}

function readObject(
  value: Readonly<Record<string, unknown>>,
  path: FieldPath,
  scope: SchemaScope,
  options: SchemaOptions,
): DtdlSchema | undefined {
  const { doc, context } = scope;
  const members = new Members(value, [...described, 'fields'], 'an Object', doc, path, context.lenient);
  const entries = setOf(members.get('fields'));
  if (entries.length === 0 && context.version === 2) {
    doc.problem(path, 'a DTDL v2 Object needs at least one field');
    return undefined;
  }
  const fields: DtdlNamedSchema[] = [];
  const names = new Set<string>();
  let complete = true;
  entries.forEach((entry, index) => {
    const at: FieldPath = Array.isArray(members.get('fields'))
      ? [...path, members.key('fields'), index]
      : [...path, members.key('fields')];
    const field = readNamedSchema(entry, at, 'Field', scope, options);
    if (!field) complete = false;
    else if (names.has(field.name)) {
      doc.problem([...at, 'name'], `field name ${quote(field.name)} is used twice`);
      complete = false;
    } else {
      names.add(field.name);
      fields.push(field);
    }
  });
  // A field left out would make the twin's value look wrong where it is right: drop the schema.
  return complete ? { type: 'Object', fields } : undefined;
}

/** A Field or MapValue: a name, a schema, and perhaps a semantic type with its unit. */
function readNamedSchema(
  value: unknown,
  path: FieldPath,
  what: 'Field' | 'MapValue',
  scope: SchemaScope,
  options: SchemaOptions,
): DtdlNamedSchema | undefined {
  const { doc, context } = scope;
  if (!isRecord(value)) {
    doc.problem(path, `a ${what} is an object with name and schema, found ${describeValue(value)}`);
    return undefined;
  }
  const types = value['@type'] === undefined ? [what] : readTypes(value['@type'], doc, [...path, '@type']);
  if (!types) return undefined;
  const coTypes = readCoTypes(types, what, path, scope);
  if (!coTypes) return undefined;
  const allowed = [...described, 'name', 'schema', ...(coTypes.semanticType ? ['unit'] : [])];
  const members = new Members(value, allowed, `a ${what}`, doc, path, context.lenient || coTypes.informal);
  const name = readName(members, path, scope);
  if (!members.has('schema')) {
    doc.problem(path, `a ${what} needs a schema`);
    return undefined;
  }
  const schema = readSchema(members.get('schema'), [...path, members.key('schema')], scope, options);
  if (name === undefined || !schema) return undefined;
  const unit = readUnit(coTypes.semanticType, schema, members, path, scope);
  if (unit === null) return undefined;
  return {
    name,
    schema,
    ...describedOf(members, path, scope),
    ...(coTypes.semanticType && unit ? { semanticType: coTypes.semanticType, unit } : {}),
  };
}

/** An element's `name`, checked against the name grammar; undefined (with a problem) otherwise. */
export function readName(
  members: Members,
  path: FieldPath,
  scope: { doc: DtdlDoc; context: DtdlContext },
): string | undefined {
  const value = literal(members.get('name'));
  if (value === undefined) {
    scope.doc.problem(path, 'name is required');
    return undefined;
  }
  const problem = nameProblem(value, scope.context.version);
  if (problem) {
    scope.doc.problem([...path, members.key('name')], problem);
    return undefined;
  }
  return value as string;
}

/** displayName, description and comment, each read when present. */
export function describedOf(
  members: Members,
  path: FieldPath,
  scope: { doc: DtdlDoc; context: DtdlContext },
): { displayName?: string; description?: string; comment?: string } {
  const { doc, context } = scope;
  const displayName = readLocalized(members.get('displayName'), context.version === 2 ? 64 : 512, doc, [
    ...path,
    members.key('displayName'),
  ]);
  const description = readLocalized(members.get('description'), 512, doc, [
    ...path,
    members.key('description'),
  ]);
  const rawComment = literal(members.get('comment'));
  let comment: string | undefined;
  if (typeof rawComment === 'string') {
    if (rawComment.length > 512)
      doc.problem([...path, members.key('comment')], `is ${rawComment.length} characters long, at most 512`);
    else comment = rawComment;
  } else if (rawComment !== undefined)
    doc.problem([...path, members.key('comment')], `must be a string, found ${describeValue(rawComment)}`);
  return {
    ...(displayName !== undefined ? { displayName } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(comment !== undefined ? { comment } : {}),
  };
}

/**
 * Sorts an element's @type into its class (which must be `material`) and a semantic type; other
 * co-types are problems unless an unknown extension may define them (then: informal).
 */
export function readCoTypes(
  types: readonly string[],
  material: string,
  path: FieldPath,
  scope: { doc: DtdlDoc; context: DtdlContext },
): { semanticType?: string; informal: boolean } | undefined {
  const { doc, context } = scope;
  let semanticType: string | undefined;
  let informal = false;
  let ok = true;
  for (const type of types) {
    if (type === material) continue;
    if (
      context.semantic &&
      isSemanticType(type) &&
      ['Property', 'Telemetry', 'Field', 'MapValue'].includes(material)
    ) {
      if (semanticType) {
        doc.problem(
          [...path, '@type'],
          `at most one semantic type, found ${quote(semanticType)} and ${quote(type)}`,
        );
        ok = false;
      }
      semanticType = type;
    } else if (context.lenient) informal = true;
    else {
      const hint = isSemanticType(type)
        ? ' (semantic types need the "dtmi:dtdl:extension:quantitativeTypes;1" context)'
        : '';
      doc.problem([...path, '@type'], `unknown @type ${quote(type)} on a ${material}${hint}`);
      ok = false;
    }
  }
  return ok ? { ...(semanticType ? { semanticType } : {}), informal } : undefined;
}

/**
 * The `unit` of an element co-typed with `semanticType`: required then, and one of that type's
 * units, on a numeric schema. undefined when there is no semantic type; null when it is wrong.
 */
export function readUnit(
  semanticType: string | undefined,
  schema: DtdlSchema,
  members: Members,
  path: FieldPath,
  scope: { doc: DtdlDoc },
): string | undefined | null {
  if (!semanticType) return undefined;
  const unit = literal(members.get('unit'));
  const unitPath = [...path, members.key('unit')];
  if (typeof unit !== 'string') {
    scope.doc.problem(
      unit === undefined ? path : unitPath,
      `a ${semanticType} needs a unit: one of ${unitsOf(semanticType).join(', ')}`,
    );
    return null;
  }
  if (!unitsOf(semanticType).includes(unit)) {
    scope.doc.problem(
      unitPath,
      `${quote(unit)} is not a unit of ${semanticType}; its units are: ${unitsOf(semanticType).join(', ')}`,
    );
    return null;
  }
  if (schema.type !== 'primitive' || !numericPrimitives.has(schema.name)) {
    scope.doc.problem(
      [...path, members.key('schema')],
      `a ${semanticType} must have a numeric schema (double, float, integer, long)`,
    );
    return null;
  }
  return unit;
}
