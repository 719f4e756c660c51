// The twin's estate as an Azure Digital Twins graph, ready for writeAdtImportJob: every entity a
// twin (`$dtId` its id after `<kind>:`, `$metadata.$model` its kind's DTMI), every relation a
// relationship (`$relationshipName` the type in camelCase, or the name of a relates-to), and the
// models of the kinds used, so that the import job validates on its own.
//
// ADT refuses a twin property or relationship property its model does not declare, so the models
// are the kinds' interfaces plus what the data holds beyond them: props outside the kind's spec
// (typed from their values), relates-to names, relationship properties. JSON text carries what
// DTDL cannot type (objects, arrays of other than strings); dtdlInventory reads it back.
//
// What ADT has no place for is left behind: labels, and a name other than the id's.
import {
  builtinKinds,
  type Entity,
  type JsonValue,
  type KindCatalog,
  type KindSpec,
  type PropSpec,
  type PropType,
  type Relation,
  type RelationType,
  relationPropSpecs,
} from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';
import type { AdtImportJob, AdtRelationship, AdtTwin } from './adt-twin-file.js';
import { type DtdlJson, dtdlFromKindSpecs } from './dtdl-export.js';
import { isDtdlName, quote } from './dtdl-grammar.js';
import { camelCase, dtmiOfKind, kindOfDtmi } from './dtdl-kind-names.js';
import type { DtdlRelationshipName } from './dtdl-kinds.js';

export interface AdtExportOptions {
  /** kindSpecsFromDtdl's relationship names, to keep names and descriptions the data does not use. */
  readonly relationshipNames?: Readonly<Record<string, readonly DtdlRelationshipName[]>>;
  /** kindSpecsFromDtdl's bases: the kinds used bring the kinds they extend into the models. */
  readonly extendsOf?: Readonly<Record<string, readonly string[]>>;
}

export interface AdtExport extends AdtImportJob {
  readonly models: DtdlJson[];
  readonly twins: AdtTwin[];
  readonly relationships: AdtRelationship[];
  /** What could not be exported, and what ADT has no place for. */
  readonly problems: InventoryProblem[];
}

/** The estate as twins and relationships, with the models they need. */
export function adtExportOf(
  entities: readonly Entity[],
  relations: readonly Relation[],
  catalog: KindCatalog = builtinKinds,
  options: AdtExportOptions = {},
): AdtExport {
  return new AdtExporter(catalog, options).export(entities, relations);
}

/** How one property is written: its type in the model, and whether as JSON text. */
interface Encoding {
  readonly type: PropType;
  readonly json: boolean;
}

const extraDescription = 'Not in the kind; found on its entities';

class AdtExporter {
  private readonly problems: InventoryProblem[] = [];
  /** Entity id → its twin's `$dtId` and kind. */
  private readonly twinOf = new Map<string, { dtId: string; kind: string }>();
  /** Kind → prop → encoding, for props the data holds. */
  private readonly propEncodings = new Map<string, Map<string, Encoding>>();
  /** Kind → relationship name → what the data says of it. */
  private readonly used = new Map<
    string,
    Map<string, { type: RelationType; targets: Set<string>; props: Map<string, Encoding> }>
  >();

  constructor(
    private readonly catalog: KindCatalog,
    private readonly options: AdtExportOptions,
  ) {}

  export(entities: readonly Entity[], relations: readonly Relation[]): AdtExport {
    const exported = entities.filter((entity) => this.exportable(entity));
    this.assignDtIds(exported);
    for (const entity of exported)
      this.learnProps(entity.kind, entity.props, this.propsOf(entity.kind), `${entity.id}.props`);
    const kept = relations.filter((relation) => this.exportableRelation(relation));
    const twins = exported.map((entity) => this.twin(entity));
    const relationships = kept.map((relation) => this.relationship(relation));
    return { models: this.models(), twins, relationships, problems: this.problems };
  }

  private exportable(entity: Entity): boolean {
    if (!this.catalog.has(entity.kind)) {
      this.problems.push({
        path: entity.id,
        message: `kind '${entity.kind}' is not in the catalog: no model for it, entity not exported`,
      });
      return false;
    }
    if (Object.keys(entity.labels).length > 0)
      this.problems.push({
        path: `${entity.id}.labels`,
        message: 'labels are not exported: a DTDL twin has no place for them',
      });
    const part = entity.id.slice(entity.id.indexOf(':') + 1);
    if (entity.name !== part)
      this.problems.push({
        path: `${entity.id}.name`,
        message: `name ${quote(entity.name)} is not exported: a twin is named by its $dtId`,
      });
    return true;
  }

