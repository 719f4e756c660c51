// Reads DTDL models: a JSON value that is one Interface or an array of them (a file as Azure
// Digital Twins and IoT Plug and Play write them), or several documents at once (the Models
// section of an import job, one Interface a line). Every problem is reported with its path
// (`models.json: [2].contents[5].schema`); an element with a problem is left out and the rest
// read, an interface is left out when what it is cannot be known (no @id, a base missing).
//
// The rules are DTDL v3's (github.com/Azure/opendigitaltwins-dtdl, DTDL/v3/DTDL.v3.md and the
// normative DTDL/v3/DTDL.Specification.v3.md), with v2's differences (DTDL/v2/DTDL.v2.md) for
// documents whose @context is `dtmi:dtdl:context;2`, which most published Azure models are.
import { type FieldPath, InputError } from '../../../model/index.js';
import { isRecord } from '../json-fields.js';
import { describeValue, dtmiProblem, idProblem, maxInterfaceDtmiLength, quote } from './dtdl-grammar.js';
import type {
  DtdlCommand,
  DtdlComponent,
  DtdlContent,
  DtdlFinding,
  DtdlModel,
  DtdlProperty,
  DtdlRelationship,
  DtdlTelemetry,
} from './dtdl-interface.js';
import {
  type DtdlContext,
  DtdlDoc,
  fileWhere,
  literal,
  Members,
  readContext,
  readTypes,
  setOf,
} from './dtdl-members.js';
import { type RawInterface, resolveInterfaces } from './dtdl-resolve.js';
import {
  describedOf,
  readCoTypes,
  readName,
  readSchema,
  readUnit,
  SchemaScope,
} from './dtdl-schema-reader.js';

/** One JSON document of a model, and how paths in it read in problems. */
export interface DtdlDocument {
  readonly value: unknown;
  readonly where: (path: FieldPath) => string;
}

export interface DtdlParseOptions {
  /**
   * Interfaces defined outside the documents (kinds already in the catalog, built-ins): `extends`
   * and Component schemas may name them without the model being incomplete.
   */
  readonly known?: (dtmi: string) => boolean;
}

/**
 * Reads a DTDL file's JSON value. Throws an InputError when it is not an Interface or an array
 * (the file is something else); everything wrong inside it is returned as problems.
 */
export function parseDtdl(value: unknown, file = 'models.json', options: DtdlParseOptions = {}): DtdlModel {
  if (!isRecord(value) && !Array.isArray(value))
    throw new InputError(
      `${file}: a DTDL file holds an Interface or an array of Interfaces, found ${describeValue(value)}`,
      [{ file, message: `expected an Interface or an array of Interfaces, found ${describeValue(value)}` }],
    );
  return parseDtdlDocuments([{ value, where: fileWhere(file) }], options);
}

/** Reads several documents as one model: an Interface in one may extend an Interface in another. */
export function parseDtdlDocuments(
  documents: readonly DtdlDocument[],
  options: DtdlParseOptions = {},
): DtdlModel {
  const problems: DtdlFinding[] = [];
  const notes: DtdlFinding[] = [];
  const reader = new InterfaceReader();
  for (const document of documents) {
    const doc = new DtdlDoc(document.where, problems, notes);
    if (Array.isArray(document.value)) {
      document.value.forEach((item, index) => {
        reader.readTopLevel(item, doc, [index]);
      });
    } else reader.readTopLevel(document.value, doc, []);
  }
  const interfaces = resolveInterfaces(reader.interfaces, options.known ?? (() => false));
  return { interfaces, problems, notes };
}

const interfaceMembers = [
  '@context',
  '@id',
  '@type',
  'comment',
  'contents',
  'description',
  'displayName',
  'extends',
  'schemas',
];
const described = ['@context', '@id', '@type', 'comment', 'description', 'displayName'];
const contentClasses = ['Telemetry', 'Property', 'Command', 'Relationship', 'Component'];

