import { formatCount } from '../../format/format-number';
import { type HeatScale, heatMetrics, levelLabels } from './heat-scale';

/** The heat map's colours, each with the values it stands for and how many racks wear it now. */
export function HeatLegend({
  scale,
  counts,
  unknown,
}: {
  scale: HeatScale;
  /** Racks per level, level 0 first. */
  counts: readonly number[];
  /** Racks without a value to place. */
  unknown: number;
}) {
  const metric = heatMetrics.find((candidate) => candidate.id === scale.metric)?.label ?? scale.metric;
  const labels = levelLabels(scale);
  return (
    <ul className="heat-legend" aria-label={`Heat map legend: ${metric.toLowerCase()}`}>
      {labels.map((label, level) => (
        <li key={label}>
          <span className={`heat-swatch heat-${level}`} aria-hidden="true" />
          <span className="legend-label">{label}</span>{' '}
          <span className="legend-count">{formatCount(counts[level] ?? 0)}</span>
        </li>
      ))}
      {unknown > 0 && (
        <li>
          <span className="heat-swatch heat-none" aria-hidden="true" />
          <span className="legend-label">no data</span>{' '}
          <span className="legend-count">{formatCount(unknown)}</span>
        </li>
      )}
    </ul>
  );
}
