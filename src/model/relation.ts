import type { EntityId, Props } from './entity.js';
import type { Provenance } from './provenance.js';

export const relationTypes = [
  'contains',
  'runs-on',
  'depends-on',
  'connects',
  'routes-through',
  'powered-by',
  'cooled-by',
  'stored-on',
  'exposes',
  'allows',
  'has-vulnerability',
  'trusts',
  'relates-to',
] as const;
export type RelationType = (typeof relationTypes)[number];

export type RelationId = string;

export interface RelationInput {
  type: RelationType;
  from: EntityId;
  to: EntityId;
  /** Distinguishes several relations of one type between the same two entities (e.g. two links). */
  key?: string;
  props?: Props;
}

export interface Relation {
  readonly id: RelationId;
  readonly type: RelationType;
  readonly from: EntityId;
  readonly to: EntityId;
  readonly key?: string;
  readonly props: Readonly<Props>;
  readonly provenance: Provenance;
}

/** `type:from->to`, or `type:from->to#key`: a relation's identity follows from what it links. */
export function relationId(input: Pick<RelationInput, 'type' | 'from' | 'to' | 'key'>): RelationId {
  const base = `${input.type}:${input.from}->${input.to}`;
  return input.key ? `${base}#${input.key}` : base;
}

export function isRelationType(value: string): value is RelationType {
  return (relationTypes as readonly string[]).includes(value);
}
