import type { Health } from '../../contract';
import { formatCount } from '../../format/format-number';

const order: readonly Health[] = ['critical', 'warning', 'ok', 'unknown'];

/** The colours of the graph, with how many nodes wear each now. */
export function HealthLegend({ counts }: { counts: Readonly<Record<Health, number>> }) {
  return (
    <ul className="health-legend" aria-label="Nodes by health">
      {order.map((health) => (
        <li key={health}>
          <span className={`swatch swatch-${health}`} aria-hidden="true" />
          <span className="legend-label">{health}</span>{' '}
          <span className="legend-count">{formatCount(counts[health])}</span>
        </li>
      ))}
    </ul>
  );
}

export function countByHealth(health: Iterable<Health>): Record<Health, number> {
  const counts: Record<Health, number> = { critical: 0, warning: 0, ok: 0, unknown: 0 };
  for (const value of health) counts[value]++;
  return counts;
}
