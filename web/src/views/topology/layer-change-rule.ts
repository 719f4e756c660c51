import type { Operation } from '../../contract';

/**
 * Whether a change set alters what a layer draws: an entity added, removed or renamed, or a
 * relation of one of the layer's types added or removed. Prop and label changes (a fault's
 * misconfiguration, a re-sync) and metric values leave the drawing as it is.
 */
export function changesLayer(relationTypes: readonly string[]): (ops: readonly Operation[]) => boolean {
  return (ops) =>
    ops.some((op) => {
      switch (op.op) {
        case 'upsert-entity':
        case 'remove-entity':
          return true;
        case 'patch-entity':
          return op.name !== undefined;
        case 'upsert-relation':
          return relationTypes.includes(op.relation.type);
        case 'remove-relation':
          // A relation's id starts with its type (`contains:rack:r1->host:h1`).
          return relationTypes.some((type) => op.id.startsWith(`${type}:`));
        default:
          return false;
      }
    });
}
