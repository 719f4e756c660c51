import { isIdentityLabel } from './identity-rules.js';

/**
 * A series' name within its entity: the metric name and the labels that say what is measured
 * (not who sent it), in Prometheus's notation: `node_cpu_seconds_total{cpu="0",mode="idle"}`.
 */
export function seriesName(
  name: string,
  labels: Record<string, string>,
  alsoIgnore: readonly string[] = [],
): string {
  const keys = Object.keys(labels)
    .filter((key) => !alsoIgnore.includes(key) && !isIdentityLabel(key))
    .sort();
  if (keys.length === 0) return name;
  return `${name}{${keys.map((key) => `${key}="${escapeLabelValue(labels[key] as string)}"`).join(',')}}`;
}

/** The state metric a counter series shows: its per-second rate, named as a recording rule would. */
export function rateName(series: string): string {
  const brace = series.indexOf('{');
  return brace < 0 ? `${series}:rate` : `${series.slice(0, brace)}:rate${series.slice(brace)}`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}
