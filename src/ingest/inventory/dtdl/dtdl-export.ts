// The twin's kinds as DTDL v3 interfaces (github.com/Azure/opendigitaltwins-dtdl,
// DTDL/v3/DTDL.v3.md), for Azure Digital Twins or any DTDL tool. Built-in kinds get
// `dtmi:infratwin:<Kind>;1`, kinds from DTDL keep their own DTMI. Props become Properties,
// metrics Telemetry (double), relations Relationships; units become QuantitativeTypes semantic
// types (`dtmi:dtdl:extension:quantitativeTypes;1`, DTDL/v3/DTDL.quantitativeTypes.v1.md).
//
// Schemas, where the catalog says less than DTDL wants:
// - integer → `long` (a prop holds any safe integer; DTDL `integer` stops at 2^31).
// - array → Array of string: the catalog's array props are address and CPE lists.
// - object → a `string` holding the value's JSON text, marked in the comment. A Map of string to
//   string would refuse the numbers and nested maps an object prop holds, and DTDL has no schema
//   for "any JSON": text is the one schema every value fits, and it reads back exactly.
// What DTDL has no member for (a unit without a DTDL word, thresholds, a relation's exact target
// kinds) rides in the element's comment (dtdl-extras.ts), so that a kind comes back unchanged.
import {
  builtinKinds,
  type JsonValue,
  type KindCatalog,
  type KindSpec,
  type MetricSpec,
  type PropSpec,
  type RelationType,
  relationPropSpecs,
} from '../../../model/index.js';
import { type DtdlExtras, extrasComment, maxCommentLength } from './dtdl-extras.js';
import { nameProblem, quote } from './dtdl-grammar.js';
import type { DtdlFinding } from './dtdl-interface.js';
import { builtinDtmi, camelCase } from './dtdl-kind-names.js';
import type { DtdlRelationshipName } from './dtdl-kinds.js';
import { dtdlUnitOf } from './dtdl-units.js';

export type DtdlJson = { [key: string]: JsonValue };

export interface DtdlExportOptions {
  /** By kind: relationship names to restore (kindSpecsFromDtdl's); otherwise relates-to is `relatesTo`. */
  readonly relationshipNames?: Readonly<Record<string, readonly DtdlRelationshipName[]>>;
  /** By kind: the DTMIs its interface extends (kindSpecsFromDtdl's); bases among `specs` become `extends`. */
  readonly extendsOf?: Readonly<Record<string, readonly string[]>>;
  /**
   * Array props to write as JSON text, because their elements are not all strings: by kind, and
   * by `<kind> <relationship name>` for a relationship's properties.
   */
  readonly jsonArrays?: Readonly<Record<string, readonly string[]>>;
  /** Kinds that targets may name beyond `specs` (for their DTMIs); the built-in kinds by default. */
  readonly catalog?: KindCatalog;
}

export interface DtdlExport {
  /** One interface per spec, bases before the interfaces extending them. */
  readonly interfaces: DtdlJson[];
  /** Props, metrics or relations DTDL cannot name; each is left out. */
  readonly problems: DtdlFinding[];
}

export const dtdlV3Context = 'dtmi:dtdl:context;3';
export const quantitativeTypesContext = 'dtmi:dtdl:extension:quantitativeTypes;1';

export function dtdlFromKindSpecs(specs: readonly KindSpec[], options: DtdlExportOptions = {}): DtdlExport {
  return new InterfaceWriter(specs, options).write();
}

/** An element for `contents`, and whether it uses a semantic type (and so needs the extension). */
interface Written {
  readonly element: DtdlJson;
  readonly semantic: boolean;
}

class InterfaceWriter {
  private readonly problems: DtdlFinding[] = [];
  private readonly byDtmi = new Map<string, KindSpec>();

  constructor(
    private readonly specs: readonly KindSpec[],
    private readonly options: DtdlExportOptions,
  ) {
    for (const spec of specs) this.byDtmi.set(this.dtmiOf(spec.kind), spec);
  }

  write(): DtdlExport {
    return { interfaces: this.ordered().map((spec) => this.interfaceOf(spec)), problems: this.problems };
  }

  /** Bases first: ADT resolves `extends` within one upload, but tools reading top-down like it so. */
  private ordered(): KindSpec[] {
    const done = new Set<string>();
    const out: KindSpec[] = [];
    const visit = (spec: KindSpec, trail: Set<string>) => {
      if (done.has(spec.kind) || trail.has(spec.kind)) return;
      trail.add(spec.kind);
      for (const base of this.basesOf(spec)) visit(base, trail);
      done.add(spec.kind);
      out.push(spec);
    };
    for (const spec of this.specs) visit(spec, new Set());
    return out;
  }

