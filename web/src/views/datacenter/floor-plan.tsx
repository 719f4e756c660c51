import { memo, useMemo, useState } from 'react';
import { Panel } from '../../components/panel';
import type { Entity } from '../../contract';
import { formatCount } from '../../format/format-number';
import { type RoomInfo, shortRackName } from './floor-data';
import { placeRacks } from './floor-grid';
import { HeatLegend } from './heat-legend';
import { type HeatMetric, type HeatScale, heatLevel, levelCount, rackReading } from './heat-scale';
import { MetricPicker } from './metric-picker';

interface FloorPlanProps {
  info: RoomInfo;
  racks: ReadonlyMap<string, Entity>;
  metric: HeatMetric;
  scale: HeatScale;
  selected: string | undefined;
  onMetric(metric: HeatMetric): void;
  onOpen(rackId: string): void;
}

/**
 * A room's racks on a grid by their `row` and `column`, each coloured by the heat map and
 * written out in words; a click or Enter opens the rack's elevation.
 */
export function FloorPlan({ info, racks, metric, scale, selected, onMetric, onOpen }: FloorPlanProps) {
  const { room } = info;
  const roomRacks = useMemo(
    () => info.rackIds.flatMap((id) => (racks.has(id) ? [racks.get(id) as Entity] : [])),
    [info, racks],
  );
  // Placement depends on props only: metrics arriving live do not move racks.
  const placementKey = roomRacks.map((rack) => `${rack.id}@${rack.props.row}/${rack.props.column}`).join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `placementKey` stands for the racks' places
  const layout = useMemo(
    () =>
      placeRacks(
        roomRacks.map((rack) => ({ id: rack.id, row: rack.props.row, column: rack.props.column })),
        room.props,
      ),
    [placementKey, room.props],
  );
  const [pointed, setPointed] = useState<string | undefined>();

  const readings = new Map(roomRacks.map((rack) => [rack.id, rackReading(rack, metric)]));
  const counts: number[] = new Array(levelCount).fill(0);
  let unknown = 0;
  for (const reading of readings.values()) {
    const level = heatLevel(reading.value, scale);
    if (level === undefined) unknown++;
    else counts[level] = (counts[level] ?? 0) + 1;
  }
  const pointedRack = pointed === undefined ? undefined : racks.get(pointed);
  const occupied = new Set(layout.cells.map((cell) => `${cell.row}/${cell.column}`));

  return (
    <Panel
      title={`Floor of ${room.name}`}
      className="dc-floor"
      actions={<MetricPicker value={metric} onChange={onMetric} />}
    >
      <p className="dc-floor-summary">{floorSummary(roomRacks, layout.rows, layout.columns, metric, room)}</p>
      <HeatLegend scale={scale} counts={counts} unknown={unknown} />
      {layout.cells.length === 0 ? (
        <p className="muted">No rack of this room has a place on its floor plan.</p>
      ) : (
        <div className="dc-floor-scroll">
          <fieldset
            className="dc-floor-grid"
            style={{ gridTemplateColumns: `auto repeat(${layout.columns}, minmax(64px, 1fr))` }}
          >
            <legend className="visually-hidden">Racks of {room.name} by row and column</legend>
            {count(layout.columns).map((column) => (
              <span
                key={`column-${column}`}
                className="dc-axis"
                aria-hidden="true"
                style={{ gridRow: 1, gridColumn: column + 1 }}
              >
                {column}
              </span>
            ))}
            {count(layout.rows).map((row) => (
              <span
                key={`row-${row}`}
                className="dc-axis dc-axis-row"
                aria-hidden="true"
                style={{ gridRow: row + 1, gridColumn: 1 }}
              >
                Row {row}
              </span>
            ))}
            {emptyPlaces(layout.rows, layout.columns, occupied).map(([row, column]) => (
              <span
                key={`empty-${row}/${column}`}
                className="dc-floor-empty"
                aria-hidden="true"
                style={{ gridRow: row + 1, gridColumn: column + 1 }}
              />
            ))}
            {layout.cells.map((cell) => {
              const rack = racks.get(cell.id) as Entity;
              return (
                <RackCell
                  key={cell.id}
                  rack={rack}
                  label={shortRackName(rack, room)}
                  row={cell.row}
                  column={cell.column}
                  metric={metric}
                  scale={scale}
                  selected={cell.id === selected}
                  onOpen={onOpen}
                  onPoint={setPointed}
                />
              );
            })}
          </fieldset>
        </div>
      )}
      <p className="dc-readout" data-testid="rack-readout">
        {pointedRack
          ? describeRack(pointedRack)
          : 'Point at or focus a rack to read it; click it or press Enter to open its elevation.'}
      </p>
      {layout.offFloor.length > 0 && (
        <details className="dc-off-floor">
          <summary>
            {formatCount(layout.offFloor.length)} rack{layout.offFloor.length === 1 ? '' : 's'} not on the
            floor plan
          </summary>
          <ul>
            {layout.offFloor.map((rack) => (
              <li key={rack.id}>
                <button type="button" className="link-button" onClick={() => onOpen(rack.id)}>
                  {racks.get(rack.id)?.name ?? rack.id}
                </button>{' '}
                <span className="muted">— {rack.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Panel>
  );
}

interface RackCellProps {
  rack: Entity;
  label: string;
  row: number;
  column: number;
  metric: HeatMetric;
  scale: HeatScale;
  selected: boolean;
  onOpen(rackId: string): void;
  onPoint(rackId: string | undefined): void;
}

/** One rack on the floor: redrawn only when its own entity (a live metric) or the scale changes. */
const RackCell = memo(function RackCell({
  rack,
  label,
  row,
  column,
  metric,
  scale,
  selected,
  onOpen,
  onPoint,
}: RackCellProps) {
  const reading = rackReading(rack, metric);
  const level = heatLevel(reading.value, scale);
  const health = rack.state.health;
  return (
    <button
      type="button"
      className={`dc-rack heat-${level ?? 'none'}${selected ? ' selected' : ''}`}
      style={{ gridRow: row + 1, gridColumn: column + 1 }}
      aria-pressed={selected}
      aria-label={`${rack.name}, row ${row}, column ${column}: ${describeReadings(rack)}`}
      title={`${rack.name}: ${describeReadings(rack)}`}
      data-rack-id={rack.id}
      data-heat-level={level ?? 'none'}
      onClick={() => onOpen(rack.id)}
      onMouseEnter={() => onPoint(rack.id)}
      onFocus={() => onPoint(rack.id)}
    >
      <span className="dc-rack-name">{label}</span>
      <span className="dc-rack-reading">{reading.short}</span>
      {health !== 'ok' && <span className={`dc-rack-health health-${health}`}>{health}</span>}
    </button>
  );
});

/** Both readings and the health, in words. */
export function describeReadings(rack: Entity): string {
  return `${rackReading(rack, 'inlet').long}; ${rackReading(rack, 'power').long}; health ${rack.state.health}`;
}

function describeRack(rack: Entity): string {
  const row = rack.props.row;
  const column = rack.props.column;
  const place =
    typeof row === 'number' && typeof column === 'number' ? ` (row ${row}, column ${column})` : '';
  return `${rack.name}${place}: ${describeReadings(rack)}.`;
}

/** 1, 2, … n. */
function count(n: number): number[] {
  return Array.from({ length: n }, (_, index) => index + 1);
}

function emptyPlaces(rows: number, columns: number, occupied: ReadonlySet<string>): [number, number][] {
  const places: [number, number][] = [];
  for (let row = 1; row <= rows; row++)
    for (let column = 1; column <= columns; column++)
      if (!occupied.has(`${row}/${column}`)) places.push([row, column]);
  return places;
}

/** "10 racks on a 2 × 5 floor; hottest: r07 at 26.1 °C." */
function floorSummary(
  racks: readonly Entity[],
  rows: number,
  columns: number,
  metric: HeatMetric,
  room: Entity,
): string {
  const count = `${formatCount(racks.length)} rack${racks.length === 1 ? '' : 's'} on a ${rows} × ${columns} floor`;
  let top: { rack: Entity; value: number; text: string } | undefined;
  for (const rack of racks) {
    const reading = rackReading(rack, metric);
    if (reading.value !== undefined && (top === undefined || reading.value > top.value))
      top = { rack, value: reading.value, text: reading.short };
  }
  if (top === undefined) return `${count}.`;
  const name = shortRackName(top.rack, room);
  return metric === 'inlet'
    ? `${count}; hottest inlet: ${name} at ${top.text}.`
    : `${count}; most loaded: ${name} at ${top.text} of its power budget.`;
}