  /** `$dtId` is the id after `<kind>:`; where entities of two kinds share it, each keeps its whole id. */
  private assignDtIds(entities: readonly Entity[]): void {
    const count = new Map<string, number>();
    const partOf = (entity: Entity) => entity.id.slice(entity.id.indexOf(':') + 1);
    for (const entity of entities) count.set(partOf(entity), (count.get(partOf(entity)) ?? 0) + 1);
    for (const entity of entities) {
      const part = partOf(entity);
      this.twinOf.set(entity.id, { dtId: (count.get(part) ?? 0) > 1 ? entity.id : part, kind: entity.kind });
    }
  }

  private propsOf(kind: string): Readonly<Record<string, PropSpec>> {
    return this.catalog.get(kind)?.props ?? {};
  }

  /** Records how each prop is written: its spec's type, or (outside the spec) the type of its values. */
  private learnProps(
    kind: string,
    props: Readonly<Record<string, JsonValue>>,
    specs: Readonly<Record<string, PropSpec>>,
    where: string,
    encodings: Map<string, Encoding> = this.encodingsOf(kind),
  ): void {
    for (const [name, value] of Object.entries(props)) {
      if (!isDtdlName(name) || value === null) continue;
      const declared = Object.hasOwn(specs, name) ? specs[name]?.type : undefined;
      const seen = encodings.get(name)?.type;
      // An integer and a fraction under one name are numbers: widen rather than refuse.
      const widened = seen === 'integer' && typeOfValue(value) === 'number' ? 'number' : seen;
      const type = declared ?? widened ?? typeOfValue(value);
      const nonStrings = Array.isArray(value) && value.some((item) => typeof item !== 'string');
      const json =
        type === 'object' || (type === 'array' && (nonStrings || (encodings.get(name)?.json ?? false)));
      if (declared === undefined && encodings.has(name) && !fits(value, type))
        this.problems.push({
          path: `${where}.${name}`,
          message: `is ${typeOfValue(value)} where other ${kind} entities hold ${type}: left out`,
        });
      else encodings.set(name, { type, json });
    }
  }

  private encodingsOf(kind: string): Map<string, Encoding> {
    const map = this.propEncodings.get(kind) ?? new Map<string, Encoding>();
    this.propEncodings.set(kind, map);
    return map;
  }

  private twin(entity: Entity): AdtTwin {
    const { dtId, kind } = this.twinOf.get(entity.id) as { dtId: string; kind: string };
    return {
      dtId,
      model: dtmiOfKind(kind, this.catalog),
      properties: this.written(entity.props, this.encodingsOf(kind), `${entity.id}.props`),
    };
  }

  /** Props as ADT takes them: names DTDL allows, no nulls, JSON text where the encoding says. */
  private written(
    props: Readonly<Record<string, JsonValue>>,
    encodings: ReadonlyMap<string, Encoding>,
    where: string,
  ): Record<string, JsonValue> {
    const entries: Array<[string, JsonValue]> = [];
    for (const [name, value] of Object.entries(props)) {
      const encoding = encodings.get(name);
      if (!isDtdlName(name))
        this.problems.push({
          path: `${where}.${name}`,
          message: 'not exported: not a DTDL name (letters, digits and _)',
        });
      else if (value === null)
        this.problems.push({
          path: `${where}.${name}`,
          message: 'not exported: ADT has no null property value',
        });
      else if (encoding && fits(value, encoding.type))
        entries.push([name, encoding.json ? JSON.stringify(value) : value]);
    }
    return Object.fromEntries(entries);
  }

  private exportableRelation(relation: Relation): boolean {
    const from = this.twinOf.get(relation.from);
    const to = this.twinOf.get(relation.to);
    if (!from || !to) {
      this.problems.push({
        path: relation.id,
        message: `${from ? relation.to : relation.from} is not exported: relation left out`,
      });
      return false;
    }
    const name = this.nameOf(relation);
    if (name === undefined) {
      this.problems.push({
        path: relation.id,
        message: `a relates-to relation needs props.name (a DTDL name) to be a relationship: left out`,
      });
      return false;
    }
    const byName = this.used.get(from.kind) ?? new Map();
    this.used.set(from.kind, byName);
    const entry = byName.get(name) ?? {
      type: relation.type,
      targets: new Set<string>(),
      props: new Map<string, Encoding>(),
    };
    byName.set(name, entry);
    entry.targets.add(to.kind);
    const specs = relation.type === 'relates-to' ? {} : (relationPropSpecs[relation.type] ?? {});
    this.learnProps(from.kind, this.relationProps(relation), specs, `${relation.id}.props`, entry.props);
    return true;
  }

  /** The relationship name: the type in camelCase, or a relates-to's name (its key if it has none). */
  private nameOf(relation: Relation): string | undefined {
    if (relation.type !== 'relates-to') return camelCase(relation.type);
    const name = typeof relation.props.name === 'string' ? relation.props.name : relation.key;
    return isDtdlName(name) ? name : undefined;
  }

