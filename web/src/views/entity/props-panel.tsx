import { TimeAgo } from '../../components/time-ago';
import type { Entity } from '../../contract';
import { formatMetric } from '../../format/format-metric';
import type { KindCatalog } from '../../hooks/use-kind-catalog';

/** A prop's value for reading: numbers in the unit the kind gives them (384 GiB), the rest as written. */
function propText(value: unknown, unit: string | undefined): string {
  if (typeof value === 'number' && unit !== undefined) return formatMetric(value, unit);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Static configuration and labels as declared, with where they came from. */
export function PropsPanel({ entity, catalog }: { entity: Entity; catalog: KindCatalog | undefined }) {
  const propSpecs = catalog?.get(entity.kind)?.props;
  const props = Object.entries(entity.props).sort(([a], [b]) => a.localeCompare(b));
  const labels = Object.entries(entity.labels).sort(([a], [b]) => a.localeCompare(b));
  const { provenance } = entity;
  return (
    <>
      {props.length === 0 ? (
        <p className="muted">No props.</p>
      ) : (
        <dl className="prop-list">
          {props.map(([name, value]) => (
            <div key={name}>
              <dt title={propSpecs?.[name]?.description}>{name}</dt>
              <dd title={typeof value === 'number' ? String(value) : undefined}>
                {propText(value, propSpecs?.[name]?.unit)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3>Labels</h3>
      {labels.length === 0 ? (
        <p className="muted">No labels.</p>
      ) : (
        <ul className="label-list" aria-label="Labels">
          {labels.map(([name, value]) => (
            <li key={name} className="label-chip">
              {name}={value}
            </li>
          ))}
        </ul>
      )}
      <p className="muted provenance">
        {provenance.origin} by <span className="mono">{provenance.source}</span>, change set{' '}
        {provenance.changeSet}, <TimeAgo ms={provenance.at} />
      </p>
    </>
  );
}