/** Reads Interfaces, hoisting those written inline (in `extends`, or as a Component's schema). */
class InterfaceReader {
  readonly interfaces: RawInterface[] = [];
  private readonly ids = new Set<string>();

  readTopLevel(value: unknown, doc: DtdlDoc, path: FieldPath): void {
    if (!isRecord(value)) {
      doc.problem(path, `a model holds Interface objects, found ${describeValue(value)}`);
      return;
    }
    const context = readContext(value['@context'], undefined, doc, [...path, '@context']);
    if (context) this.readInterface(value, context, doc, path);
  }

  /** Reads an Interface; returns its DTMI when it has a usable one (even if it has other problems). */
  readInterface(
    value: Readonly<Record<string, unknown>>,
    parent: DtdlContext,
    doc: DtdlDoc,
    path: FieldPath,
  ): string | undefined {
    const context = readContext(value['@context'], parent, doc, [...path, '@context']);
    const types = readTypes(value['@type'], doc, [...path, '@type']);
    if (!context || !types) return undefined;
    if (!types.includes('Interface')) {
      doc.problem([...path, '@type'], `expected an Interface, found ${types.map(quote).join(', ')}`);
      return undefined;
    }
    const coTypes = readCoTypes(types, 'Interface', path, { doc, context });
    const members = new Members(
      value,
      interfaceMembers,
      'an Interface',
      doc,
      path,
      context.lenient || (coTypes?.informal ?? false),
    );
    const id = this.readId(members.get('@id'), context, doc, [...path, '@id']);
    if (id === undefined) return undefined;
    const scope = new SchemaScope(doc, context);
    this.defineSchemas(members, scope, path);
    const extendsIds = this.readExtends(members, context, doc, path);
    const contents = setOf(members.get('contents')).flatMap((item, index) => {
      const at: FieldPath = Array.isArray(members.get('contents'))
        ? [...path, members.key('contents'), index]
        : [...path, members.key('contents')];
      const content = this.readContent(item, scope, at);
      return content ? [content] : [];
    });
    scope.readUnused();
    this.interfaces.push({
      id,
      version: context.version,
      ...describedOf(members, path, { doc, context }),
      extends: extendsIds.map((entry) => entry.id),
      extendsPaths: extendsIds.map((entry) => entry.path),
      contents,
      path,
      where: doc.where,
      doc,
    });
    return id;
  }

  private readId(value: unknown, context: DtdlContext, doc: DtdlDoc, path: FieldPath): string | undefined {
    if (value === undefined) {
      doc.problem(path.slice(0, -1), 'an Interface needs an @id (a DTMI such as "dtmi:com:example:Pump;1")');
      return undefined;
    }
    const problem = idProblem(value, context.version, maxInterfaceDtmiLength);
    if (problem) {
      doc.problem(path, problem);
      return undefined;
    }
    const id = value as string;
    if (this.ids.has(id)) {
      doc.problem(path, `${quote(id)} is defined twice; the first definition is kept`);
      return undefined;
    }
    this.ids.add(id);
    return id;
  }

  /** An element's optional `@id`: a DTMI, unique among every `@id` of the model. */
  private elementIdOk(value: unknown, context: DtdlContext, doc: DtdlDoc, path: FieldPath): boolean {
    if (value === undefined) return true;
    const problem =
      idProblem(value, context.version) ??
      (this.ids.has(value as string) ? `${quote(value as string)} is used as @id twice` : undefined);
    if (problem) doc.problem(path, problem);
    else this.ids.add(value as string);
    return problem === undefined;
  }

