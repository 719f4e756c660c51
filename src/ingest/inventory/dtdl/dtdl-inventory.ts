// An Azure Digital Twins graph as an inventory import: the models in the file become kinds (new
// ones are returned, for the caller to define before applying), each twin an entity
// `<kind>:<$dtId>` named by its `$dtId` (less a `<kind>:` it may start with, see entityIdOf), each relationship a relation of the type its name
// stands for (a built-in type in camelCase, else relates-to keyed by the name). Source
// `dtdl:<name>`. The file is an import-job NDJSON, an ADT Explorer export or plain DTDL
// (adt-twin-file.ts); a twin or relationship that cannot be mapped is a problem and skipped.
import {
  type EntityInput,
  hasPropType,
  isValidEntityId,
  type JsonValue,
  type KindCatalog,
  type KindSpec,
  type PropSpec,
  type RelationInput,
  relationId,
  relationPropSpecs,
} from '../../../model/index.js';
import type { InventoryImport, InventoryProblem } from '../inventory-import.js';
import {
  type AdtModel,
  type AdtPlace,
  type AdtRelationship,
  type AdtTwin,
  placeText,
  readAdtTwinFile,
} from './adt-twin-file.js';
import { readExtras } from './dtdl-extras.js';
import { describeValue, quote } from './dtdl-grammar.js';
import type { DtdlContent, DtdlInterface } from './dtdl-interface.js';
import { kindOfDtmi, relationTypeOfName } from './dtdl-kind-names.js';
import { kindSpecsFromDtdl, propSpecOf } from './dtdl-kinds.js';
import { parseDtdlDocuments } from './dtdl-parser.js';

export interface DtdlInventoryOptions {
  /** Names the source: `dtdl:<name>`. */
  readonly name: string;
  /** The kinds defined so far (built-in and users'); the file's models extend it. */
  readonly catalog: KindCatalog;
  /** The file's name, for problems (`twins.ndjson:17: temperature`); the name by default. */
  readonly file?: string;
}

export interface DtdlInventory {
  readonly inventory: InventoryImport;
  /** Kinds the file's models define, to define before the inventory is applied. */
  readonly kinds: KindSpec[];
  /** What was read but not used (Commands, an unknown extension): for the record, not errors. */
  readonly notes: InventoryProblem[];
}

export function dtdlInventory(contents: string, options: DtdlInventoryOptions): DtdlInventory {
  const file = readAdtTwinFile(contents, options.file ?? options.name);
  const known = (dtmi: string) => kindOfDtmi(dtmi, options.catalog) !== undefined;
  const model = parseDtdlDocuments(
    file.models.map((entry) => ({
      value: entry.value,
      where: (path) => placeText({ ...entry.at, path: [...entry.at.path, ...path] }),
    })),
    { known },
  );
  const kinds = kindSpecsFromDtdl(model.interfaces, options.catalog);
  const catalog: KindCatalog = new Map([
    ...options.catalog,
    ...kinds.specs.map((spec) => [spec.kind, spec] as const),
  ]);
  const mapper = new TwinMapper(catalog, kinds.kindByDtmi, model.interfaces);
  const entities = file.twins.flatMap((twin) => mapper.entity(twin));
  const relations = file.relationships.flatMap((relationship) => mapper.relation(relationship));
  return {
    inventory: {
      document: { entities, relations, source: `dtdl:${options.name}` },
      problems: [...file.problems, ...model.problems, ...kinds.problems, ...mapper.problems],
      counts: {
        models: file.models.length,
        twins: file.twins.length,
        relationships: file.relationships.length,
      },
    },
    kinds: withSources(kinds.specs, file.models),
    notes: [...model.notes, ...kinds.notes],
  };
}

/** Each kind keeps the interface it came from, as written: exporting the kind gives it back. */
function withSources(specs: readonly KindSpec[], models: readonly AdtModel[]): KindSpec[] {
  const byId = new Map<string, { [key: string]: JsonValue }>();
  for (const model of models) {
    const value = model.value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const id = (value as { '@id'?: unknown })['@id'];
      if (typeof id === 'string') byId.set(id, value as { [key: string]: JsonValue });
    }
  }
  return specs.map((spec) => {
    const source = spec.dtmi === undefined ? undefined : byId.get(spec.dtmi);
    return source === undefined ? spec : { ...spec, dtdl: source };
  });
}

/** What the file's own models say of a twin's properties: JSON text, and relationship property types. */
interface ModelFacts {
  /** Properties holding JSON text of an object or array (infratwin's export writes those). */
  readonly json: ReadonlyMap<string, 'object' | 'array'>;
  /** Relationship name → its Properties as props. */
  readonly relationshipProps: ReadonlyMap<string, Readonly<Record<string, PropSpec>>>;
  /** Relationship name → Properties holding JSON text. */
  readonly relationshipJson: ReadonlyMap<string, ReadonlyMap<string, 'object' | 'array'>>;
}

