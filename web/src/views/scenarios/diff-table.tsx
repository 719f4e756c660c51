import { useId, useMemo, useState } from 'react';
import { EntityLink } from '../../components/entity-link';
import { formatCount } from '../../format/format-number';
import {
  type DiffRow,
  defaultOrder,
  filterRows,
  noFilter,
  type RowFilter,
  type SortDirection,
  type SortKey,
  sortRows,
} from './scenario-diff';
import { formatChange, formatRelative, formatValue } from './scenario-format';

const pageSize = 100;

const columns: ReadonlyArray<{ key: SortKey; label: string; numeric: boolean; title?: string }> = [
  { key: 'entity', label: 'Entity', numeric: false },
  { key: 'metric', label: 'Metric', numeric: false },
  {
    key: 'base',
    label: 'Live twin',
    numeric: true,
    title: 'the model’s figure for the live twin at today’s traffic, calibrated to the measurements',
  },
  { key: 'scenario', label: 'Scenario', numeric: true, title: 'the worst figure during the scenario' },
  { key: 'change', label: 'Change', numeric: true },
  { key: 'relative', label: 'Change %', numeric: true },
  { key: 'breach', label: 'Limit broken?', numeric: false },
];

/**
 * Every metric of the result beside the live twin's, sortable by any column and filterable to
 * the limits the scenario breaks. First shown: broken limits, then the largest changes.
 */
export function DiffTable({ rows }: { rows: DiffRow[] }) {
  const [filter, setFilter] = useState<RowFilter>({ ...noFilter, changedOnly: true });
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection } | undefined>();
  const [shown, setShown] = useState(pageSize);
  const ids = useId();
  const kinds = useMemo(() => [...new Set(rows.map((row) => row.kind))].sort(), [rows]);
  const breaches = useMemo(() => rows.filter((row) => row.breach !== undefined).length, [rows]);
  const visible = useMemo(() => {
    const kept = filterRows(rows, filter);
    return sort === undefined ? defaultOrder(kept) : sortRows(kept, sort.key, sort.direction);
  }, [rows, filter, sort]);

  const change = (patch: Partial<RowFilter>) => {
    setFilter((current) => ({ ...current, ...patch }));
    setShown(pageSize);
  };
  const sortBy = (key: SortKey) =>
    setSort((current) =>
      current?.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'entity' || key === 'metric' ? 'ascending' : 'descending' },
    );

  return (
    <div className="diff">
      <search className="diff-filters">
        <label>
          <input
            type="checkbox"
            checked={filter.breachesOnly}
            onChange={(event) => change({ breachesOnly: event.target.checked })}
          />
          Only broken limits ({formatCount(breaches)})
        </label>
        <label>
          <input
            type="checkbox"
            checked={filter.changedOnly}
            onChange={(event) => change({ changedOnly: event.target.checked })}
          />
          Only what changed
        </label>
        <label htmlFor={`${ids}-kind`}>Kind</label>
        <select
          id={`${ids}-kind`}
          value={filter.kind}
          onChange={(event) => change({ kind: event.target.value })}
        >
          <option value="">all kinds</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-text`} className="visually-hidden">
          Filter by entity or metric
        </label>
        <input
          id={`${ids}-text`}
          type="search"
          placeholder="Entity or metric…"
          value={filter.text}
          onChange={(event) => change({ text: event.target.value })}
        />
        <span className="muted" role="status">
          {formatCount(visible.length)} of {formatCount(rows.length)} rows
        </span>
      </search>
      <div className="diff-scroll">
        <table className="diff-table">
          <caption className="visually-hidden">
            Each metric for the live twin and the scenario; sort by a column with its header button
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'number' : undefined}
                  aria-sort={sort?.key === column.key ? sort.direction : 'none'}
                  title={column.title}
                >
                  <button type="button" className="sort-button" onClick={() => sortBy(column.key)}>
                    {column.label}
                    <span aria-hidden="true" className="sort-mark">
                      {sort?.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.slice(0, shown).map((row) => (
              <tr key={row.key} data-key={row.key} className={row.breach ? 'breach-row' : undefined}>
                <td>
                  <EntityLink id={row.entity} />
                </td>
                <td className="mono">{row.metric}</td>
                {row.fromViolation ? (
                  <td
                    className="number muted"
                    title="the result predicts nothing else for it: only the limit it broke"
                  >
                    –
                  </td>
                ) : (
                  <td className="number" data-value={row.base ?? 'Infinity'}>
                    {formatValue(row.metric, row.base)}
                  </td>
                )}
                <td className="number" data-value={row.scenario ?? 'Infinity'}>
                  {formatValue(row.metric, row.scenario)}
                </td>
                <td className={`number${changeClass(row)}`} data-value={row.change ?? 'Infinity'}>
                  {row.fromViolation ? '–' : formatChange(row.metric, row.change)}
                </td>
                <td className={`number${changeClass(row)}`}>{formatRelative(row.relative)}</td>
                <td className={row.breach ? 'breach-text' : 'muted'}>
                  {row.breach ? `yes: ${row.breach}` : 'no'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {visible.length > shown ? (
        <button type="button" onClick={() => setShown(visible.length)}>
          Show all {formatCount(visible.length)} rows
        </button>
      ) : null}
      {visible.length === 0 ? <p className="muted">No row matches these filters.</p> : null}
    </div>
  );
}

function changeClass(row: DiffRow): string {
  if (row.fromViolation) return '';
  if (row.change === null) return row.scenario === null ? ' change-up' : '';
  return row.change > 0 ? ' change-up' : row.change < 0 ? ' change-down' : '';
}
