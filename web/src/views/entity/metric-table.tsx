import { TimeAgo } from '../../components/time-ago';
import type { Entity, Thresholds } from '../../contract';
import { formatMetric } from '../../format/format-metric';
import { type KindCatalog, metricSpec } from '../../hooks/use-kind-catalog';

/** The latest value of every metric, live, with the limits that decide health. */
export function MetricTable({ entity, catalog }: { entity: Entity; catalog: KindCatalog | undefined }) {
  const metrics = Object.entries(entity.state.metrics).sort(([a], [b]) => a.localeCompare(b));
  if (metrics.length === 0) return <p className="muted">No metrics: nothing reports on this entity.</p>;
  const reasons = new Map(entity.state.reasons.map((reason) => [reason.metric, reason.level]));
  return (
    <table className="metric-table">
      <caption className="visually-hidden">Latest metric values</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="number">
            Value
          </th>
          <th scope="col">Warning / critical</th>
          <th scope="col">Updated</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map(([name, value]) => {
          const spec = metricSpec(catalog, entity.kind, name);
          const level = reasons.get(name);
          return (
            <tr key={name}>
              <th scope="row" className="mono" title={spec?.description}>
                {name}
              </th>
              <td className={level ? `number health-${level}` : 'number'} data-metric={name}>
                {formatMetric(value.value, spec?.unit)}
              </td>
              <td className="muted">{spec?.thresholds ? limits(spec.thresholds, spec.unit) : '—'}</td>
              <td className="muted">
                <TimeAgo ms={value.ts} />
              </td>
              <td className="muted">
                {value.origin} · {value.source}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function limits(thresholds: Thresholds, unit: string): string {
  const sign = thresholds.direction === 'below' ? '<' : '>';
  return `${sign} ${formatMetric(thresholds.warning, unit)} / ${sign} ${formatMetric(thresholds.critical, unit)}`;
}
