import type { Operation } from '../../contract';

/**
 * The operations of a change set that concern one entity, as a line each: the change set may
 * hold a whole import, of which this entity is one line. Relations are named by their ids
 * (`contains:rack:r1->host:h1`-style), which hold both ends.
 */
export function operationsOn(entityId: string, ops: readonly Operation[]): string[] {
  const lines: string[] = [];
  for (const op of ops) {
    switch (op.op) {
      case 'upsert-entity':
        if (op.entity.id === entityId) lines.push(`set ${describeProps(op.entity.props)}`);
        break;
      case 'patch-entity':
        if (op.id === entityId)
          lines.push(`changed ${describeProps({ ...op.props, ...labelsAsProps(op.labels) })}`);
        break;
      case 'remove-entity':
        if (op.id === entityId) lines.push('removed');
        break;
      case 'upsert-relation':
        if (op.relation.from === entityId) lines.push(`${op.relation.type} → ${op.relation.to}`);
        else if (op.relation.to === entityId) lines.push(`${op.relation.from} ${op.relation.type} → this`);
        break;
      case 'remove-relation':
        if (relationTouches(op.id, entityId)) lines.push(`removed relation ${op.id}`);
        break;
      case 'set-metric':
        if (op.id === entityId) lines.push(`${op.metric} = ${op.value}`);
        break;
    }
  }
  return lines;
}

/** `type:from->to` or `type:from->to#key`: whether one end is the entity. */
function relationTouches(relationId: string, entityId: string): boolean {
  return (
    relationId.includes(`:${entityId}->`) ||
    relationId.endsWith(`->${entityId}`) ||
    relationId.includes(`->${entityId}#`)
  );
}

function labelsAsProps(labels: Record<string, string | null> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(labels ?? {}).map(([key, value]) => [`label ${key}`, value]));
}

function describeProps(props: Record<string, unknown> | undefined): string {
  const entries = Object.entries(props ?? {});
  if (entries.length === 0) return '(no props)';
  const shown = entries
    .slice(0, 6)
    .map(([key, value]) => `${key}=${value === null ? '∅' : JSON.stringify(value)}`);
  return entries.length > 6 ? `${shown.join(', ')}, … ${entries.length - 6} more` : shown.join(', ');
}
