import { type HeatMetric, heatMetrics } from './heat-scale';

/** Which metric the floor plan's heat map shows. */
export function MetricPicker({ value, onChange }: { value: HeatMetric; onChange(metric: HeatMetric): void }) {
  return (
    <fieldset className="dc-metric-picker">
      <legend className="visually-hidden">Heat map of</legend>
      {heatMetrics.map((metric) => (
        <label key={metric.id}>
          <input
            type="radio"
            name="datacenter-heat-metric"
            value={metric.id}
            checked={metric.id === value}
            onChange={() => onChange(metric.id)}
          />
          {metric.label}
        </label>
      ))}
    </fieldset>
  );
}
