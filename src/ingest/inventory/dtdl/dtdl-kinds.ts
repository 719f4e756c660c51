// DTDL interfaces as the twin's kinds. An interface becomes a kind (named by dtdl-kind-names.ts):
// Properties and Components become props, numeric Telemetry metrics, Relationships the relations
// the kind may have. An interface that `extends` others gets their props, metrics and relations
// first, then its own.
//
// The twin's computations treat kinds by name (power paths follow `rack`, `pdu`; the attack graph
// reads `host`, `vm`), not by inheritance: an interface extending Host (`dtmi:infratwin:Host;1`)
// becomes a new kind with a host's props, and its entities are not hosts to those computations.
//
// Interfaces that are a built-in kind's (`dtmi:infratwin:Host;1`) or a kind already defined
// (its `dtmi`) are not defined again.
import {
  builtinKinds,
  type JsonValue,
  jsonEqual,
  type KindCatalog,
  type KindSpec,
  type MetricSpec,
  type PropSpec,
  type PropType,
  type RelationType,
} from '../../../model/index.js';
import { readExtras } from './dtdl-extras.js';
import { dtmiPath, dtmiVersion, quote } from './dtdl-grammar.js';
import type {
  DtdlContent,
  DtdlFinding,
  DtdlInterface,
  DtdlProperty,
  DtdlRelationship,
  DtdlSchema,
  DtdlTelemetry,
} from './dtdl-interface.js';
import { numericPrimitives } from './dtdl-interface.js';
import { kindNames, kindOfDtmi, latestVersion, relationTypeOfName } from './dtdl-kind-names.js';
import { projectUnit } from './dtdl-units.js';

/** A DTDL relationship as a relation of its kind, so that export can give it its name back. */
export interface DtdlRelationshipName {
  /** The DTDL name, e.g. `isPartOf`; for a built-in type its camelCase (`runsOn`). */
  readonly name: string;
  readonly type: RelationType;
  /** Kinds allowed at the other end, or `['*']`. */
  readonly targets: readonly string[];
  readonly description?: string;
  /** The relationship's own Properties, as props of the relation. */
  readonly properties: Readonly<Record<string, PropSpec>>;
}

export interface DtdlKinds {
  /** New kinds (and new versions of defined ones), bases before the kinds extending them. */
  readonly specs: KindSpec[];
  readonly problems: DtdlFinding[];
  readonly notes: DtdlFinding[];
  /** By kind: its relationships, inherited ones included, for export to restore their names. */
  readonly relationshipNames: Readonly<Record<string, readonly DtdlRelationshipName[]>>;
  /** By kind: the DTMIs its interface extends, for export to write `extends` again. */
  readonly extendsOf: Readonly<Record<string, readonly string[]>>;
  /** Every interface read → its kind: new, built-in or defined earlier. */
  readonly kindByDtmi: Readonly<Record<string, string>>;
}

/**
 * The kinds `interfaces` (a parsed model, bases first) define, against `catalog` (the built-in
 * kinds and those defined already). Problems are per element; the rest of a kind is kept.
 */
export function kindSpecsFromDtdl(
  interfaces: readonly DtdlInterface[],
  catalog: KindCatalog = builtinKinds,
): DtdlKinds {
  return new KindMapper(interfaces, catalog).map();
}

class KindMapper {
  private readonly problems: DtdlFinding[] = [];
  private readonly notes: DtdlFinding[] = [];
  private readonly kindByDtmi = new Map<string, string>();
  /** Specs built so far, by DTMI: bases are built before the interfaces extending them. */
  private readonly built = new Map<string, KindSpec>();
  private readonly relationshipNames = new Map<string, DtdlRelationshipName[]>();
  private readonly descendants = new Map<string, Set<string>>();

  constructor(
    private readonly interfaces: readonly DtdlInterface[],
    private readonly catalog: KindCatalog,
  ) {}

  map(): DtdlKinds {
    const fresh = this.name();
    this.collectDescendants();
    const specs: KindSpec[] = [];
    const extendsOf: Record<string, readonly string[]> = {};
    for (const iface of this.interfaces) {
      const kind = this.kindByDtmi.get(iface.id) as string;
      const defined = this.catalog.get(kind);
      const isDefined =
        !fresh.has(iface.id) && defined !== undefined && kindOfDtmi(iface.id, this.catalog) === kind;
      // A built-in kind's interface says nothing the catalog does not: it is not read again.
      if (isDefined && builtinKinds.has(kind)) continue;
      const spec = this.specOf(iface, kind);
      this.built.set(iface.id, spec);
      if (fresh.has(iface.id)) {
        specs.push(spec);
        extendsOf[kind] = iface.extends;
      } else if (isDefined) this.compareWithDefined(iface, spec);
    }
    return {
      specs,
      problems: this.problems,
      notes: this.notes,
      relationshipNames: Object.fromEntries(
        specs.map((spec) => [spec.kind, this.relationshipNames.get(spec.kind) ?? []]),
      ),
      extendsOf,
      kindByDtmi: Object.fromEntries(this.kindByDtmi),
    };
  }

