/**
 * Source metrics that mean one of the twin's catalog metrics, so health thresholds apply to them:
 * Telegraf's and OpenTelemetry's host metrics. The raw series is kept as well.
 */
export interface WellKnownMetric {
  name: string;
  labels?: Record<string, string>;
  metric: string;
  scale: (value: number) => number;
}

export const wellKnownMetrics: readonly WellKnownMetric[] = [
  {
    name: 'cpu_usage_idle',
    labels: { cpu: 'cpu-total' },
    metric: 'cpu_utilization',
    scale: (v) => 1 - v / 100,
  },
  { name: 'mem_used_percent', metric: 'memory_utilization', scale: (v) => v / 100 },
  {
    name: 'system.memory.utilization',
    labels: { state: 'used' },
    metric: 'memory_utilization',
    scale: (v) => v,
  },
  {
    name: 'system_memory_utilization',
    labels: { state: 'used' },
    metric: 'memory_utilization',
    scale: (v) => v,
  },
];

export function wellKnownMetric(name: string, labels: Record<string, string>): WellKnownMetric | undefined {
  for (const known of wellKnownMetrics) {
    if (known.name !== name) continue;
    if (known.labels && !Object.entries(known.labels).every(([key, value]) => labels[key] === value))
      continue;
    return known;
  }
  return undefined;
}
