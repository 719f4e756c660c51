// What can only be checked once every interface is read: `extends` names interfaces that exist
// (in the model, or already known), without a cycle, at most 10 deep and (v3) 1024 in all; names
// are unique across an interface's contents including inherited ones; a Component's schema is an
// interface that itself holds no Component. The limits are DTDL v3's
// (github.com/Azure/opendigitaltwins-dtdl, DTDL/v3/DTDL.Specification.v3.md, "Limits and
// exclusions"); the name rule is each element's `name` rule ("unique among … all elements
// included or referentially included in the contents member of any parent Interface").
import type { FieldPath } from '../../../model/index.js';
import { quote } from './dtdl-grammar.js';
import type { DtdlContent, DtdlInterface } from './dtdl-interface.js';
import type { DtdlDoc } from './dtdl-members.js';

/** An interface as read, before its bases are looked at. */
export interface RawInterface extends Omit<DtdlInterface, 'ancestors'> {
  /** Where each `extends` entry sits, for problems. */
  readonly extendsPaths: readonly FieldPath[];
  readonly doc: DtdlDoc;
}

const maxExtendsDepth = 10;
const maxExtendsCount = 1024;

/** The interfaces that pass, bases before the interfaces extending them. */
export function resolveInterfaces(
  raw: readonly RawInterface[],
  known: (dtmi: string) => boolean,
): DtdlInterface[] {
  const resolver = new Resolver(raw, known);
  for (const item of raw) resolver.visit(item);
  return resolver.checkComponents();
}

type Outcome = { readonly iface: DtdlInterface; readonly depth: number } | null;

class Resolver {
  private readonly byId: ReadonlyMap<string, RawInterface>;
  private readonly outcomes = new Map<string, Outcome>();
  private readonly visiting = new Set<string>();
  private readonly order: DtdlInterface[] = [];

  constructor(
    raw: readonly RawInterface[],
    private readonly known: (dtmi: string) => boolean,
  ) {
    this.byId = new Map(raw.map((item) => [item.id, item]));
  }

  /** The interface with its ancestors and contents settled, or null when it cannot be used. */
  visit(raw: RawInterface): Outcome | 'cycle' {
    if (this.outcomes.has(raw.id)) return this.outcomes.get(raw.id) ?? null;
    if (this.visiting.has(raw.id)) return 'cycle';
    this.visiting.add(raw.id);
    const outcome = this.settle(raw);
    this.visiting.delete(raw.id);
    this.outcomes.set(raw.id, outcome);
    if (outcome) this.order.push(outcome.iface);
    return outcome;
  }

  private settle(raw: RawInterface): Outcome {
    const bases = this.basesOf(raw);
    if (!bases) return null;
    const depth = 1 + Math.max(0, ...bases.map((base) => base.depth));
    if (depth > maxExtendsDepth + 1) {
      raw.doc.problem(
        [...raw.path, 'extends'],
        `extends Interfaces ${depth - 1} levels deep; DTDL allows ${maxExtendsDepth}`,
      );
      return null;
    }
    const ancestors = [...new Set(bases.flatMap((base) => [base.id, ...(base.iface?.ancestors ?? [])]))];
    if (raw.version >= 3 && ancestors.length > maxExtendsCount) {
      raw.doc.problem(
        [...raw.path, 'extends'],
        `extends ${ancestors.length} Interfaces in all; DTDL allows ${maxExtendsCount}`,
      );
      return null;
    }
    const inherited = this.inheritedNames(raw, ancestors);
    if (!inherited) return null;
    const contents = this.ownContents(raw, inherited);
    const { extendsPaths: _paths, doc: _doc, ...rest } = raw;
    return { iface: { ...rest, ancestors, contents }, depth };
  }