  /**
   * Names every interface's kind; returns the DTMIs that define a kind now. Of several versions
   * of one path in the model, the latest defines the kind and the others map to it.
   */
  private name(): Set<string> {
    const fresh = new Set<string>();
    const unknown: DtdlInterface[] = [];
    for (const iface of this.interfaces) {
      const kind = kindOfDtmi(iface.id, this.catalog);
      if (kind === undefined) unknown.push(iface);
      else this.kindByDtmi.set(iface.id, kind);
    }
    const names = kindNames(
      unknown.map((iface) => iface.id),
      this.catalog,
    );
    for (const iface of unknown) {
      const kind = names.get(iface.id) as string;
      this.kindByDtmi.set(iface.id, kind);
      const versions = unknown
        .filter((other) => dtmiPath(other.id) === dtmiPath(iface.id))
        .map((other) => other.id);
      if (latestVersion(versions) !== iface.id) {
        this.notes.push({
          path: iface.where(iface.path),
          message: `${quote(iface.id)} is read as kind '${kind}', which a later version defines`,
        });
        continue;
      }
      const held = this.catalog.get(kind)?.dtmi;
      if (held !== undefined && dtmiVersion(held) >= dtmiVersion(iface.id)) {
        this.problems.push({
          path: iface.where([...iface.path, '@id']),
          message: `kind '${kind}' is defined from ${quote(held)}; ${quote(iface.id)} is not a later version, so it is not applied`,
        });
        continue;
      }
      fresh.add(iface.id);
    }
    return fresh;
  }

  /** For each interface, the interfaces of the model that extend it, directly or not. */
  private collectDescendants(): void {
    for (const iface of this.interfaces) {
      for (const ancestor of iface.ancestors) {
        const set = this.descendants.get(ancestor) ?? new Set<string>();
        set.add(iface.id);
        this.descendants.set(ancestor, set);
      }
    }
  }

  private specOf(iface: DtdlInterface, kind: string): KindSpec {
    const spec: KindSpec = {
      kind,
      description: iface.description ?? iface.displayName ?? iface.id,
      props: {},
      metrics: {},
      relations: {},
      dtmi: iface.id,
      ...(iface.displayName !== undefined ? { displayName: iface.displayName } : {}),
    };
    const names: DtdlRelationshipName[] = [];
    for (const base of iface.extends) this.inherit(spec, names, base);
    for (const content of iface.contents) this.addContent(spec, names, iface, content);
    this.relationshipNames.set(kind, names);
    return spec;
  }

  /** Copies a base's props, metrics, relations and relationship names into `spec`. */
  private inherit(spec: KindSpec, names: DtdlRelationshipName[], base: string): void {
    const kind = this.kindByDtmi.get(base) ?? kindOfDtmi(base, this.catalog);
    const baseSpec = this.built.get(base) ?? (kind === undefined ? undefined : this.catalog.get(kind));
    if (!baseSpec) return;
    Object.assign(spec.props, baseSpec.props);
    Object.assign(spec.metrics, baseSpec.metrics);
    for (const [type, targets] of Object.entries(baseSpec.relations) as Array<
      [RelationType, readonly string[]]
    >)
      addTargets(spec, type, targets);
    for (const name of this.relationshipNames.get(baseSpec.kind) ?? []) {
      if (!names.some((other) => other.name === name.name)) names.push(name);
    }
  }

  private addContent(
    spec: KindSpec,
    names: DtdlRelationshipName[],
    iface: DtdlInterface,
    content: DtdlContent,
  ): void {
    const where = iface.where(content.path);
    switch (content.kind) {
      case 'Property':
      case 'Component':
        if (Object.hasOwn(spec.props, content.name)) {
          this.problems.push({
            path: where,
            message: `prop ${quote(content.name)} is already one of the base kind's`,
          });
          return;
        }
        spec.props[content.name] = content.kind === 'Property' ? propSpecOf(content) : componentSpec(content);
        return;
      case 'Telemetry': {
        const metric = metricSpecOf(content);
        if (metric) spec.metrics[content.name] = metric;
        else
          this.problems.push({
            path: iface.where([...content.path, 'schema']),
            message: `Telemetry ${quote(content.name)} is not a number (${schemaName(content.schema)}): the twin's metrics are numbers, so it is left out`,
          });
        return;
      }
      case 'Relationship': {
        const name = this.relationshipName(content, iface);
        addTargets(spec, name.type, name.targets);
        names.push(name);
        return;
      }
      default:
        return;
    }
  }

  private relationshipName(relationship: DtdlRelationship, iface: DtdlInterface): DtdlRelationshipName {
    const properties = Object.fromEntries(
      relationship.properties.map((property) => [property.name, propSpecOf(property)]),
    );
    return {
      name: relationship.name,
      type: relationTypeOfName(relationship.name),
      targets: this.targetsOf(relationship, iface),
      ...(relationship.description !== undefined ? { description: relationship.description } : {}),
      properties,
    };
  }

