import type { ScenarioResult, ScenarioViolation } from '../../contract';

/**
 * The comparison of a scenario with the live twin, row by row: each entity's metric as the model
 * puts it for the base (today's traffic) and for the scenario (its worst moment). Pure: sorting
 * and filtering are tested without a browser.
 */
export interface DiffRow {
  /** `entity metric`, unique in a result. */
  key: string;
  entity: string;
  kind: string;
  metric: string;
  /** null: infinite (a saturated queue) or absent. */
  base: number | null;
  scenario: number | null;
  change: number | null;
  /** change ÷ |base|; null where the base is 0 or either side is infinite. */
  relative: number | null;
  /** The limit this metric broke in the scenario, in words; undefined when it held. */
  breach: string | undefined;
  /**
   * A broken limit whose entity or metric the result's predictions leave out (they list only the
   * hosts and links that changed): its scenario value is the violation's figure, no live value.
   */
  fromViolation?: true;
}

/** The metrics a violation of this kind is about, for the entity it names. */
export function violationMetrics(violation: Pick<ScenarioViolation, 'kind' | 'entity'>): string[] {
  switch (violation.kind) {
    case 'latency':
      return ['latency_p99_seconds'];
    case 'saturated':
      return ['replica_cpu_utilization', 'latency_p99_seconds'];
    case 'down':
      return ['replicas'];
    case 'utilization':
      return ['replica_cpu_utilization', 'cpu_utilization', 'utilization'];
    case 'memory':
      return ['memory_utilization'];
    case 'disk':
      return ['disk_used_ratio'];
    case 'network':
      return ['network_receive_bytes_per_second', 'network_transmit_bytes_per_second'];
    case 'inlet':
      return ['inlet_temperature_celsius'];
    case 'power':
      return ['load_ratio', 'power_watts'];
  }
}

/** The metric a violation's figure is in, for a row of its own. */
export function violationMetric(violation: Pick<ScenarioViolation, 'kind' | 'entity'>): string {
  switch (violation.kind) {
    case 'utilization':
      if (violation.entity.startsWith('host:')) return 'cpu_utilization';
      return violation.entity.startsWith('link:') ? 'utilization' : 'replica_cpu_utilization';
    case 'saturated':
      return 'offered_load_ratio';
    case 'network':
      return 'uplink_utilization';
    default:
      return violationMetrics(violation)[0] as string;
  }
}

/**
 * Every metric of every entity of the result, with the limit it broke if it did; a broken limit
 * the predictions leave out gets a row of its own, so filtering to broken limits shows them all.
 */
export function diffRows(result: Pick<ScenarioResult, 'entities' | 'violations'>): DiffRow[] {
  const breachOf = new Map<string, ScenarioViolation>();
  for (const violation of result.violations) {
    for (const metric of violationMetrics(violation)) {
      const key = `${violation.entity} ${metric}`;
      if (!breachOf.has(key)) breachOf.set(key, violation);
    }
  }
  const breaches = new Map([...breachOf].map(([key, violation]) => [key, violation.message]));
  const matched = new Set<ScenarioViolation>();
  const rows: DiffRow[] = [];
  for (const entity of result.entities) {
    for (const [metric, comparison] of Object.entries(entity.metrics)) {
      const key = `${entity.id} ${metric}`;
      const violation = breachOf.get(key);
      if (violation !== undefined) matched.add(violation);
      rows.push({
        key,
        entity: entity.id,
        kind: entity.kind,
        metric,
        base: comparison.base,
        scenario: comparison.scenario,
        change: comparison.change,
        relative: relativeChange(comparison.base, comparison.scenario),
        breach: breaches.get(key),
      });
    }
  }
  const keys = new Set(rows.map((row) => row.key));
  for (const violation of result.violations) {
    if (matched.has(violation)) continue;
    const metric = violationMetric(violation);
    const key = `${violation.entity} ${metric}`;
    if (keys.has(key)) continue;
    keys.add(key);
    rows.push({
      key,
      entity: violation.entity,
      kind: violation.entity.split(':')[0] ?? '',
      metric,
      base: null,
      scenario: Number.isFinite(violation.value) ? violation.value : null,
      change: null,
      relative: null,
      breach: violation.message,
      fromViolation: true,
    });
  }
  return rows;
}

export function relativeChange(base: number | null, scenario: number | null): number | null {
  if (base === null || scenario === null || base === 0) return null;
  return (scenario - base) / Math.abs(base);
}

export type SortKey = 'entity' | 'metric' | 'base' | 'scenario' | 'change' | 'relative' | 'breach';
export type SortDirection = 'ascending' | 'descending';

export interface RowFilter {
  breachesOnly: boolean;
  changedOnly: boolean;
  /** '' for every kind. */
  kind: string;
  /** Part of the entity id or the metric name; '' for all. */
  text: string;
}

export const noFilter: RowFilter = { breachesOnly: false, changedOnly: false, kind: '', text: '' };

/** Whether a row changed at all: a metric that went infinite or came back counts. */
export function rowChanged(row: DiffRow): boolean {
  if (row.base === null || row.scenario === null) return row.base !== row.scenario;
  return row.change !== 0;
}