  /** Each base with its depth; undefined (with a problem) when one is missing, broken or a cycle. */
  private basesOf(
    raw: RawInterface,
  ): Array<{ id: string; depth: number; iface?: DtdlInterface }> | undefined {
    const bases: Array<{ id: string; depth: number; iface?: DtdlInterface }> = [];
    let ok = true;
    raw.extends.forEach((id, index) => {
      const path = raw.extendsPaths[index] ?? [...raw.path, 'extends'];
      const base = this.byId.get(id);
      if (!base) {
        if (this.known(id)) bases.push({ id, depth: 1 });
        else {
          raw.doc.problem(
            path,
            `extends ${quote(id)}, which is neither in the model nor a kind already defined`,
          );
          ok = false;
        }
        return;
      }
      const outcome = this.visit(base);
      if (outcome === 'cycle')
        raw.doc.problem(path, `extends ${quote(id)}, which extends ${quote(raw.id)}: a cycle`);
      else if (outcome === null) raw.doc.problem(path, `extends ${quote(id)}, which has problems of its own`);
      else bases.push({ id, depth: outcome.depth, iface: outcome.iface });
      if (outcome === 'cycle' || outcome === null) ok = false;
    });
    return ok ? bases : undefined;
  }

  /** Names the ancestors' contents take, by name → ancestor; undefined when two ancestors clash. */
  private inheritedNames(raw: RawInterface, ancestors: readonly string[]): Map<string, string> | undefined {
    const names = new Map<string, string>();
    for (const ancestor of ancestors) {
      const iface = this.resolved(ancestor);
      for (const content of iface?.contents ?? []) {
        const owner = names.get(content.name);
        if (owner !== undefined && owner !== ancestor) {
          raw.doc.problem(
            [...raw.path, 'extends'],
            `${quote(content.name)} is inherited from both ${quote(owner)} and ${quote(ancestor)}`,
          );
          return undefined;
        }
        names.set(content.name, ancestor);
      }
    }
    return names;
  }

  /** Own contents minus those whose names are taken (by a base, or earlier in the same interface). */
  private ownContents(raw: RawInterface, inherited: Map<string, string>): DtdlContent[] {
    const own = new Set<string>();
    return raw.contents.filter((content) => {
      const owner = inherited.get(content.name);
      if (owner !== undefined) {
        raw.doc.problem(
          [...content.path, 'name'],
          `${quote(content.name)} is already defined by ${quote(owner)}, which this Interface extends`,
        );
        return false;
      }
      if (own.has(content.name)) {
        raw.doc.problem(
          [...content.path, 'name'],
          `${quote(content.name)} is used by another element of this Interface`,
        );
        return false;
      }
      own.add(content.name);
      return true;
    });
  }

  private resolved(id: string): DtdlInterface | undefined {
    return this.outcomes.get(id)?.iface;
  }

  /** Drops Components whose schema is missing, broken, or holds Components itself. */
  checkComponents(): DtdlInterface[] {
    return this.order.map((iface) => {
      const raw = this.byId.get(iface.id) as RawInterface;
      const contents = iface.contents.filter((content) => {
        if (content.kind !== 'Component') return true;
        const problem = this.componentProblem(content.schema);
        if (problem) raw.doc.problem([...content.path, 'schema'], problem);
        return problem === undefined;
      });
      return contents.length === iface.contents.length ? iface : { ...iface, contents };
    });
  }

  private componentProblem(schema: string): string | undefined {
    const target = this.resolved(schema);
    if (!target) {
      if (this.byId.has(schema)) return `the Component's Interface ${quote(schema)} has problems of its own`;
      return this.known(schema)
        ? undefined
        : `the Component's Interface ${quote(schema)} is neither in the model nor a kind already defined`;
    }
    const nested = [target, ...target.ancestors.map((id) => this.resolved(id))]
      .flatMap((iface) => iface?.contents ?? [])
      .find((content) => content.kind === 'Component');
    return nested
      ? `a Component's Interface may not hold Components itself; ${quote(schema)} holds ${quote(nested.name)}`
      : undefined;
  }
}