  /** A relates-to's name is the relationship's own name, not a property of it. */
  private relationProps(relation: Relation): Readonly<Record<string, JsonValue>> {
    if (relation.type !== 'relates-to') return relation.props;
    const { name: _name, ...rest } = relation.props;
    return rest;
  }

  private relationship(relation: Relation): AdtRelationship {
    const from = this.twinOf.get(relation.from) as { dtId: string; kind: string };
    const to = this.twinOf.get(relation.to) as { dtId: string; kind: string };
    const name = this.nameOf(relation) as string;
    const entry = this.used.get(from.kind)?.get(name);
    const fallback = relation.type === 'relates-to' ? name : undefined;
    const suffix = relation.key === fallback ? '' : `#${relation.key ?? ''}`;
    return {
      sourceId: from.dtId,
      relationshipId: `${name}:${to.dtId}${suffix}`,
      targetId: to.dtId,
      name,
      properties: this.written(
        this.relationProps(relation),
        entry?.props ?? new Map(),
        `${relation.id}.props`,
      ),
    };
  }

  /** The interfaces of the kinds used and their bases, extended by what the data holds. */
  private models(): DtdlJson[] {
    const kinds = this.kindsWithBases(new Set([...this.twinOf.values()].map((twin) => twin.kind)));
    const jsonArrays: Record<string, string[]> = {};
    const relationshipNames: Record<string, DtdlRelationshipName[]> = {};
    const specs = [...kinds].flatMap((kind) => {
      const spec = this.catalog.get(kind);
      if (!spec) return [];
      const augmented = this.augmented(spec);
      jsonArrays[kind] = [...(this.propEncodings.get(kind) ?? [])]
        .filter(([, e]) => e.json && e.type === 'array')
        .map(([name]) => name);
      relationshipNames[kind] = this.namesOf(augmented);
      for (const [name, entry] of this.used.get(kind) ?? [])
        jsonArrays[`${kind} ${name}`] = [...entry.props]
          .filter(([, e]) => e.json && e.type === 'array')
          .map(([prop]) => prop);
      return [augmented];
    });
    const exported = dtdlFromKindSpecs(specs, {
      relationshipNames,
      jsonArrays,
      catalog: this.catalog,
      ...(this.options.extendsOf ? { extendsOf: this.options.extendsOf } : {}),
    });
    this.problems.push(...exported.problems);
    return exported.interfaces;
  }

  /** The kinds used, with every kind they extend (by the DTMIs kindSpecsFromDtdl recorded). */
  private kindsWithBases(kinds: Set<string>): Set<string> {
    const pending = [...kinds];
    while (pending.length > 0) {
      const kind = pending.pop() as string;
      for (const dtmi of this.options.extendsOf?.[kind] ?? []) {
        const base = kindOfDtmi(dtmi, this.catalog);
        if (base !== undefined && !kinds.has(base)) {
          kinds.add(base);
          pending.push(base);
        }
      }
    }
    return kinds;
  }

  /** The kind's spec plus the props and relation targets its entities have beyond it. */
  private augmented(spec: KindSpec): KindSpec {
    const props = { ...spec.props };
    for (const [name, encoding] of this.propEncodings.get(spec.kind) ?? []) {
      if (!Object.hasOwn(props, name)) props[name] = { type: encoding.type, description: extraDescription };
    }
    const relations = { ...spec.relations };
    for (const entry of this.used.get(spec.kind)?.values() ?? []) {
      const targets = new Set([...(relations[entry.type] ?? []), ...entry.targets]);
      relations[entry.type] = targets.has('*') ? ['*'] : [...targets];
    }
    return { ...spec, props, relations };
  }

  /** Relationship names to write: those recorded for the kind, and those its relations use. */
  private namesOf(spec: KindSpec): DtdlRelationshipName[] {
    const names = new Map<string, DtdlRelationshipName>();
    for (const name of this.options.relationshipNames?.[spec.kind] ?? []) names.set(name.name, name);
    for (const [name, entry] of this.used.get(spec.kind) ?? []) {
      const known = names.get(name);
      const targets = new Set([...(known?.targets ?? []), ...entry.targets]);
      const properties = { ...known?.properties };
      for (const [prop, encoding] of entry.props)
        if (!Object.hasOwn(properties, prop))
          properties[prop] = { type: encoding.type, description: extraDescription };
      names.set(name, {
        ...known,
        name,
        type: entry.type,
        targets: targets.has('*') ? ['*'] : [...targets],
        properties,
      });
    }
    return [...names.values()];
  }
}

/** The prop type a value has, as the model will declare it. */
function typeOfValue(value: JsonValue): PropType {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return 'object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'boolean' ? 'boolean' : 'string';
}

/** Whether a value can be written under a property of `type` (an integer is a number too). */
function fits(value: JsonValue, type: PropType): boolean {
  const actual = typeOfValue(value);
  return actual === type || (type === 'number' && actual === 'integer');
}