export function filterRows(rows: readonly DiffRow[], filter: RowFilter): DiffRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!filter.breachesOnly || row.breach !== undefined) &&
      (!filter.changedOnly || rowChanged(row) || row.breach !== undefined) &&
      (filter.kind === '' || row.kind === filter.kind) &&
      (text === '' || row.entity.toLowerCase().includes(text) || row.metric.toLowerCase().includes(text)),
  );
}

/**
 * A number to sort by: null (infinite) above every finite value. For `change` and `relative`
 * the size of the change counts, whichever way it went.
 */
function sortValue(row: DiffRow, key: 'base' | 'scenario' | 'change' | 'relative'): number {
  const value = row[key];
  if (value === null) {
    // An infinite scenario is the largest change; an infinite base that came back, the largest drop.
    if (key === 'base') return row.fromViolation ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    if (key === 'scenario') return Number.POSITIVE_INFINITY;
    return rowChanged(row) ? Number.POSITIVE_INFINITY : 0;
  }
  return key === 'change' || key === 'relative' ? Math.abs(value) : value;
}

function compare(a: DiffRow, b: DiffRow, key: SortKey): number {
  switch (key) {
    case 'entity':
      return a.entity.localeCompare(b.entity) || a.metric.localeCompare(b.metric);
    case 'metric':
      return a.metric.localeCompare(b.metric) || a.entity.localeCompare(b.entity);
    case 'breach':
      return Number(a.breach !== undefined) - Number(b.breach !== undefined);
    default: {
      const difference = sortValue(a, key) - sortValue(b, key);
      return Number.isNaN(difference) ? 0 : Math.sign(difference);
    }
  }
}

/**
 * Sorted by one column; ties keep a fixed order (entity, then metric), so the same rows always
 * come out in the same order whichever order they came in.
 */
export function sortRows(rows: readonly DiffRow[], key: SortKey, direction: SortDirection): DiffRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b, key) || a.key.localeCompare(b.key));
}

/** The order a result first shows: broken limits first, then the largest relative changes. */
export function defaultOrder(rows: readonly DiffRow[]): DiffRow[] {
  return [...rows].sort(
    (a, b) =>
      compare(b, a, 'breach') ||
      Math.sign(sortValue(b, 'relative') - sortValue(a, 'relative')) ||
      Math.sign(sortValue(b, 'change') - sortValue(a, 'change')) ||
      a.key.localeCompare(b.key),
  );
}

/** The unit of a metric of the scenario result, as formatMetric reads it. */
export function metricUnit(metric: string): string | undefined {
  if (metric.endsWith('_seconds')) return 's';
  if (metric.endsWith('bytes_per_second')) return 'bytes/s';
  if (metric.endsWith('_per_second')) return '/s';
  if (metric.endsWith('_celsius')) return 'celsius';
  if (metric.endsWith('_watts')) return 'watts';
  if (metric.endsWith('utilization') || metric.endsWith('_ratio')) return 'ratio';
  return undefined;
}

/** Per service: p99 latency for the base and the scenario (null: infinite), for the bar chart. */
export interface LatencyBar {
  service: string;
  base: number | null;
  scenario: number | null;
  breach: string | undefined;
}

export function latencyBars(result: Pick<ScenarioResult, 'entities' | 'violations'>): LatencyBar[] {
  const breaches = new Map(
    result.violations
      .filter((violation) => violation.kind === 'latency' || violation.kind === 'saturated')
      .map((violation) => [violation.entity, violation.message]),
  );
  return result.entities.flatMap((entity) => {
    const p99 = entity.metrics.latency_p99_seconds;
    return p99 === undefined
      ? []
      : [{ service: entity.id, base: p99.base, scenario: p99.scenario, breach: breaches.get(entity.id) }];
  });
}

/** How many hosts fall in each tenth of CPU utilisation, base and scenario; stopped hosts apart. */
export interface UtilisationBucket {
  label: string;
  base: number;
  scenario: number;
}

export function utilisationBuckets(result: Pick<ScenarioResult, 'entities'>): UtilisationBucket[] {
  const buckets: UtilisationBucket[] = [
    { label: 'off', base: 0, scenario: 0 },
    ...Array.from({ length: 10 }, (_, index) => ({
      label: index === 9 ? '90 %+' : `${index * 10}–${index * 10 + 10} %`,
      base: 0,
      scenario: 0,
    })),
  ];
  const bucketOf = (utilisation: number | null, watts: number | null | undefined) => {
    if (watts === 0) return buckets[0] as UtilisationBucket;
    const value = utilisation ?? Number.POSITIVE_INFINITY;
    return buckets[1 + Math.min(9, Math.max(0, Math.floor(value * 10)))] as UtilisationBucket;
  };
  for (const entity of result.entities) {
    if (entity.kind !== 'host') continue;
    const cpu = entity.metrics.cpu_utilization;
    if (cpu === undefined) continue;
    const power = entity.metrics.power_watts;
    bucketOf(cpu.base, power?.base).base++;
    bucketOf(cpu.scenario, power?.scenario).scenario++;
  }
  return buckets;
}

/** "×1.55": the headroom as the view shows it, the same figure everywhere. */
export function formatMultiplier(multiplier: number): string {
  return `×${multiplier.toFixed(2)}`;
}