  private defineSchemas(members: Members, scope: SchemaScope, path: FieldPath): void {
    const raw = members.get('schemas');
    setOf(raw).forEach((item, index) => {
      const at: FieldPath = Array.isArray(raw)
        ? [...path, members.key('schemas'), index]
        : [...path, members.key('schemas')];
      if (!isRecord(item)) {
        scope.doc.problem(
          at,
          `a reusable schema is an Array, Enum, Map or Object with an @id, found ${describeValue(item)}`,
        );
        return;
      }
      const problem =
        item['@id'] === undefined
          ? 'a reusable schema needs an @id'
          : idProblem(item['@id'], scope.context.version);
      if (problem) scope.doc.problem([...at, '@id'], problem);
      else if (scope.has(item['@id'] as string))
        scope.doc.problem([...at, '@id'], `${quote(item['@id'] as string)} is defined twice`);
      else scope.define(item['@id'] as string, item, at);
    });
  }

  private readExtends(
    members: Members,
    context: DtdlContext,
    doc: DtdlDoc,
    path: FieldPath,
  ): Array<{ id: string; path: FieldPath }> {
    const raw = members.get('extends');
    const entries = setOf(raw);
    if (context.version === 2 && entries.length > 2)
      doc.problem(
        [...path, members.key('extends')],
        `a DTDL v2 Interface extends at most 2 Interfaces, found ${entries.length}`,
      );
    return entries.flatMap((entry, index) => {
      const at: FieldPath = Array.isArray(raw)
        ? [...path, members.key('extends'), index]
        : [...path, members.key('extends')];
      const id = this.readInterfaceReference(entry, context, doc, at);
      return id === undefined ? [] : [{ id, path: at }];
    });
  }

  /** A DTMI naming an Interface, or an Interface written in place (read, and named by its @id). */
  private readInterfaceReference(
    value: unknown,
    context: DtdlContext,
    doc: DtdlDoc,
    path: FieldPath,
  ): string | undefined {
    const entry = literal(value);
    if (isRecord(entry)) return this.readInterface(entry, context, doc, path);
    const problem = dtmiProblem(entry, context.version);
    if (problem) {
      doc.problem(path, problem);
      return undefined;
    }
    return entry as string;
  }

  private readContent(value: unknown, scope: SchemaScope, path: FieldPath): DtdlContent | undefined {
    const { doc } = scope;
    if (!isRecord(value)) {
      doc.problem(
        path,
        `contents hold Telemetry, Property, Command, Relationship and Component objects, found ${describeValue(value)}`,
      );
      return undefined;
    }
    const context = readContext(value['@context'], scope.context, doc, [...path, '@context']);
    const types = readTypes(value['@type'], doc, [...path, '@type']);
    if (!context || !types) return undefined;
    const classes = types.filter((type) => contentClasses.includes(type));
    if (classes.length !== 1) {
      doc.problem(
        [...path, '@type'],
        classes.length === 0
          ? `unknown content @type ${types.map(quote).join(', ')}; contents are ${contentClasses.join(', ')}`
          : `an element is one of ${contentClasses.join(', ')}, not ${classes.join(' and ')}`,
      );
      return undefined;
    }
    if (!this.elementIdOk(value['@id'], context, doc, [...path, '@id'])) return undefined;
    const inner = context === scope.context ? scope : scope.withContext(context);
    switch (classes[0]) {
      case 'Property':
        return this.readProperty(value, types, inner, path);
      case 'Telemetry':
        return this.readTelemetry(value, types, inner, path);
      case 'Relationship':
        return this.readRelationship(value, types, inner, path);
      case 'Component':
        return this.readComponent(value, types, inner, path);
      default:
        return this.readCommand(value, types, inner, path);
    }
  }

