import { useState } from 'react';
import { EntityLink } from '../../components/entity-link';
import { LoadStatus } from '../../components/load-status';
import type { Relation } from '../../contract';
import { formatCount } from '../../format/format-number';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../session/session-context';

/** A vulnerability can have hundreds of relations: each group shows this many until asked for all. */
const shownPerGroup = 25;

interface RelationGroup {
  key: string;
  title: string;
  /** The entity at the other end of each relation. */
  others: string[];
}

/** Relations grouped by direction and type ("contains →", "← runs-on"), each end a link. */
export function RelationsPanel({ entityId }: { entityId: string }) {
  const { api } = useSession();
  const relations = useAsync((signal) => api.entityRelations(entityId, signal), [api, entityId]);
  if (relations.data === undefined) return <LoadStatus error={relations.error} what="the relations" />;
  const groups = groupRelations(entityId, relations.data);
  if (groups.length === 0) return <p className="muted">No relations.</p>;
  return (
    <div className="relation-groups">
      {groups.map((group) => (
        <RelationGroupList key={group.key} group={group} />
      ))}
    </div>
  );
}

function RelationGroupList({ group }: { group: RelationGroup }) {
  const [all, setAll] = useState(false);
  const shown = all ? group.others : group.others.slice(0, shownPerGroup);
  return (
    <section className="relation-group" aria-label={group.title}>
      <h3>
        {group.title} <span className="muted">({formatCount(group.others.length)})</span>
      </h3>
      <ul className="relation-list">
        {shown.map((other) => (
          <li key={other}>
            <EntityLink id={other} />
          </li>
        ))}
      </ul>
      {shown.length < group.others.length && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {formatCount(group.others.length)}
        </button>
      )}
    </section>
  );
}

/** Outgoing groups first ("this entity contains …"), then incoming ("… contains this entity"). */
export function groupRelations(entityId: string, relations: readonly Relation[]): RelationGroup[] {
  const groups = new Map<string, RelationGroup>();
  for (const relation of relations) {
    const outgoing = relation.from === entityId;
    const key = `${outgoing ? 'out' : 'in'}:${relation.type}`;
    const title = outgoing ? `${relation.type} →` : `← ${relation.type}`;
    const group = groups.get(key) ?? { key, title, others: [] };
    group.others.push(outgoing ? relation.to : relation.from);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => Number(a.key.startsWith('in:')) - Number(b.key.startsWith('in:')) || a.key.localeCompare(b.key),
  );
}