class TwinMapper {
  readonly problems: InventoryProblem[] = [];
  /** `$dtId` → the entity it became, and the twin's model. */
  private readonly entities = new Map<string, { id: string; kind: string; model: string }>();
  /** Entity id → the `$dtId` that took it. */
  private readonly ids = new Map<string, string>();
  private readonly relationIds = new Set<string>();
  private readonly facts = new Map<string, ModelFacts>();

  constructor(
    private readonly catalog: KindCatalog,
    private readonly kindByDtmi: Readonly<Record<string, string>>,
    interfaces: readonly DtdlInterface[],
  ) {
    const byId = new Map(interfaces.map((iface) => [iface.id, iface]));
    for (const iface of interfaces) this.facts.set(iface.id, factsOf(iface, byId));
  }

  entity(twin: AdtTwin): EntityInput[] {
    const at = twin.at ?? { file: 'twins', path: [] };
    const kind = this.kindOf(twin.model);
    if (kind === undefined) {
      this.problem(
        at,
        ['$metadata', '$model'],
        `model ${quote(twin.model)} is neither in the file nor a kind already defined: twin skipped`,
      );
      return [];
    }
    const id = entityIdOf(twin.dtId, kind);
    if (!isValidEntityId(id)) {
      this.problem(
        at,
        ['$dtId'],
        `${quote(twin.dtId)} makes entity id ${quote(id)}, which is not valid (at most 512 characters): twin skipped`,
      );
      return [];
    }
    const taken = this.ids.get(id) ?? (this.entities.has(twin.dtId) ? twin.dtId : undefined);
    if (taken !== undefined) {
      this.problem(
        at,
        ['$dtId'],
        `${quote(twin.dtId)} makes entity id ${quote(id)}, as twin ${quote(taken)} does: twin skipped`,
      );
      return [];
    }
    this.entities.set(twin.dtId, { id, kind, model: twin.model });
    this.ids.set(id, twin.dtId);
    const facts = this.facts.get(twin.model);
    const props = this.props(twin.properties, this.catalog.get(kind)?.props ?? {}, facts?.json, at, []);
    const name = twin.dtId.startsWith(`${kind}:`) ? twin.dtId.slice(kind.length + 1) : twin.dtId;
    return [{ id, kind, name, ...(Object.keys(props).length > 0 ? { props } : {}) }];
  }

  relation(relationship: AdtRelationship): RelationInput[] {
    const at = relationship.at ?? { file: 'relationships', path: [] };
    const from = this.end(
      relationship.sourceId,
      at,
      relationship.at?.line === undefined ? '$sourceId' : '$dtId',
    );
    const to = this.end(relationship.targetId, at, '$targetId');
    if (!from || !to) return [];
    const type = relationTypeOfName(relationship.name);
    if (from.id === to.id) {
      this.problem(at, ['$targetId'], 'a relation cannot link an entity to itself: relationship skipped');
      return [];
    }
    const allowed = this.catalog.get(from.kind)?.relations[type] ?? [];
    if (!allowed.includes('*') && !allowed.includes(to.kind)) {
      const list =
        allowed.length > 0
          ? `from a ${from.kind}, ${type} may go to: ${allowed.join(', ')}`
          : `a ${from.kind} has no ${type} relations`;
      this.problem(
        at,
        ['$relationshipName'],
        `${quote(relationship.name)} (${type}) from ${from.kind} to ${to.kind} is not allowed: ${list}: relationship skipped`,
      );
      return [];
    }
    const facts = this.facts.get(from.model);
    const specs = { ...facts?.relationshipProps.get(relationship.name), ...relationPropSpecs[type] };
    const props = this.props(
      relationship.properties,
      specs,
      facts?.relationshipJson.get(relationship.name),
      at,
      [],
    );
    if (type === 'relates-to') {
      if (Object.hasOwn(props, 'name'))
        this.problem(
          at,
          ['name'],
          `is the relationship name ${quote(relationship.name)} on a relates-to relation: the property is replaced`,
        );
      props.name = relationship.name;
    }
    const input: RelationInput = {
      type,
      from: from.id,
      to: to.id,
      ...(Object.keys(props).length > 0 ? { props } : {}),
    };
    const key = this.keyOf(relationship, type, input);
    if (key === null) return [];
    return [{ ...input, ...(key !== undefined ? { key } : {}) }];
  }

