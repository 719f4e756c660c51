import { formatMetric } from '../../format/format-metric';
import { formatNumber } from '../../format/format-number';
import { metricUnit } from './scenario-diff';

/** A metric of the result in its unit; null is infinite (a saturated queue). */
export function formatValue(metric: string, value: number | null): string {
  if (value === null) return '∞';
  if (metric === 'replicas') return formatNumber(value);
  return formatMetric(value, metricUnit(metric));
}

/** A change with its sign: "+6.42 ms", "−187 W", "±0", "∞" when it went infinite. */
export function formatChange(metric: string, change: number | null): string {
  if (change === null) return '∞';
  if (change === 0) return '±0';
  const magnitude = formatValue(metric, Math.abs(change));
  // A ratio's change is in percentage points.
  const text = metricUnit(metric) === 'ratio' ? magnitude.replace(/ %$/, ' pp') : magnitude;
  return `${change > 0 ? '+' : '−'}${text}`;
}

/** "+50 %", "−100 %", "–" where the base was 0 or infinite. */
export function formatRelative(relative: number | null): string {
  if (relative === null) return '–';
  if (relative === 0) return '±0 %';
  return `${relative > 0 ? '+' : '−'}${formatNumber(Math.abs(relative) * 100)} %`;
}

/** Seconds after the start as the chain reads: "t+0s", "t+4m36s", "t+1h". */
export function formatOffset(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const parts = [
    hours ? `${hours}h` : '',
    minutes ? `${minutes}m` : '',
    rest || whole === 0 ? `${rest}s` : '',
  ];
  return `t+${parts.join('')}`;
}
