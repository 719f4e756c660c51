import type { EntityId, EntityInput, Labels, Props } from './entity.js';
import type { JsonValue } from './json-value.js';
import type { RelationId, RelationInput } from './relation.js';

/**
 * The operations a change set holds. `upsert-*` states the whole entity or relation (declarative
 * sources); `patch-entity` changes only what it names (null deletes a label or prop).
 */
export type Operation =
  | { op: 'upsert-entity'; entity: EntityInput }
  | {
      op: 'patch-entity';
      id: EntityId;
      name?: string;
      labels?: Record<string, string | null>;
      props?: Record<string, JsonValue | null>;
    }
  | { op: 'remove-entity'; id: EntityId }
  | { op: 'upsert-relation'; relation: RelationInput }
  | { op: 'remove-relation'; id: RelationId }
  | { op: 'set-metric'; id: EntityId; metric: string; value: number; ts?: number; confidence?: number };

export type OperationKind = Operation['op'];

export type { Labels, Props };
