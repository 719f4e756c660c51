import type { UtilisationBucket } from './scenario-diff';

const width = 640;
const height = 190;
const left = 30;
const bottom = 36;
const top = 10;

/** How many hosts sit in each tenth of CPU utilisation, live twin and scenario side by side (SVG). */
export function UtilisationChart({ buckets }: { buckets: UtilisationBucket[] }) {
  const hosts = buckets.reduce((sum, bucket) => sum + bucket.base, 0);
  if (hosts === 0) return <p className="muted">The scenario changed no host.</p>;
  const largest = Math.max(1, ...buckets.flatMap((bucket) => [bucket.base, bucket.scenario]));
  const slot = (width - left) / buckets.length;
  const bar = Math.min(22, (slot - 8) / 2);
  const plot = height - top - bottom;
  const barHeight = (count: number) => (count / largest) * plot;
  const description = buckets
    .filter((bucket) => bucket.base > 0 || bucket.scenario > 0)
    .map((bucket) => `${bucket.label}: ${bucket.base} live, ${bucket.scenario} in the scenario`)
    .join('; ');
  return (
    <figure className="svg-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Hosts by CPU utilisation, of the ${hosts} hosts the scenario changed: ${description}`}
      >
        <line x1={left} x2={width} y1={top + plot} y2={top + plot} className="chart-axis" />
        <text x={left - 6} y={top + 8} textAnchor="end" className="chart-value">
          {largest}
        </text>
        <text x={left - 6} y={top + plot} textAnchor="end" className="chart-value">
          0
        </text>
        {buckets.map((bucket, index) => {
          const x = left + index * slot + (slot - 2 * bar) / 2;
          return (
            <g key={bucket.label}>
              <rect
                x={x}
                y={top + plot - barHeight(bucket.base)}
                width={bar}
                height={barHeight(bucket.base)}
                className="bar-base"
              >
                <title>{`${bucket.label}: ${bucket.base} hosts live`}</title>
              </rect>
              <rect
                x={x + bar}
                y={top + plot - barHeight(bucket.scenario)}
                width={bar}
                height={barHeight(bucket.scenario)}
                className={index >= 10 ? 'bar-breach' : 'bar-scenario'}
              >
                <title>{`${bucket.label}: ${bucket.scenario} hosts in the scenario`}</title>
              </rect>
              <text
                x={left + index * slot + slot / 2}
                y={height - 18}
                textAnchor="middle"
                className="chart-label small"
              >
                {bucket.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="chart-legend">
          <span className="key key-base" /> live twin <span className="key key-scenario" /> scenario
        </span>
        <span className="muted chart-note">
          The {hosts} hosts the scenario changed, by CPU utilisation; “off”: stopped or failed.
        </span>
      </figcaption>
    </figure>
  );
}
