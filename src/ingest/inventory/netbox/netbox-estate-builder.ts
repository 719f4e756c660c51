// Collects the entities and relations of an import, held to the kind catalog as it goes: an id is
// claimed once (a second object wanting it gets a distinct one, and a problem says so), a prop the
// kind does not declare with that type becomes a label or is dropped, and a relation the catalog
// does not allow between the two kinds is not written.
//
// Half a million entities go through here for a large NetBox: the bookkeeping keys on the id
// strings themselves (no relation id strings are built) and an object's path is only written out
// when a problem names it.
import {
  builtinKinds,
  type EntityInput,
  hasPropType,
  isValidEntityId,
  type JsonValue,
  type KindCatalog,
  kindOfId,
  type Labels,
  type Props,
  type RelationInput,
  type RelationType,
  relationTypes,
} from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';
import { labelKey, labelValue } from '../inventory-labels.js';

/** An entity being built: props and labels are filled in through `prop` and `label`. */
export interface EntityDraft extends EntityInput {
  readonly id: string;
  readonly kind: string;
  labels: Labels;
  props: Props;
}

/** Where an entity comes from, for problem paths: an endpoint's result, or any text. */
export type Owner = string | { readonly endpoint: string; readonly index: number };

const describe = (owner: Owner | undefined) =>
  owner === undefined
    ? 'another object'
    : typeof owner === 'string'
      ? owner
      : `${owner.endpoint} results[${owner.index}]`;

const typeBits = new Map(relationTypes.map((type, at) => [type, 1 << at]));

export class EstateBuilder {
  readonly entities: EntityDraft[] = [];
  readonly relations: RelationInput[] = [];
  readonly problems: InventoryProblem[] = [];
  /** Every claimed id → its kind, and the object that has it (for the collision message). */
  readonly #claims = new Map<string, { readonly kind: string; readonly owner: Owner }>();
  /** from → to → the relation types already written between them, as bits. */
  readonly #related = new Map<string, Map<string, number>>();
  /** from kind → relation type → the kinds allowed at the other end. */
  readonly #allowed = new Map<string, Map<RelationType, ReadonlySet<string>>>();

  constructor(private readonly catalog: KindCatalog = builtinKinds) {}

  has(id: string): boolean {
    return this.#claims.has(id);
  }

  /**
   * Claims the first free valid id of `candidates`; when all are taken, the last with
   * `-netbox-<id>` appended. Undefined (with a problem) when no candidate is a valid id.
   */
  claim(candidates: readonly string[], netboxId: number, owner: Owner): string | undefined {
    let first: string | undefined;
    let last: string | undefined;
    let id: string | undefined;
    for (const candidate of candidates) {
      if (!isValidEntityId(candidate)) continue;
      first ??= candidate;
      last = candidate;
      if (!this.#claims.has(candidate)) {
        id = candidate;
        break;
      }
    }
    if (first === undefined) {
      this.problem(owner, `'${candidates[0]}' is not a valid entity id: skipped`);
      return undefined;
    }
    if (id === undefined) {
      id = `${last}-netbox-${netboxId}`;
      if (this.#claims.has(id) || !isValidEntityId(id)) {
        this.problem(owner, `id '${first}' is taken by ${describe(this.#claims.get(first)?.owner)}: skipped`);
        return undefined;
      }
    }
    if (id !== first) {
      this.problem(
        owner,
        `id '${first}' is taken by ${describe(this.#claims.get(first)?.owner)}; this one is '${id}'`,
      );
    }
    this.#claims.set(id, { kind: kindOfId(id), owner });
    return id;
  }

  problem(owner: Owner, message: string): void {
    this.problems.push({ path: describe(owner), message });
  }

  /** Adds an entity with a claimed id; its labels and props are set through the draft. */
  entity(id: string, name: string | undefined): EntityDraft {
    const kind = this.#claims.get(id)?.kind ?? kindOfId(id);
    const draft: EntityDraft =
      name === undefined ? { id, kind, labels: {}, props: {} } : { id, kind, name, labels: {}, props: {} };
    this.entities.push(draft);
    return draft;
  }

  /**
   * Sets a prop when the kind declares it with the value's type; else the label `fallbackLabel`
   * (for a scalar) when given; else nothing.
   */
  prop(draft: EntityDraft, name: string, value: JsonValue | undefined, fallbackLabel?: string): void {
    if (value === undefined) return;
    const spec = this.catalog.get(draft.kind)?.props[name];
    if (spec !== undefined && hasPropType(value, spec.type)) {
      draft.props[name] = value;
    } else if (fallbackLabel !== undefined && (typeof value === 'string' || typeof value === 'number')) {
      this.label(draft, fallbackLabel, String(value));
    }
  }

  /** Sets a label, its value made selectable; nothing when the value is absent or empty. */
  label(draft: EntityDraft, key: string, value: string | undefined): void {
    if (value === undefined) return;
    const tidy = labelValue(value);
    if (tidy !== undefined) draft.labels[key] = tidy;
  }

  /** `tag-<slug>: "true"` for every tag. */
  tags(draft: EntityDraft, tags: readonly string[]): void {
    for (const tag of tags) {
      const key = labelKey(`tag-${tag}`);
      if (key !== undefined) draft.labels[key] = 'true';
    }
  }

  /** Whether the catalog lets `from`'s kind have a `type` relation to `to`'s kind. */
  allows(type: RelationType, fromKind: string, toKind: string): boolean {
    let byType = this.#allowed.get(fromKind);
    if (byType === undefined) {
      byType = new Map();
      this.#allowed.set(fromKind, byType);
    }
    let allowed = byType.get(type);
    if (allowed === undefined) {
      allowed = new Set(this.catalog.get(fromKind)?.relations[type] ?? []);
      byType.set(type, allowed);
    }
    return allowed.has(toKind) || allowed.has('*');
  }

  /** Whether this import already relates `from` to `to` with `type`. */
  related(type: RelationType, from: string, to: string): boolean {
    return ((this.#related.get(from)?.get(to) ?? 0) & (typeBits.get(type) ?? 0)) !== 0;
  }

  /**
   * Adds a relation between two entities of this import when the catalog allows it; false when
   * it does not, or when an end is missing. A relation already added is not added twice.
   */
  relate(type: RelationType, from: string, to: string, props?: Props): boolean {
    const fromKind = this.#claims.get(from)?.kind;
    const toKind = this.#claims.get(to)?.kind;
    if (fromKind === undefined || toKind === undefined || from === to) return false;
    if (!this.allows(type, fromKind, toKind)) return false;
    let targets = this.#related.get(from);
    if (targets === undefined) {
      targets = new Map();
      this.#related.set(from, targets);
    }
    const bits = targets.get(to) ?? 0;
    const bit = typeBits.get(type) ?? 0;
    if ((bits & bit) !== 0) return true;
    targets.set(to, bits | bit);
    this.relations.push(props === undefined ? { type, from, to } : { type, from, to, props });
    return true;
  }

  /** The entities with empty label and prop maps left out, for a tidy document. */
  finish(): EntityInput[] {
    return this.entities.map((draft): EntityInput => {
      const hasLabels = Object.keys(draft.labels).length > 0;
      const hasProps = Object.keys(draft.props).length > 0;
      if (hasLabels && hasProps) return draft;
      const { labels, props, ...rest } = draft;
      return { ...rest, ...(hasLabels && { labels }), ...(hasProps && { props }) };
    });
  }
}
