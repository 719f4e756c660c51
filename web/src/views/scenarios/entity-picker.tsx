import { useId, useMemo, useState } from 'react';
import type { Entity } from '../../contract';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../session/session-context';

/** What a scenario can fail (docs/simulate.md, `fail`), most asked first. */
export const failableKinds = [
  'host',
  'rack',
  'pdu',
  'ups',
  'power-feed',
  'cooling-unit',
  'switch',
  'router',
  'firewall',
  'load-balancer',
  'link',
  'room',
  'site',
  'service',
  'database',
  'vm',
  'container',
  'cloud-region',
] as const;

const suggestionCount = 50;

/** The entities of a kind whose id or name holds the text, the closest first. */
export function matchEntities(entities: readonly Entity[], text: string, limit: number): Entity[] {
  const query = text.trim().toLowerCase();
  if (query === '') return entities.slice(0, limit);
  const rank = (entity: Entity) => {
    const id = entity.id.toLowerCase();
    const name = entity.name.toLowerCase();
    if (id === query || name === query) return 0;
    if (id.startsWith(query) || name.startsWith(query)) return 1;
    return id.includes(query) || name.includes(query) ? 2 : 3;
  };
  return entities
    .map((entity) => ({ entity, rank: rank(entity) }))
    .filter(({ rank }) => rank < 3)
    .sort((a, b) => a.rank - b.rank || a.entity.id.localeCompare(b.entity.id))
    .slice(0, limit)
    .map(({ entity }) => entity);
}

/**
 * Picks one entity of the estate: a kind, then a search with suggestions as you type (a native
 * combobox). The value is what is typed; a unique match by name becomes its id when it loses focus.
 */
export function EntityPicker({
  label,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  label: string;
  value: string;
  onChange(id: string): void;
  invalid: boolean;
  describedBy: string | undefined;
}) {
  const { api } = useSession();
  const [kind, setKind] = useState<string>('rack');
  const entities = useAsync((signal) => api.allEntities({ kind }, signal), [api, kind]);
  const suggestions = useMemo(
    () => matchEntities(entities.data ?? [], value, suggestionCount),
    [entities.data, value],
  );
  const id = useId();
  const known = entities.data?.some((entity) => entity.id === value) ?? false;
  const resolve = () => {
    if (known || value.trim() === '') return;
    const [only, second] = matchEntities(entities.data ?? [], value, 2);
    if (only !== undefined && second === undefined) onChange(only.id);
  };
  const count = entities.data?.length;
  return (
    <div className="entity-picker">
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(event) => {
          setKind(event.target.value);
          onChange('');
        }}
      >
        {failableKinds.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-entity`}>{label}</label>
      <input
        id={`${id}-entity`}
        type="search"
        list={`${id}-list`}
        value={value}
        placeholder={`Find a ${kind}…`}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        onBlur={resolve}
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
      <datalist id={`${id}-list`}>
        {suggestions.map((entity) => (
          <option key={entity.id} value={entity.id} label={entity.name} />
        ))}
      </datalist>
      <span className="muted picker-count" role="status">
        {entities.error
          ? `Could not load the ${kind}s: ${entities.error.message}`
          : count === undefined
            ? 'Loading…'
            : `${count} ${kind}${count === 1 ? '' : 's'} in the twin${value && !known ? ` · ${suggestions.length} match` : ''}`}
      </span>
    </div>
  );
}
