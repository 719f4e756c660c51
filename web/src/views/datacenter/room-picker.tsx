import { useId } from 'react';
import { formatCount } from '../../format/format-number';
import type { RoomInfo } from './floor-data';

/** Every room of every site, grouped by site. */
export function RoomPicker({
  rooms,
  current,
  onChange,
}: {
  rooms: readonly RoomInfo[];
  current: string | undefined;
  onChange(roomId: string): void;
}) {
  const id = useId();
  const groups = new Map<string, RoomInfo[]>();
  for (const info of rooms) {
    const city = typeof info.site?.props.city === 'string' ? ` (${info.site.props.city})` : '';
    const key = info.site ? `${info.site.name}${city}` : 'No site';
    groups.set(key, [...(groups.get(key) ?? []), info]);
  }
  return (
    <span className="dc-room-picker">
      <label htmlFor={id}>Room</label>
      <select id={id} value={current ?? ''} onChange={(event) => onChange(event.target.value)}>
        {current === undefined && <option value="">Choose a room</option>}
        {[...groups].map(([site, infos]) => (
          <optgroup key={site} label={site}>
            {infos.map((info) => (
              <option key={info.room.id} value={info.room.id}>
                {info.room.name} — {formatCount(info.rackIds.length)} rack
                {info.rackIds.length === 1 ? '' : 's'}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </span>
  );
}
