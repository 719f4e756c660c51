import type { JsonValue } from './json-value.js';
import type { Provenance } from './provenance.js';

/** A readable, stable id: `<kind>:<name or path>`, e.g. `host:web-01`, `rack:dc1/r12`. */
export type EntityId = string;
export type Labels = Record<string, string>;
export type Props = Record<string, JsonValue>;

/** What a change set says about an entity. */
export interface EntityInput {
  id: EntityId;
  kind: string;
  name?: string;
  labels?: Labels;
  props?: Props;
}

/** An entity as the twin holds it (immutable: every change makes a new record). */
export interface Entity {
  readonly id: EntityId;
  readonly kind: string;
  readonly name: string;
  readonly labels: Readonly<Labels>;
  readonly props: Readonly<Props>;
  /** Who last wrote the entity as a whole. */
  readonly provenance: Provenance;
  /** Props written by a different change set than `provenance` says, by prop name. */
  readonly propProvenance?: Readonly<Record<string, Provenance>>;
}

const idPattern = /^[a-z][a-z0-9-]*:[^\s]+$/;

export function isValidEntityId(id: string): boolean {
  return idPattern.test(id) && id.length <= 512;
}

/** The kind part of an id (`host` for `host:web-01`). */
export function kindOfId(id: EntityId): string {
  return id.slice(0, id.indexOf(':'));
}
