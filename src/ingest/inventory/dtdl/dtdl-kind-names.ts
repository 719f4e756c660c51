// Kind names for interfaces and DTMIs for kinds. A kind is named after the last segment of its
// interface's DTMI, in the twin's style (`dtmi:com:contoso:ChillerPlant;1` → `chiller-plant`);
// where that name is a built-in kind or another interface's, the segment before it is put in
// front (`contoso-chiller-plant`), and so on. Built-in kinds have DTMIs of their own
// (`host` ↔ `dtmi:infratwin:Host;1`), so that the twin's catalog can be exported as DTDL and the
// interfaces recognised when they come back.
import { builtinKinds, type KindCatalog, type RelationType, relationTypes } from '../../../model/index.js';
import { dtmiPath, dtmiSegments, dtmiVersion } from './dtdl-grammar.js';

/** The longest kind name the catalog accepts (src/model/kind-definition.ts). */
const maxKindLength = 64;

/** `ChillerPlant` → `chiller-plant`, `HVACUnit` → `hvac-unit`, `Temperature_Sensor` → `temperature-sensor`. */
export function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase()
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** `network-interface` → `NetworkInterface`. */
export function pascalCase(kind: string): string {
  return kind
    .split('-')
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `runs-on` → `runsOn`: a relation type as a DTDL relationship name. */
export function camelCase(type: string): string {
  const pascal = pascalCase(type);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/**
 * The DTMI of a kind that has none of its own: the built-in kinds, and kinds defined other than
 * from DTDL. `host` ↔ `dtmi:infratwin:Host;1`, `cloud-instance` ↔ `dtmi:infratwin:CloudInstance;1`.
 */
export function builtinDtmi(kind: string): string {
  return `dtmi:infratwin:${pascalCase(kind)};1`;
}

/** The kind a DTMI names: a kind's own `dtmi`, or the DTMI builtinDtmi gives a kind without one. */
export function kindOfDtmi(dtmi: string, catalog: KindCatalog = builtinKinds): string | undefined {
  for (const spec of catalog.values()) if (spec.dtmi === dtmi) return spec.kind;
  for (const spec of catalog.values())
    if (spec.dtmi === undefined && builtinDtmi(spec.kind) === dtmi) return spec.kind;
  return undefined;
}

/** The DTMI of a kind: its own, or builtinDtmi's. */
export function dtmiOfKind(kind: string, catalog: KindCatalog): string {
  return catalog.get(kind)?.dtmi ?? builtinDtmi(kind);
}

/**
 * The relation type a DTDL relationship name stands for: a built-in type written in camelCase
 * (`runsOn`, `poweredBy`, `hasVulnerability`), else `relates-to`, which keeps the name in
 * `props.name` and `key`.
 */
export function relationTypeOfName(name: string): RelationType {
  return relationTypes.find((type) => type !== 'relates-to' && camelCase(type) === name) ?? 'relates-to';
}

/**
 * Names for the kinds of new interfaces, by DTMI. A DTMI whose path is a catalog kind's (another
 * version of it) takes that kind's name. Otherwise the shortest run of last segments that no
 * catalog kind and no interface of another path shares; two versions of one path share a name.
 */
export function kindNames(dtmis: readonly string[], catalog: KindCatalog): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const spec of [...builtinKinds.values(), ...catalog.values()])
    taken.set(spec.kind, spec.dtmi ? dtmiPath(spec.dtmi) : `kind:${spec.kind}`);
  let pending = [...new Set(dtmis)].filter((dtmi) => {
    const same = [...catalog.values()].find((spec) => spec.dtmi && dtmiPath(spec.dtmi) === dtmiPath(dtmi));
    if (same) names.set(dtmi, same.kind);
    return !same;
  });
  const longest = Math.max(0, ...pending.map((dtmi) => dtmiSegments(dtmi).length));
  for (let count = 1; count <= longest && pending.length > 0; count++) {
    const candidates = new Map<string, Set<string>>();
    for (const dtmi of pending) {
      const name = candidate(dtmi, count);
      if (name) candidates.set(name, (candidates.get(name) ?? new Set()).add(dtmiPath(dtmi)));
    }
    pending = pending.filter((dtmi) => {
      const name = candidate(dtmi, count);
      const paths = name === undefined ? undefined : candidates.get(name);
      const free =
        name !== undefined && paths?.size === 1 && (taken.get(name) ?? dtmiPath(dtmi)) === dtmiPath(dtmi);
      if (free) names.set(dtmi, name);
      return !free;
    });
    for (const dtmi of dtmis) {
      const name = names.get(dtmi);
      if (name !== undefined) taken.set(name, dtmiPath(dtmi));
    }
  }
  // Whole paths that still clash (a catalog kind `a-b` and an interface `dtmi:a:b`): number them.
  for (const dtmi of pending) {
    const base = candidate(dtmi, dtmiSegments(dtmi).length) ?? 'interface';
    let index = 2;
    while (taken.has(`${base}-${index}`)) index++;
    names.set(dtmi, `${base}-${index}`);
    taken.set(`${base}-${index}`, dtmiPath(dtmi));
  }
  return names;
}

/** The kebab-case of the last `count` segments, cut to a kind name's length; undefined if past the start. */
function candidate(dtmi: string, count: number): string | undefined {
  const segments = dtmiSegments(dtmi);
  if (count > segments.length) return undefined;
  const name = kebabCase(segments.slice(-count).join('-'));
  return name.length > maxKindLength ? name.slice(0, maxKindLength).replace(/-+$/, '') : name;
}

/** Among DTMIs of one path, the one whose version is highest (it defines the kind). */
export function latestVersion(dtmis: readonly string[]): string | undefined {
  return [...dtmis].sort((a, b) => dtmiVersion(b) - dtmiVersion(a) || b.localeCompare(a))[0];
}
