import { type HistoryRange, historyRanges } from './history-range';

/** Which stretch of history the charts show. */
export function RangePicker({
  value,
  onChange,
}: {
  value: HistoryRange;
  onChange(range: HistoryRange): void;
}) {
  return (
    <fieldset className="range-picker">
      <legend className="visually-hidden">History range</legend>
      {historyRanges.map((range) => (
        <label key={range.id}>
          <input
            type="radio"
            name="history-range"
            value={range.id}
            checked={range.id === value.id}
            onChange={() => onChange(range)}
          />
          {range.label}
        </label>
      ))}
    </fieldset>
  );
}