  private interfaceOf(spec: KindSpec): DtdlJson {
    const bases = this.basesOf(spec);
    const contents: Written[] = [
      ...this.own(spec.props, bases, 'props').map(([name, prop]) =>
        this.property(spec.kind, name, prop, this.isJsonArray(spec.kind, name)),
      ),
      ...this.own(spec.metrics, bases, 'metrics').map(([name, metric]) =>
        this.telemetry(spec.kind, name, metric),
      ),
      ...this.relationships(spec, bases),
    ].filter((written): written is Written => written !== undefined);
    const unique = this.uniqueNames(spec, contents);
    const semantic = unique.some((written) => written.semantic);
    return {
      '@context': semantic ? [dtdlV3Context, quantitativeTypesContext] : dtdlV3Context,
      '@id': this.dtmiOf(spec.kind),
      '@type': 'Interface',
      ...(spec.displayName !== undefined
        ? { displayName: this.cut(spec.displayName, 512, spec.kind, 'displayName') }
        : {}),
      description: this.cut(spec.description, 512, spec.kind, 'description'),
      ...(bases.length > 0 ? { extends: bases.map((base) => this.dtmiOf(base.kind)) } : {}),
      contents: unique.map((written) => written.element),
    };
  }

  /**
   * The bases among the exported specs that `spec` extends, and that it repeats exactly (same
   * props, metrics and relations): only then can its interface leave their contents to `extends`.
   */
  private basesOf(spec: KindSpec): KindSpec[] {
    return (this.options.extendsOf?.[spec.kind] ?? [])
      .map((dtmi) => this.byDtmi.get(dtmi))
      .filter(
        (base): base is KindSpec => base !== undefined && base.kind !== spec.kind && this.repeats(spec, base),
      );
  }

  /** Whether `spec` holds `base`'s props, metrics and relationships unchanged. */
  private repeats(spec: KindSpec, base: KindSpec): boolean {
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const relationships = this.relationshipsOf(spec);
    return (
      Object.entries(base.props).every(([name, prop]) => same(spec.props[name], prop)) &&
      Object.entries(base.metrics).every(([name, metric]) => same(spec.metrics[name], metric)) &&
      this.relationshipsOf(base).every((relationship) =>
        relationships.some(
          (other) =>
            other.name === relationship.name &&
            same([...other.targets].sort(), [...relationship.targets].sort()) &&
            same(other.properties, relationship.properties),
        ),
      )
    );
  }

  /** Entries of `spec[key]` that no base provides. */
  private own<T>(
    entries: Record<string, T>,
    bases: readonly KindSpec[],
    key: 'props' | 'metrics',
  ): Array<[string, T]> {
    return Object.entries(entries).filter(([name]) => !bases.some((base) => Object.hasOwn(base[key], name)));
  }

  private property(kind: string, name: string, prop: PropSpec, jsonArray: boolean): Written | undefined {
    if (!this.nameOk(kind, name, 'prop')) return undefined;
    const json = prop.type === 'object' || (prop.type === 'array' && jsonArray);
    const schema = json ? 'string' : schemaOf(prop);
    const dtdlUnit = prop.unit === undefined ? undefined : dtdlUnitOf(prop.unit);
    const semantic = dtdlUnit !== undefined && (schema === 'double' || schema === 'long');
    const extras: DtdlExtras = {
      ...(prop.unit !== undefined && !semantic ? { unit: prop.unit } : {}),
      ...(json ? { json: prop.type as 'object' | 'array' } : {}),
    };
    return {
      semantic,
      element: {
        '@type': semantic ? ['Property', dtdlUnit.semanticType] : 'Property',
        name,
        schema,
        ...(semantic ? { unit: dtdlUnit.unit } : {}),
        description: this.cut(prop.description, 512, kind, name),
        ...this.comment(kind, name, extras),
        writable: true,
      },
    };
  }

  private telemetry(kind: string, name: string, metric: MetricSpec): Written | undefined {
    if (!this.nameOk(kind, name, 'metric')) return undefined;
    const dtdlUnit = metric.unit === '' ? undefined : dtdlUnitOf(metric.unit);
    const extras: DtdlExtras = {
      ...(metric.unit !== '' && !dtdlUnit ? { unit: metric.unit } : {}),
      ...(metric.thresholds ? { thresholds: metric.thresholds } : {}),
    };
    return {
      semantic: dtdlUnit !== undefined,
      element: {
        '@type': dtdlUnit ? ['Telemetry', dtdlUnit.semanticType] : 'Telemetry',
        name,
        schema: 'double',
        ...(dtdlUnit ? { unit: dtdlUnit.unit } : {}),
        description: this.cut(metric.description, 512, kind, name),
        ...this.comment(kind, name, extras),
      },
    };
  }