  /**
   * The relation's key. infratwin's export writes `$relationshipId` as `<name>:<target>`, with
   * `#<key>` when the key is not the default (none; the name for relates-to): that comes back
   * as written. Another id gives the default key, or, when two relationships of one name link
   * the same twins (ADT allows it, the twin tells them apart by key), the id itself.
   */
  private keyOf(
    relationship: AdtRelationship,
    type: string,
    input: RelationInput,
  ): string | undefined | null {
    const fallback = type === 'relates-to' ? relationship.name : undefined;
    const ours = `${relationship.name}:${relationship.targetId}`;
    const written =
      relationship.relationshipId === ours
        ? fallback
        : relationship.relationshipId.startsWith(`${ours}#`)
          ? relationship.relationshipId.slice(ours.length + 1) || undefined
          : fallback;
    const candidates = [
      written,
      fallback === undefined ? relationship.relationshipId : `${fallback}#${relationship.relationshipId}`,
    ];
    for (const key of candidates) {
      const id = relationId({ ...input, ...(key !== undefined ? { key } : {}) });
      if (!this.relationIds.has(id)) {
        this.relationIds.add(id);
        return key;
      }
    }
    this.problem(
      relationship.at ?? { file: 'relationships', path: [] },
      ['$relationshipId'],
      `duplicates relationship ${quote(relationship.relationshipId)} between the same twins: skipped`,
    );
    return null;
  }

  /**
   * Properties as props: JSON text decoded where the model (or the prop's type) says it is
   * JSON, then each checked against its spec; a mismatch is a problem and that prop left out.
   */
  private props(
    properties: Readonly<Record<string, JsonValue>>,
    specs: Readonly<Record<string, PropSpec>>,
    json: ReadonlyMap<string, 'object' | 'array'> | undefined,
    at: AdtPlace,
    path: ReadonlyArray<string | number>,
  ): Record<string, JsonValue> {
    const entries: Array<[string, JsonValue]> = [];
    for (const [name, raw] of Object.entries(properties)) {
      const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
      const value = decoded(
        raw,
        json?.get(name) ?? (spec?.type === 'object' || spec?.type === 'array' ? spec.type : undefined),
      );
      if (spec && !hasPropType(value, spec.type)) {
        this.problem(
          at,
          [...path, name],
          `must be ${article(spec.type)} (the kind's prop), found ${describeValue(value)}: left out`,
        );
        continue;
      }
      entries.push([name, value]);
    }
    return Object.fromEntries(entries);
  }

  private end(
    dtId: string,
    at: AdtPlace,
    field: string,
  ): { id: string; kind: string; model: string } | undefined {
    const entity = this.entities.get(dtId);
    if (!entity)
      this.problem(
        at,
        [field],
        `twin ${quote(dtId)} is not in the file (or was skipped): relationship skipped`,
      );
    return entity;
  }

  private kindOf(dtmi: string): string | undefined {
    const kind = Object.hasOwn(this.kindByDtmi, dtmi)
      ? this.kindByDtmi[dtmi]
      : kindOfDtmi(dtmi, this.catalog);
    return kind !== undefined && this.catalog.has(kind) ? kind : undefined;
  }

  private problem(at: AdtPlace, path: ReadonlyArray<string | number>, message: string): void {
    this.problems.push({ path: placeText(at, ...path), message });
  }
}

/**
 * `<kind>:<$dtId>`, whitespace made `-` (an id holds none). A `$dtId` already of that form is
 * kept: infratwin's export writes the whole id when two entities of different kinds share a name.
 */
export function entityIdOf(dtId: string, kind: string): string {
  const part = dtId.replace(/\s+/g, '-');
  return part.startsWith(`${kind}:`) ? part : `${kind}:${part}`;
}

function factsOf(iface: DtdlInterface, byId: ReadonlyMap<string, DtdlInterface>): ModelFacts {
  const contents: DtdlContent[] = [
    ...iface.ancestors.flatMap((id) => byId.get(id)?.contents ?? []),
    ...iface.contents,
  ];
  const json = new Map<string, 'object' | 'array'>();
  const relationshipProps = new Map<string, Record<string, PropSpec>>();
  const relationshipJson = new Map<string, Map<string, 'object' | 'array'>>();
  for (const content of contents) {
    if (content.kind === 'Property') {
      const marked = readExtras(content.comment).json;
      if (marked) json.set(content.name, marked);
    } else if (content.kind === 'Relationship') {
      relationshipProps.set(
        content.name,
        Object.fromEntries(content.properties.map((property) => [property.name, propSpecOf(property)])),
      );
      const marked = new Map<string, 'object' | 'array'>();
      for (const property of content.properties) {
        const kind = readExtras(property.comment).json;
        if (kind) marked.set(property.name, kind);
      }
      relationshipJson.set(content.name, marked);
    }
  }
  return { json, relationshipProps, relationshipJson };
}

/** A value written as JSON text, parsed when it is text of the expected kind; anything else as is. */
function decoded(value: JsonValue, kind: 'object' | 'array' | undefined): JsonValue {
  if (kind === undefined || typeof value !== 'string') return value;
  try {
    const parsed = JSON.parse(value) as JsonValue;
    const fits =
      kind === 'array'
        ? Array.isArray(parsed)
        : typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    return fits ? parsed : value;
  } catch {
    return value;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
