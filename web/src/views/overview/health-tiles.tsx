import type { Health, TwinSummary } from '../../contract';
import { formatCount } from '../../format/format-number';

const healthOrder: readonly Health[] = ['critical', 'warning', 'ok', 'unknown'];
const healthLabels: Readonly<Record<Health, string>> = {
  critical: 'Critical',
  warning: 'Warning',
  ok: 'OK',
  unknown: 'Unknown',
};

/** The estate in numbers: how much there is, and how much of it is well. */
export function HealthTiles({ summary }: { summary: TwinSummary }) {
  return (
    <div className="health-summary">
      <dl className="tiles">
        <div className="tile">
          <dt>Entities</dt>
          <dd>{formatCount(summary.entities)}</dd>
        </div>
        <div className="tile">
          <dt>Relations</dt>
          <dd>{formatCount(summary.relations)}</dd>
        </div>
        {healthOrder.map((health) => (
          <div key={health} className={`tile tile-${health}`}>
            <dt>{healthLabels[health]}</dt>
            <dd>{formatCount(summary.byHealth[health])}</dd>
          </div>
        ))}
      </dl>
      <HealthBar summary={summary} />
    </div>
  );
}

/** The same counts as one bar, for the eye; the tiles carry the numbers. */
function HealthBar({ summary }: { summary: TwinSummary }) {
  const total = Math.max(1, summary.entities);
  return (
    <div className="health-bar" aria-hidden="true">
      {healthOrder.map((health) => (
        <span
          key={health}
          className={`health-bar-${health}`}
          style={{ width: `${(100 * summary.byHealth[health]) / total}%` }}
        />
      ))}
    </div>
  );
}