  /** One Relationship per relation type, or per DTDL name for relates-to. */
  private relationships(spec: KindSpec, bases: readonly KindSpec[]): Written[] {
    const names = this.options.relationshipNames?.[spec.kind] ?? [];
    const inherited = new Set(bases.flatMap((base) => this.relationshipsOf(base).map((name) => name.name)));
    return this.relationshipsOf(spec, names)
      .filter((name) => !inherited.has(name.name))
      .flatMap((name) => {
        const written = this.relationship(spec.kind, name);
        return written ? [written] : [];
      });
  }

  /**
   * The relationships a kind's relations make, named after `names` where they say. A relation no
   * name records gets a description listing its target kinds (DTDL names at most one target).
   */
  private relationshipsOf(
    spec: KindSpec,
    names = this.options.relationshipNames?.[spec.kind] ?? [],
  ): DtdlRelationshipName[] {
    return (Object.entries(spec.relations) as Array<[RelationType, readonly string[]]>).flatMap(
      ([type, targets]) => {
        const named = names.filter(
          (name) => name.type === type && (type === 'relates-to' || name.name === camelCase(type)),
        );
        if (named.length > 0)
          return type === 'relates-to' ? named : named.map((name) => ({ ...name, targets }));
        const description = targets.includes('*') ? `${type}: any kind` : `${type}: ${targets.join(', ')}`;
        return [{ name: camelCase(type), type, targets, description, properties: {} }];
      },
    );
  }

  private relationship(kind: string, name: DtdlRelationshipName): Written | undefined {
    if (!this.nameOk(kind, name.name, 'relationship')) return undefined;
    const properties = {
      ...(name.type === 'relates-to' ? {} : relationPropSpecs[name.type]),
      ...name.properties,
    };
    const written = Object.entries(properties).flatMap(([prop, spec]) => {
      const element = this.property(kind, prop, spec, this.isJsonArray(`${kind} ${name.name}`, prop));
      return element ? [element] : [];
    });
    const [only] = name.targets;
    const single = name.targets.length === 1 && only !== undefined && only !== '*';
    return {
      semantic: written.some((element) => element.semantic),
      element: {
        '@type': 'Relationship',
        name: name.name,
        ...(single ? { target: this.dtmiOf(only) } : {}),
        ...(name.description !== undefined
          ? { description: this.cut(name.description, 512, kind, name.name) }
          : {}),
        ...this.comment(kind, name.name, { targets: name.targets }),
        ...(written.length > 0 ? { properties: written.map((element) => element.element) } : {}),
      },
    };
  }

  /** Drops elements whose name another element of the interface already has (DTDL forbids it). */
  private uniqueNames(spec: KindSpec, contents: readonly Written[]): Written[] {
    const seen = new Set<string>();
    return contents.filter((written) => {
      const name = written.element.name as string;
      if (!seen.has(name)) {
        seen.add(name);
        return true;
      }
      this.problems.push({
        path: `${spec.kind}.${name}`,
        message: `${quote(name)} names both a prop or metric and another element; DTDL names are unique in an Interface, so the later is left out`,
      });
      return false;
    });
  }

  private nameOk(kind: string, name: string, what: string): boolean {
    const problem = nameProblem(name, 3);
    if (problem) this.problems.push({ path: `${kind}.${name}`, message: `${what} left out: ${problem}` });
    return problem === undefined;
  }

  private comment(kind: string, name: string, extras: DtdlExtras): { comment?: string } {
    let comment = extrasComment(extras);
    if (
      comment !== undefined &&
      comment.length > maxCommentLength &&
      extras.thresholds?.basis !== undefined
    ) {
      const { basis: _basis, ...thresholds } = extras.thresholds;
      comment = extrasComment({ ...extras, thresholds });
      this.problems.push({
        path: `${kind}.${name}`,
        message: "the thresholds' basis is left out: a DTDL comment holds 512 characters",
      });
    }
    if (comment !== undefined && comment.length > maxCommentLength) {
      this.problems.push({
        path: `${kind}.${name}`,
        message: 'what DTDL has no member for does not fit in a 512-character comment and is left out',
      });
      return {};
    }
    return comment === undefined ? {} : { comment };
  }

  private cut(text: string, max: number, kind: string, name: string): string {
    if (text.length <= max) return text;
    this.problems.push({
      path: `${kind}.${name}`,
      message: `the text is cut to ${max} characters, DTDL's limit`,
    });
    return text.slice(0, max);
  }

  private isJsonArray(kind: string, name: string): boolean {
    return this.options.jsonArrays?.[kind]?.includes(name) ?? false;
  }

  private dtmiOf(kind: string): string {
    const spec =
      this.specs.find((candidate) => candidate.kind === kind) ??
      (this.options.catalog ?? builtinKinds).get(kind);
    return spec?.dtmi ?? builtinDtmi(kind);
  }
}

function schemaOf(prop: PropSpec): JsonValue {
  switch (prop.type) {
    case 'integer':
      return 'long';
    case 'number':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'array':
      return { '@type': 'Array', elementSchema: 'string' };
    default:
      return 'string';
  }
}
