import { ApiError } from '../../api/api-error';
import { LoadStatus } from '../../components/load-status';
import type { KindAccuracy } from '../../contract';
import { formatCount } from '../../format/format-number';
import { formatDuration, formatPercent } from './alert-format';

/** Kinds with judged predictions first, then the most raised. */
function byEvidence(a: KindAccuracy, b: KindAccuracy): number {
  return b.scored - a.scored || b.alerts - a.alerts || a.kind.localeCompare(b.kind);
}

/**
 * How far to trust each kind of prediction (issue 4 §6): how many were judged, how many came
 * true (the hit rate: hits / (hits + misses)), and how far off in time they were.
 */
export function AccuracyTable({
  items,
  error,
}: {
  items: KindAccuracy[] | undefined;
  error: Error | undefined;
}) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <p className="muted">This server does not score predictions (it runs without the prediction loop).</p>
    );
  }
  if (items === undefined) return <LoadStatus error={error} what="the accuracy" />;
  if (items.length === 0) return <p className="muted">No predictions yet.</p>;
  const rows = [...items].sort(byEvidence);
  const duration = (ms: number | undefined) => (ms === undefined ? '—' : formatDuration(ms));
  return (
    <table className="accuracy-table">
      <caption className="visually-hidden">Accuracy of the twin's predictions per kind</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col" className="number">
            Alerts
          </th>
          <th scope="col" className="number">
            Judged
          </th>
          <th scope="col" className="number">
            Hits
          </th>
          <th scope="col" className="number">
            Misses
          </th>
          <th scope="col" className="number" title="acted on before their time came">
            Averted
          </th>
          <th scope="col" className="number" title="hits / (hits + misses)">
            Hit rate
          </th>
          <th scope="col" className="number" title="median of |actual − expected time|">
            Time error
          </th>
          <th scope="col" className="number" title="median time from the alert to the event">
            Lead time
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.kind} data-kind={row.kind}>
            <th scope="row">{row.kind}</th>
            <td className="number">{formatCount(row.alerts)}</td>
            <td className="number">{formatCount(row.scored)}</td>
            <td className="number">{formatCount(row.hits)}</td>
            <td className="number">{formatCount(row.misses)}</td>
            <td className="number">{formatCount(row.averted)}</td>
            <td className="number">
              {row.precision === undefined ? '—' : formatPercent(row.precision)}
              {row.precision !== undefined && (
                <span className="accuracy-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(row.precision * 100)}%` }} />
                </span>
              )}
            </td>
            <td className="number">{duration(row.medianAbsTimeErrorMs)}</td>
            <td className="number">{duration(row.medianLeadTimeMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
