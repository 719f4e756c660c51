import type { Violation } from './estate-evaluator.js';
import type { ChainStep } from './scenario-timeline.js';

/** The words of a broken limit, for the chain, the violations and the CLI. */
export function describeViolation(violation: Violation): string {
  const value = Number.isFinite(violation.value) ? violation.value : Number.POSITIVE_INFINITY;
  switch (violation.kind) {
    case 'latency':
      return `p99 ${(value * 1000).toFixed(0)} ms > SLO ${(violation.limit * 1000).toFixed(0)} ms`;
    case 'saturated':
      return `saturated: offered load ${(value * 100).toFixed(0)} % of capacity`;
    case 'down':
      return 'down: no working replica or a required callee is down';
    case 'utilization':
      return `${violation.entity.startsWith('link:') ? 'traffic' : 'CPU'} ${(value * 100).toFixed(0)} % > ${(violation.limit * 100).toFixed(0)} %`;
    case 'memory':
      return `memory ${(value * 100).toFixed(0)} % > ${(violation.limit * 100).toFixed(0)} %`;
    case 'disk':
      return `disk ${(value * 100).toFixed(0)} % full > ${(violation.limit * 100).toFixed(0)} %`;
    case 'network':
      return `uplinks ${(value * 100).toFixed(0)} % busy > ${(violation.limit * 100).toFixed(0)} %`;
    case 'inlet':
      return `inlet ${value.toFixed(1)} °C > ${violation.limit} °C`;
    case 'power':
      return `load ${(value * 100).toFixed(0)} % of its rating > ${(violation.limit * 100).toFixed(0)} %`;
  }
}

/** One line for a group: `10 hosts throttled to 70 %`, `3 replicas lost: search ×2, cart`. */
export function describeGroup(
  event: ChainStep['event'],
  items: readonly string[],
  limits: { throttleFactor: number },
): string {
  const hosts = `${items.length} host${items.length === 1 ? '' : 's'}`;
  switch (event) {
    case 'throttled':
      return `${hosts} past the throttle limit run at ${Math.round(limits.throttleFactor * 100)} % speed`;
    case 'shut-down':
      return `${hosts} past the shutdown limit stopped`;
    case 'power-lost':
      return `${hosts} lost every power supply`;
    case 'replica-lost':
      return `${items.length} replica${items.length === 1 ? '' : 's'} lost: ${countNames(items)}`;
    case 'failed-over':
      return `${items.length} replica${items.length === 1 ? '' : 's'} restarted on ${countNames(items)}`;
    default:
      return items.join(', ');
  }
}

function countNames(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const listed = [...counts].slice(0, 6).map(([name, count]) => (count > 1 ? `${name} ×${count}` : name));
  return counts.size > 6 ? `${listed.join(', ')} and ${counts.size - 6} more` : listed.join(', ');
}
