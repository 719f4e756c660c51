import type { HealthCounts, TwinSummary } from '../../contract';
import { formatCount } from '../../format/format-number';

type KindCounts = HealthCounts & { total: number };

/** Kinds in trouble first (critical, then warning), then the largest. */
function byConcern([kindA, a]: [string, KindCounts], [kindB, b]: [string, KindCounts]): number {
  return b.critical - a.critical || b.warning - a.warning || b.total - a.total || kindA.localeCompare(kindB);
}

function Count({ value, health }: { value: number; health?: string }) {
  const className = value === 0 ? 'number muted' : health ? `number health-${health}` : 'number';
  return <td className={className}>{formatCount(value)}</td>;
}

/** Counts by kind and health, as GET /api/summary gives them. */
export function KindTable({ summary }: { summary: TwinSummary }) {
  const rows = Object.entries(summary.byKind).sort(byConcern);
  return (
    <table className="kind-table">
      <caption className="visually-hidden">Entities by kind and health</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col" className="number">
            Total
          </th>
          <th scope="col" className="number">
            Critical
          </th>
          <th scope="col" className="number">
            Warning
          </th>
          <th scope="col" className="number">
            OK
          </th>
          <th scope="col" className="number">
            Unknown
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([kind, counts]) => (
          <tr key={kind}>
            <th scope="row">{kind}</th>
            <Count value={counts.total} />
            <Count value={counts.critical} health="critical" />
            <Count value={counts.warning} health="warning" />
            <Count value={counts.ok} />
            <Count value={counts.unknown} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
