import type { TwinApi } from '../../api/twin-api';
import type { Entity, Relation } from '../../contract';

/** A room of the floor plan: where it is and which racks it contains. */
export interface RoomInfo {
  room: Entity;
  /** The site that contains it, if any. */
  site: Entity | undefined;
  rackIds: string[];
}

export interface FloorData {
  /** Every room of every site, by site then room, in natural order. */
  rooms: RoomInfo[];
  /** Every rack in a room, by id: their props and latest metrics. */
  racks: ReadonlyMap<string, Entity>;
}

/**
 * Everything the floor plans need, in five requests whatever the room: the sites, rooms and racks
 * (with their latest metrics) and the `contains` relations between them. Switching rooms then
 * needs no request, and the live stream keeps the racks' metrics current.
 */
export async function loadFloorData(api: TwinApi, signal: AbortSignal): Promise<FloorData> {
  const [sites, rooms, racks, siteRooms, roomRacks] = await Promise.all([
    api.allEntities({ kind: 'site' }, signal),
    api.allEntities({ kind: 'room' }, signal),
    api.allEntities({ kind: 'rack' }, signal),
    api.allRelations({ type: 'contains', fromKind: 'site', toKind: 'room' }, signal),
    api.allRelations({ type: 'contains', fromKind: 'room', toKind: 'rack' }, signal),
  ]);
  return buildFloorData(sites, rooms, racks, [...siteRooms, ...roomRacks]);
}

const natural = new Intl.Collator('en', { numeric: true });

export function buildFloorData(
  sites: readonly Entity[],
  rooms: readonly Entity[],
  racks: readonly Entity[],
  contains: readonly Relation[],
): FloorData {
  const siteById = new Map(sites.map((site) => [site.id, site]));
  const rackById = new Map(racks.map((rack) => [rack.id, rack]));
  const siteOf = new Map<string, Entity>();
  const racksOf = new Map<string, string[]>();
  for (const relation of contains) {
    const site = siteById.get(relation.from);
    if (site !== undefined) siteOf.set(relation.to, site);
    else if (rackById.has(relation.to)) {
      const list = racksOf.get(relation.from) ?? [];
      list.push(relation.to);
      racksOf.set(relation.from, list);
    }
  }
  const infos = rooms.map((room) => ({
    room,
    site: siteOf.get(room.id),
    rackIds: (racksOf.get(room.id) ?? []).sort(natural.compare),
  }));
  infos.sort(
    (a, b) =>
      natural.compare(a.site?.name ?? '\uffff', b.site?.name ?? '\uffff') ||
      natural.compare(a.room.name, b.room.name),
  );
  const inRooms = new Set(infos.flatMap((info) => info.rackIds));
  return { rooms: infos, racks: new Map([...rackById].filter(([id]) => inRooms.has(id))) };
}

/** The rack's name as the room's plan shows it: `r01` for `dc1/a/r01` in `dc1/a`. */
export function shortRackName(rack: Entity, room: Entity): string {
  const prefix = `${room.name}/`;
  return rack.name.startsWith(prefix) && rack.name.length > prefix.length
    ? rack.name.slice(prefix.length)
    : rack.name;
}
