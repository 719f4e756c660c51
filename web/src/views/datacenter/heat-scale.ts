import type { Entity, Thresholds } from '../../contract';
import { formatMetric } from '../../format/format-metric';
import { formatNumber } from '../../format/format-number';

/** What the floor plan's heat map shows. */
export type HeatMetric = 'inlet' | 'power';

export const heatMetrics: readonly { id: HeatMetric; label: string }[] = [
  { id: 'inlet', label: 'Inlet temperature' },
  { id: 'power', label: 'Power' },
];

/** The rack metrics the floor plan reads. */
export const inletMetric = 'inlet_temperature_celsius';
export const powerMetric = 'power_watts';

/** How many colours the heat map has: levels 0 (coolest, least loaded) to levelCount - 1. */
export const levelCount = 6;

/**
 * A heat scale: `bounds` are the levelCount - 1 ascending values where the next level starts
 * (a value equal to a bound is in the upper level).
 */
export interface HeatScale {
  metric: HeatMetric;
  bounds: readonly number[];
}

/** ASHRAE A1, as the kind catalog declares it for racks; used until the catalog has loaded. */
const defaultInletLimits = { warning: 27, critical: 32 };

/**
 * Inlet temperature: three steps of 3 °C below the warning limit, then warning, then critical
 * (18, 21, 24, 27, 32 °C with the catalog's limits), so the two hottest colours mean what the
 * rack's health means.
 */
export function inletScale(thresholds: Thresholds | undefined): HeatScale {
  const warning = thresholds?.warning ?? defaultInletLimits.warning;
  const critical = thresholds?.critical ?? defaultInletLimits.critical;
  const step = 3;
  return {
    metric: 'inlet',
    bounds: [warning - 3 * step, warning - 2 * step, warning - step, warning, critical],
  };
}

/** Power as a share of the rack's budget: 20 % steps, the last level over budget. */
export const powerScale: HeatScale = { metric: 'power', bounds: [0.2, 0.4, 0.6, 0.8, 1] };

/** The level of a value on a scale; undefined when there is no value to place. */
export function heatLevel(value: number | undefined, scale: HeatScale): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  let level = 0;
  for (const bound of scale.bounds) if (value >= bound) level++;
  return level;
}

/** The range of values of each level, in words: "< 18 °C", "18–21 °C", "≥ 32 °C". */
export function levelLabels(scale: HeatScale): string[] {
  const show = (value: number) =>
    scale.metric === 'inlet' ? formatNumber(value) : formatNumber(value * 100);
  const unit = scale.metric === 'inlet' ? ' °C' : ' %';
  const labels: string[] = [];
  for (let level = 0; level <= scale.bounds.length; level++) {
    const lower = scale.bounds[level - 1];
    const upper = scale.bounds[level];
    if (lower === undefined && upper !== undefined) labels.push(`< ${show(upper)}${unit}`);
    else if (upper === undefined && lower !== undefined) labels.push(`≥ ${show(lower)}${unit}`);
    else if (lower !== undefined && upper !== undefined) labels.push(`${show(lower)}–${show(upper)}${unit}`);
  }
  return labels;
}

/** A rack's reading for the heat map: the value placed on the scale and how it is written. */
export interface RackReading {
  /** °C for inlet; a share of the budget (0.53) for power; undefined when unknown. */
  value: number | undefined;
  /** Short, for the cell: "24.3 °C", "53 %". */
  short: string;
  /** Whole, for hover and screen readers: "power 3.2 kW of a 6 kW budget (53 %)". */
  long: string;
}

export function rackReading(rack: Entity, metric: HeatMetric): RackReading {
  if (metric === 'inlet') {
    const inlet = rack.state.metrics[inletMetric]?.value;
    if (inlet === undefined)
      return { value: undefined, short: 'no data', long: 'inlet temperature not reported' };
    const text = formatMetric(inlet, 'celsius');
    return { value: inlet, short: text, long: `inlet temperature ${text}` };
  }
  const watts = rack.state.metrics[powerMetric]?.value;
  const budget = powerBudget(rack);
  if (watts === undefined) return { value: undefined, short: 'no data', long: 'power not reported' };
  const drawn = formatMetric(watts, 'watts');
  if (budget === undefined)
    return { value: undefined, short: drawn, long: `power ${drawn} (no power budget)` };
  const share = watts / budget;
  const percent = `${formatNumber(share * 100, 2)} %`;
  return {
    value: share,
    short: percent,
    long: `power ${drawn} of a ${formatMetric(budget, 'watts')} budget (${percent})`,
  };
}

/** The rack's `powerBudgetWatts` when it is a positive number. */
export function powerBudget(rack: Entity): number | undefined {
  const budget = rack.props.powerBudgetWatts;
  return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : undefined;
}
