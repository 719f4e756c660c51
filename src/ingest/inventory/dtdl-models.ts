// Kinds from DTDL and back, and the twin as an Azure Digital Twins graph, as the API and the CLI
// use them (docs/integrations.md#dtdl). A user kind keeps the interface it was defined from, so
// reading the models gives back exactly what was uploaded (as Azure Digital Twins' models API
// does); built-in kinds are written from the catalog.
import {
  builtinKinds,
  type Entity,
  InputError,
  type KindCatalog,
  type KindSpec,
  type Relation,
} from '../../model/index.js';
import {
  adtExportOf,
  type DtdlJson,
  type DtdlRelationshipName,
  dtdlFromKindSpecs,
  kindOfDtmi,
  kindSpecsFromDtdl,
  parseDtdl,
  writeAdtImportJob,
} from './dtdl/index.js';
import type { InventoryProblem } from './inventory-import.js';

export interface DtdlKindUpload {
  /** Kinds to define, each with the interface it came from. */
  readonly specs: KindSpec[];
  /** What was read but is not used (Commands), for the answer. */
  readonly notes: InventoryProblem[];
}

/**
 * The kinds a DTDL file defines against `catalog`. Any problem rejects the whole file, as Azure
 * Digital Twins rejects a model batch: a model half defined would leave twins half typed.
 */
export function kindsFromDtdl(value: unknown, file: string, catalog: KindCatalog): DtdlKindUpload {
  const model = parseDtdl(value, file, { known: (dtmi) => kindOfDtmi(dtmi, catalog) !== undefined });
  const kinds = kindSpecsFromDtdl(model.interfaces, catalog);
  const problems = [...model.problems, ...kinds.problems];
  if (problems.length > 0) {
    throw new InputError(
      `${file}: ${problems.length} problem(s) in the DTDL; first: ${problems[0]?.path}: ${problems[0]?.message}`,
      problems.map((problem) => ({ field: problem.path, message: problem.message })),
    );
  }
  const raw = new Map<string, DtdlJson>();
  for (const item of Array.isArray(value) ? value : [value]) {
    const id = (item as { '@id'?: unknown } | null)?.['@id'];
    if (typeof id === 'string') raw.set(id, item as DtdlJson);
  }
  const specs = kinds.specs.map((spec) => {
    const source = spec.dtmi === undefined ? undefined : raw.get(spec.dtmi);
    return source === undefined ? spec : { ...spec, dtdl: source };
  });
  return { specs, notes: [...model.notes, ...kinds.notes] };
}

/** The catalog as DTDL interfaces: user kinds as uploaded, built-ins (unless left out) generated. */
export function dtdlOfCatalog(catalog: KindCatalog, options: { builtin: boolean }): DtdlJson[] {
  const builtins = options.builtin ? dtdlFromKindSpecs([...builtinKinds.values()]).interfaces : [];
  const users = [...catalog.values()].filter((spec) => !builtinKinds.has(spec.kind));
  const generated = dtdlFromKindSpecs(
    users.filter((spec) => spec.dtdl === undefined),
    { catalog },
  ).interfaces;
  return [...builtins, ...users.flatMap((spec) => (spec.dtdl ? [spec.dtdl as DtdlJson] : [])), ...generated];
}

export interface AdtGraphExport {
  /** The Azure Digital Twins import-job file (NDJSON): models, twins, relationships. */
  readonly text: string;
  readonly twins: number;
  readonly relationships: number;
  /** What DTDL twins have no place for (labels, names other than the id), each left out. */
  readonly problems: InventoryProblem[];
}

/**
 * The estate as an Azure Digital Twins import job. Relationship names and bases of user kinds are
 * read again from the interfaces they were defined from, so an exported model keeps them.
 */
export function adtGraphOf(
  entities: readonly Entity[],
  relations: readonly Relation[],
  catalog: KindCatalog,
): AdtGraphExport {
  const exported = adtExportOf(entities, relations, catalog, definedShape(catalog));
  return {
    text: writeAdtImportJob(exported),
    twins: exported.twins.length,
    relationships: exported.relationships.length,
    problems: exported.problems,
  };
}

/** The relationship names and `extends` of the user kinds, by the catalog's kind names. */
function definedShape(catalog: KindCatalog): {
  relationshipNames: Record<string, readonly DtdlRelationshipName[]>;
  extendsOf: Record<string, readonly string[]>;
} {
  const sources = [...catalog.values()].flatMap((spec) => (spec.dtdl ? [spec.dtdl] : []));
  const relationshipNames: Record<string, readonly DtdlRelationshipName[]> = {};
  const extendsOf: Record<string, readonly string[]> = {};
  if (sources.length === 0) return { relationshipNames, extendsOf };
  const model = parseDtdl(sources, 'catalog', {
    known: (dtmi) => kindOfDtmi(dtmi, builtinKinds) !== undefined,
  });
  const read = kindSpecsFromDtdl(model.interfaces, builtinKinds);
  // Read on their own, the interfaces may get other kind names than when they were defined in turn.
  for (const [dtmi, readKind] of Object.entries(read.kindByDtmi)) {
    const kind = kindOfDtmi(dtmi, catalog);
    if (kind === undefined) continue;
    const names = read.relationshipNames[readKind];
    const bases = read.extendsOf[readKind];
    if (names)
      relationshipNames[kind] = names.map((name) => ({
        ...name,
        targets: name.targets.map((t) => rename(t, read.kindByDtmi, catalog)),
      }));
    if (bases) extendsOf[kind] = bases;
  }
  return { relationshipNames, extendsOf };
}

function rename(kind: string, kindByDtmi: Readonly<Record<string, string>>, catalog: KindCatalog): string {
  const dtmi = Object.entries(kindByDtmi).find(([, name]) => name === kind)?.[0];
  return dtmi === undefined ? kind : (kindOfDtmi(dtmi, catalog) ?? kind);
}