  /**
   * The kinds a relationship may reach: the target's kind and the kinds of every interface of the
   * model that extends it (DTDL targets subtypes too, the twin checks kinds by name); `*` without
   * a target or for a target that is no kind. infratwin's own comment lists them exactly.
   */
  private targetsOf(relationship: DtdlRelationship, iface: DtdlInterface): readonly string[] {
    const listed = readExtras(relationship.comment).targets;
    if (listed?.every((kind) => kind === '*' || this.isKind(kind))) return listed;
    if (relationship.target === undefined) return ['*'];
    const kind = this.kindByDtmi.get(relationship.target) ?? kindOfDtmi(relationship.target, this.catalog);
    if (kind === undefined) {
      this.notes.push({
        path: iface.where([...relationship.path, 'target']),
        message: `target ${quote(relationship.target)} is not a kind of the model or the catalog: ${quote(relationship.name)} may reach any kind`,
      });
      return ['*'];
    }
    const below = [...(this.descendants.get(relationship.target) ?? [])].map(
      (id) => this.kindByDtmi.get(id) as string,
    );
    return [...new Set([kind, ...below])];
  }

  private isKind(kind: string): boolean {
    return this.catalog.has(kind) || [...this.kindByDtmi.values()].includes(kind);
  }

  /** An interface of a kind defined earlier: kept as defined; a note when the file says otherwise. */
  private compareWithDefined(iface: DtdlInterface, spec: KindSpec): void {
    const held = this.catalog.get(spec.kind);
    if (held && !jsonEqual(asJson(held), asJson(spec)))
      this.notes.push({
        path: iface.where(iface.path),
        message: `kind '${spec.kind}' is already defined from ${quote(iface.id)} and differs from this definition, which is not applied: publish a new version to change it`,
      });
  }
}

/** Adds targets to a relation type; `*` swallows every other target. */
function addTargets(spec: KindSpec, type: RelationType, targets: readonly string[]): void {
  const merged = [...new Set([...(spec.relations[type] ?? []), ...targets])];
  spec.relations[type] = merged.includes('*') ? ['*'] : merged;
}

/** A DTDL Property as a prop: its type from the schema, its unit from a semantic type (or the comment). */
export function propSpecOf(property: DtdlProperty): PropSpec {
  const extras = readExtras(property.comment);
  const type: PropType =
    extras.json && property.schema.type === 'primitive' ? extras.json : propTypeOf(property.schema);
  const unit = property.unit !== undefined ? projectUnit(property.unit) : extras.unit;
  return {
    type,
    ...(unit !== undefined ? { unit } : {}),
    description: property.description ?? property.displayName ?? property.name,
  };
}

/**
 * The prop type of a schema. `decimal` (DTDL v4) is a string of digits on the wire, `bytes` and
 * `uuid` strings too; an integer Enum is an integer, a string Enum a string; a geospatial value is
 * a GeoJSON object.
 */
export function propTypeOf(schema: DtdlSchema): PropType {
  switch (schema.type) {
    case 'primitive':
      if (schema.name === 'boolean') return 'boolean';
      if (schema.name === 'double' || schema.name === 'float') return 'number';
      return numericPrimitives.has(schema.name) && schema.name !== 'decimal' ? 'integer' : 'string';
    case 'Enum':
      return schema.valueSchema === 'integer' ? 'integer' : 'string';
    case 'Array':
      return 'array';
    default:
      return 'object';
  }
}

function componentSpec(component: DtdlContent & { kind: 'Component' }): PropSpec {
  const about = component.description ?? component.displayName ?? component.name;
  return { type: 'object', description: `${about} (component: ${component.schema})` };
}

function metricSpecOf(telemetry: DtdlTelemetry): MetricSpec | undefined {
  const { schema } = telemetry;
  if (schema.type !== 'primitive' || !numericPrimitives.has(schema.name) || schema.name === 'decimal')
    return undefined;
  const extras = readExtras(telemetry.comment);
  const unit = telemetry.unit !== undefined ? projectUnit(telemetry.unit) : (extras.unit ?? '');
  return {
    unit,
    description: telemetry.description ?? telemetry.displayName ?? telemetry.name,
    ...(extras.thresholds ? { thresholds: extras.thresholds } : {}),
  };
}

function schemaName(schema: DtdlSchema): string {
  return schema.type === 'primitive' || schema.type === 'geospatial' ? schema.name : schema.type;
}

/** A spec as JSON for comparison, without the interface text it may keep (`dtdl`): that is not its meaning. */
function asJson(spec: KindSpec): JsonValue {
  const { dtdl: _dtdl, ...rest } = spec as KindSpec & { dtdl?: unknown };
  return JSON.parse(JSON.stringify(rest)) as JsonValue;
}
