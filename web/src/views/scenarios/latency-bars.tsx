import { formatMetric } from '../../format/format-metric';
import type { LatencyBar } from './scenario-diff';

const rowHeight = 34;
const labelWidth = 190;
const valueWidth = 80;
const width = 640;

/**
 * p99 latency per service, the live twin's bar above the scenario's (SVG, scaled to the largest
 * finite value; an infinite one, a saturated queue, fills the row and says so).
 */
export function LatencyBars({ bars }: { bars: LatencyBar[] }) {
  if (bars.length === 0) return <p className="muted">The result has no service latencies.</p>;
  const finite = bars
    .flatMap((bar) => [bar.base, bar.scenario])
    .filter((value): value is number => value !== null);
  const largest = Math.max(1e-9, ...finite);
  const plot = width - labelWidth - valueWidth;
  const length = (value: number | null) => (value === null ? plot : Math.max(1, (value / largest) * plot));
  const height = bars.length * rowHeight + 8;
  const description = bars
    .map(
      (bar) =>
        `${bar.service}: ${text(bar.base)} live, ${text(bar.scenario)} in the scenario${bar.breach ? ` (${bar.breach})` : ''}`,
    )
    .join('; ');
  return (
    <figure className="svg-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`p99 latency per service: ${description}`}
      >
        {bars.map((bar, index) => {
          const y = 4 + index * rowHeight;
          return (
            <g key={bar.service}>
              <text x={labelWidth - 8} y={y + 18} textAnchor="end" className="chart-label">
                {bar.service.replace(/^service:/, '')}
              </text>
              <rect x={labelWidth} y={y + 3} width={length(bar.base)} height={11} className="bar-base" />
              <rect
                x={labelWidth}
                y={y + 16}
                width={length(bar.scenario)}
                height={11}
                className={bar.breach ? 'bar-breach' : 'bar-scenario'}
              />
              <text x={width - valueWidth + 6} y={y + 12} className="chart-value">
                {text(bar.base)}
              </text>
              <text
                x={width - valueWidth + 6}
                y={y + 26}
                className={bar.breach ? 'chart-value breach-fill' : 'chart-value'}
              >
                {text(bar.scenario)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span className="key key-base" /> live twin <span className="key key-scenario" /> scenario{' '}
        <span className="key key-breach" /> limit broken
      </figcaption>
    </figure>
  );
}

function text(value: number | null): string {
  return value === null ? '∞ saturated' : formatMetric(value, 's');
}
