import { type KeyboardEvent, useRef } from 'react';
import { TimeAgoAt } from '../../components/time-ago';
import type { Alert } from '../../contract';
import { formatCount } from '../../format/format-number';
import { formatDateTime } from '../../format/format-time';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../routing/link';
import { entityPath } from '../../routing/route';
import { formatExpected, formatPercent } from './alert-format';

/**
 * The alerts as a table, one row each. A row is selected by a click or by its summary button;
 * the arrow keys move the selection (one row at a time is in the Tab order, so Tab leaves the
 * table for the details).
 */
export function AlertTable({
  alerts,
  selectedId,
  onSelect,
}: {
  alerts: readonly Alert[];
  selectedId: string | undefined;
  onSelect(id: string | undefined): void;
}) {
  const now = useNow(5_000);
  const body = useRef<HTMLTableSectionElement>(null);
  const selectedIndex = alerts.findIndex((alert) => alert.id === selectedId);
  const tabStop = Math.max(selectedIndex, 0);

  const move = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const buttons = [...(body.current?.querySelectorAll<HTMLButtonElement>('button.alert-select') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = Math.min(buttons.length - 1, at + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else if (event.key === 'Escape' && selectedId !== undefined) {
      event.preventDefault();
      onSelect(undefined);
      return;
    }
    if (next === undefined || at < 0) return;
    event.preventDefault();
    const alert = alerts[next];
    if (alert === undefined) return;
    buttons[next]?.focus();
    onSelect(alert.id);
  };

  return (
    <table className="alert-table">
      <caption className="visually-hidden">
        Alerts and predictions, most severe first. Arrow keys move between rows; Escape closes the details.
      </caption>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Alert</th>
          <th scope="col">Entity</th>
          <th scope="col">Expected</th>
          <th scope="col" className="number">
            Confidence
          </th>
          <th scope="col">Status</th>
          <th scope="col">Seen</th>
          <th scope="col" className="number">
            Times
          </th>
        </tr>
      </thead>
      <tbody ref={body} onKeyDown={move}>
        {alerts.map((alert, index) => {
          const selected = alert.id === selectedId;
          const expected = formatExpected(alert, now);
          const tabIndex = index === tabStop ? 0 : -1;
          return (
            <tr
              key={alert.id}
              data-alert-id={alert.id}
              className={selected ? 'alert-row selected' : 'alert-row'}
              // A click anywhere on the row selects it, as its summary button does for the keyboard.
              onClick={(event) => {
                if (!(event.target as HTMLElement).closest('a')) onSelect(alert.id);
              }}
            >
              <td>
                <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
              </td>
              <td className="alert-summary-cell">
                <button
                  type="button"
                  className="alert-select"
                  tabIndex={tabIndex}
                  aria-pressed={selected}
                  title={alert.summary}
                  onClick={() => onSelect(alert.id)}
                >
                  {alert.summary}
                </button>
                <span className="alert-kind muted">
                  {alert.kind} · {alert.source} · {alert.id}
                </span>
              </td>
              <td className="alert-entity-cell">
                <Link to={entityPath(alert.entityId)} className="entity-link" tabIndex={tabIndex}>
                  {alert.entityId}
                </Link>
              </td>
              <td className="alert-expected-cell">
                {expected ? (
                  <>
                    <span title={alert.expectedAtMs ? formatDateTime(alert.expectedAtMs) : undefined}>
                      {expected.when}
                    </span>
                    {expected.range && <span className="muted alert-range">{expected.range}</span>}
                  </>
                ) : (
                  <span className="muted">now</span>
                )}
              </td>
              <td className="number">{formatPercent(alert.confidence)}</td>
              <td>
                <span className={`alert-status alert-status-${alert.status}`}>{alert.status}</span>
              </td>
              <td className="alert-seen-cell">
                <span>
                  first <TimeAgoAt ms={alert.firstSeenMs} now={now} />
                </span>
                <span className="muted">
                  last <TimeAgoAt ms={alert.lastSeenMs} now={now} />
                </span>
              </td>
              <td className="number">{formatCount(alert.occurrences)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