  readProperty(
    value: Readonly<Record<string, unknown>>,
    types: readonly string[],
    scope: SchemaScope,
    path: FieldPath,
  ): DtdlProperty | undefined {
    const coTypes = readCoTypes(types, 'Property', path, scope);
    if (!coTypes) return undefined;
    const allowed = [...described, 'name', 'schema', 'writable', ...(coTypes.semanticType ? ['unit'] : [])];
    const members = new Members(
      value,
      allowed,
      'a Property',
      scope.doc,
      path,
      scope.context.lenient || coTypes.informal,
    );
    const name = readName(members, path, scope);
    const schema = this.requiredSchema(members, scope, path, true);
    const writable = this.readBoolean(members, 'writable', scope.doc, path);
    if (name === undefined || !schema || writable === null) return undefined;
    const unit = readUnit(coTypes.semanticType, schema, members, path, scope);
    if (unit === null) return undefined;
    return {
      kind: 'Property',
      name,
      schema,
      writable: writable ?? false,
      path,
      ...describedOf(members, path, scope),
      ...(coTypes.semanticType && unit ? { semanticType: coTypes.semanticType, unit } : {}),
    };
  }

  private readTelemetry(
    value: Readonly<Record<string, unknown>>,
    types: readonly string[],
    scope: SchemaScope,
    path: FieldPath,
  ): DtdlTelemetry | undefined {
    const coTypes = readCoTypes(types, 'Telemetry', path, scope);
    if (!coTypes) return undefined;
    const allowed = [...described, 'name', 'schema', ...(coTypes.semanticType ? ['unit'] : [])];
    const members = new Members(
      value,
      allowed,
      'a Telemetry',
      scope.doc,
      path,
      scope.context.lenient || coTypes.informal,
    );
    const name = readName(members, path, scope);
    const schema = this.requiredSchema(members, scope, path, false);
    if (name === undefined || !schema) return undefined;
    const unit = readUnit(coTypes.semanticType, schema, members, path, scope);
    if (unit === null) return undefined;
    return {
      kind: 'Telemetry',
      name,
      schema,
      path,
      ...describedOf(members, path, scope),
      ...(coTypes.semanticType && unit ? { semanticType: coTypes.semanticType, unit } : {}),
    };
  }

  private readRelationship(
    value: Readonly<Record<string, unknown>>,
    types: readonly string[],
    scope: SchemaScope,
    path: FieldPath,
  ): DtdlRelationship | undefined {
    const { doc, context } = scope;
    const coTypes = readCoTypes(types, 'Relationship', path, scope);
    if (!coTypes) return undefined;
    const allowed = [
      ...described,
      'name',
      'target',
      'properties',
      'minMultiplicity',
      'maxMultiplicity',
      'writable',
    ];
    const members = new Members(
      value,
      allowed,
      'a Relationship',
      doc,
      path,
      context.lenient || coTypes.informal,
    );
    const name = readName(members, path, scope);
    const target = literal(members.get('target'));
    const targetProblem = target === undefined ? undefined : dtmiProblem(target, context.version);
    if (targetProblem) doc.problem([...path, members.key('target')], targetProblem);
    const min = literal(members.get('minMultiplicity'));
    const max = literal(members.get('maxMultiplicity'));
    const minOk = min === undefined || min === 0;
    const maxOk = max === undefined || (Number.isInteger(max) && (max as number) >= 1);
    if (!minOk)
      doc.problem(
        [...path, members.key('minMultiplicity')],
        `minMultiplicity must be 0, found ${describeValue(min)}`,
      );
    if (!maxOk)
      doc.problem(
        [...path, members.key('maxMultiplicity')],
        `maxMultiplicity must be an integer of at least 1, found ${describeValue(max)}`,
      );
    const writable = this.readBoolean(members, 'writable', doc, path);
    const properties = this.readRelationshipProperties(members, scope, path);
    if (name === undefined || targetProblem || !minOk || !maxOk || writable === null || !properties)
      return undefined;
    return {
      kind: 'Relationship',
      name,
      path,
      properties,
      writable: writable ?? false,
      ...(target !== undefined ? { target: target as string } : {}),
      ...(min !== undefined ? { minMultiplicity: 0 } : {}),
      ...(max !== undefined ? { maxMultiplicity: max as number } : {}),
      ...describedOf(members, path, scope),
    };
  }

