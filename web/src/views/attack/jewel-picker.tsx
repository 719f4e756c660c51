import { useId, useMemo, useState } from 'react';
import type { JewelReport } from '../../contract';
import { percent } from './attack-paths-graph';

/** Jewels matching a filter, by name, id or kind; the chosen one always stays listed. */
export function filterJewels(jewels: readonly JewelReport[], query: string, chosen?: string): JewelReport[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return jewels.filter((jewel) => {
    if (jewel.id === chosen) return true;
    const text = `${jewel.name} ${jewel.id} ${jewel.kind}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function jewelOptionLabel(jewel: JewelReport): string {
  const odds = jewel.reachable
    ? jewel.odds
      ? percent(jewel.odds.probability)
      : 'reachable'
    : 'not reachable';
  return `${jewel.name} (${jewel.kind}) · ${odds}`;
}

/** A searchable choice of crown jewel: type to narrow the list, then pick. */
export function JewelPicker({
  jewels,
  chosen,
  onChoose,
}: {
  jewels: readonly JewelReport[];
  chosen: string | undefined;
  onChoose(id: string): void;
}) {
  const [query, setQuery] = useState('');
  const id = useId();
  const shown = useMemo(() => filterJewels(jewels, query, chosen), [jewels, query, chosen]);
  return (
    <search className="jewel-picker">
      <label htmlFor={`${id}-filter`}>Filter crown jewels</label>
      <input
        id={`${id}-filter`}
        type="search"
        placeholder="name, id or kind…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          const first = filterJewels(jewels, event.target.value)[0];
          if (first !== undefined && event.target.value.trim() !== '') onChoose(first.id);
        }}
      />
      <label htmlFor={`${id}-jewel`}>Crown jewel</label>
      <select id={`${id}-jewel`} value={chosen ?? ''} onChange={(event) => onChoose(event.target.value)}>
        {chosen === undefined && <option value="">Choose…</option>}
        {shown.map((jewel) => (
          <option key={jewel.id} value={jewel.id}>
            {jewelOptionLabel(jewel)}
          </option>
        ))}
      </select>
      <span className="muted">
        {shown.length} of {jewels.length}
      </span>
    </search>
  );
}
