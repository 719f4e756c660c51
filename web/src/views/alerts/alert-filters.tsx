import { type FormEvent, useEffect, useId, useState } from 'react';
import type { AlertSeverity, AlertStatus } from '../../contract';
import { type AlertFilter, alertSeverities, alertStatuses } from './alert-filter';

/** The prediction kinds of docs/predict.md; kinds the server reports are added to these. */
const knownKinds = [
  'anomaly',
  'cooling-failure',
  'cooling-redundancy',
  'cpu-overheating',
  'disk-full',
  'fan-failure',
  'latency-slo',
  'latency-spike',
  'link-saturation',
  'memory-leak',
  'misconfiguration',
  'overheating',
  'power-redundancy',
  'slo-burn',
];

const statusLabels: Readonly<Record<AlertStatus, string>> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

/**
 * The filter as a form: statuses, severity and kind apply at once; the entity and the text when
 * submitted (Enter or Apply). Every change becomes the page's URL.
 */
export function AlertFilters({
  filter,
  kinds,
  onChange,
}: {
  filter: AlertFilter;
  /** Kinds seen in the data, offered besides the known ones. */
  kinds: readonly string[];
  onChange(filter: AlertFilter): void;
}) {
  const id = useId();
  const [entity, setEntity] = useState(filter.entity ?? '');
  const [text, setText] = useState(filter.text ?? '');
  // The URL can change under the form (back, a link): show what it says.
  useEffect(() => setEntity(filter.entity ?? ''), [filter.entity]);
  useEffect(() => setText(filter.text ?? ''), [filter.text]);

  const set = (fields: Partial<AlertFilter>) => {
    const next: AlertFilter = { ...filter, ...fields };
    for (const name of ['severity', 'kind', 'entity', 'text'] as const) {
      if (next[name] === undefined || next[name] === '') delete next[name];
    }
    onChange(next);
  };
  const toggleStatus = (status: AlertStatus, on: boolean) =>
    set({
      status: on ? [...filter.status, status] : filter.status.filter((candidate) => candidate !== status),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ entity: entity.trim() || undefined, text: text.trim() || undefined });
  };
  const allKinds = [...new Set([...knownKinds, ...kinds, ...(filter.kind ? [filter.kind] : [])])].sort();
  const filtered =
    filter.severity !== undefined ||
    filter.kind !== undefined ||
    filter.entity !== undefined ||
    filter.text !== undefined ||
    filter.status.length !== 2 ||
    filter.status.includes('resolved');

  return (
    <form className="alert-filters" aria-label="Filter alerts" onSubmit={submit}>
      <fieldset className="alert-status-filter">
        <legend>Status</legend>
        {alertStatuses.map((status) => {
          const checked = filter.status.includes(status);
          return (
            <label key={status}>
              <input
                type="checkbox"
                name="status"
                value={status}
                checked={checked}
                // One status at least: the last one cannot be unchecked.
                disabled={checked && filter.status.length === 1}
                onChange={(event) => toggleStatus(status, event.target.checked)}
              />
              {statusLabels[status]}
            </label>
          );
        })}
      </fieldset>
      <label className="alert-filter-field">
        <span>Severity</span>
        <select
          value={filter.severity ?? ''}
          onChange={(event) =>
            set({ severity: (event.target.value || undefined) as AlertSeverity | undefined })
          }
        >
          <option value="">Any</option>
          {alertSeverities.map((severity) => (
            <option key={severity} value={severity}>
              {severity}
            </option>
          ))}
        </select>
      </label>
      <label className="alert-filter-field">
        <span>Kind</span>
        <select
          value={filter.kind ?? ''}
          onChange={(event) => set({ kind: event.target.value || undefined })}
        >
          <option value="">Any</option>
          {allKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
      <label className="alert-filter-field">
        <span>Entity</span>
        <input
          type="text"
          name="entity"
          value={entity}
          placeholder="host:dc1-a-r01-h01"
          aria-describedby={`${id}-entity-hint`}
          onChange={(event) => setEntity(event.target.value)}
        />
        <span id={`${id}-entity-hint`} className="visually-hidden">
          An entity id: alerts involving it
        </span>
      </label>
      <label className="alert-filter-field alert-filter-text">
        <span>Text</span>
        <input
          type="search"
          name="q"
          value={text}
          placeholder="summary or id"
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <div className="alert-filter-buttons">
        <button type="submit">Apply</button>
        {filtered && (
          <button type="button" onClick={() => onChange({ status: ['open', 'acknowledged'] })}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