  /** A Relationship's Properties, names unique among them; undefined when one is wrong. */
  private readRelationshipProperties(
    members: Members,
    scope: SchemaScope,
    path: FieldPath,
  ): DtdlProperty[] | undefined {
    const raw = members.get('properties');
    const properties: DtdlProperty[] = [];
    let complete = true;
    setOf(raw).forEach((item, index) => {
      const at: FieldPath = Array.isArray(raw)
        ? [...path, members.key('properties'), index]
        : [...path, members.key('properties')];
      const types = isRecord(item) ? readTypes(item['@type'], scope.doc, [...at, '@type']) : undefined;
      if (!isRecord(item) || !types?.includes('Property')) {
        if (types) scope.doc.problem([...at, '@type'], "a Relationship's properties are Property elements");
        else if (!isRecord(item))
          scope.doc.problem(
            at,
            `a Relationship's properties are Property objects, found ${describeValue(item)}`,
          );
        complete = false;
        return;
      }
      const property = this.readProperty(item, types, scope, at);
      if (!property) complete = false;
      else if (properties.some((other) => other.name === property.name)) {
        scope.doc.problem(
          [...at, 'name'],
          `property name ${quote(property.name)} is used twice in this Relationship`,
        );
        complete = false;
      } else properties.push(property);
    });
    return complete ? properties : undefined;
  }

  private readComponent(
    value: Readonly<Record<string, unknown>>,
    types: readonly string[],
    scope: SchemaScope,
    path: FieldPath,
  ): DtdlComponent | undefined {
    const { doc, context } = scope;
    const coTypes = readCoTypes(types, 'Component', path, scope);
    if (!coTypes) return undefined;
    const members = new Members(
      value,
      [...described, 'name', 'schema'],
      'a Component',
      doc,
      path,
      context.lenient || coTypes.informal,
    );
    const name = readName(members, path, scope);
    if (!members.has('schema')) {
      doc.problem(path, "a Component needs a schema: the Interface's DTMI");
      return undefined;
    }
    const schema = this.readInterfaceReference(members.get('schema'), context, doc, [
      ...path,
      members.key('schema'),
    ]);
    if (name === undefined || schema === undefined) return undefined;
    return { kind: 'Component', name, schema, path, ...describedOf(members, path, scope) };
  }

  /** Commands are the device's business: read for their name (unique among contents), then noted. */
  private readCommand(
    value: Readonly<Record<string, unknown>>,
    types: readonly string[],
    scope: SchemaScope,
    path: FieldPath,
  ): DtdlCommand | undefined {
    const coTypes = readCoTypes(types, 'Command', path, scope);
    if (!coTypes) return undefined;
    const allowed = [...described, 'name', 'request', 'response', 'commandType'];
    const members = new Members(
      value,
      allowed,
      'a Command',
      scope.doc,
      path,
      scope.context.lenient || coTypes.informal,
    );
    const name = readName(members, path, scope);
    if (name === undefined) return undefined;
    scope.doc.note(
      path,
      `Command ${quote(name)} is not imported: the twin records state, it does not call devices`,
    );
    return { kind: 'Command', name, path, ...describedOf(members, path, scope) };
  }

  private requiredSchema(members: Members, scope: SchemaScope, path: FieldPath, inProperty: boolean) {
    if (!members.has('schema')) {
      scope.doc.problem(path, 'schema is required');
      return undefined;
    }
    return readSchema(members.get('schema'), [...path, members.key('schema')], scope, {
      depth: 0,
      inProperty,
    });
  }

  /** An optional boolean member: undefined when absent, null (with a problem) when not a boolean. */
  private readBoolean(
    members: Members,
    term: string,
    doc: DtdlDoc,
    path: FieldPath,
  ): boolean | undefined | null {
    const value = literal(members.get(term));
    if (value === undefined || typeof value === 'boolean') return value;
    doc.problem([...path, members.key(term)], `must be true or false, found ${describeValue(value)}`);
    return null;
  }
}
