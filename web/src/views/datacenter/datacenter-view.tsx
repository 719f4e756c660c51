import './datacenter.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LiveFilter } from '../../api/live-connection';
import { LiveBadge } from '../../components/live-badge';
import { LoadStatus } from '../../components/load-status';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../hooks/use-async';
import { metricSpec, useKindCatalog } from '../../hooks/use-kind-catalog';
import { useLiveStream } from '../../hooks/use-live-stream';
import { useThrottled } from '../../hooks/use-throttled';
import { navigate } from '../../routing/navigation';
import { type Route, routePath } from '../../routing/route';
import { useSession } from '../../session/session-context';
import { loadFloorData } from './floor-data';
import { FloorPlan } from './floor-plan';
import { type HeatMetric, inletMetric, inletScale, powerScale } from './heat-scale';
import { applyStateMessages, useStateBatches } from './live-batch';
import { RackElevation } from './rack-elevation';
import { RoomPicker } from './room-picker';

/** A change to the racks' props (a new power budget, a move) reloads the floor at most this often. */
const reloadMs = 2_000;

/**
 * The data center: a room's floor plan with a heat map of inlet temperature or power, and the
 * elevation of the rack picked on it; both live. `/datacenter/<room id>?rack=<rack id>`.
 */
export function DatacenterView({ route }: { route: Route }) {
  const roomId = route.view === 'datacenter' ? route.room : undefined;
  const rackId = route.view === 'datacenter' ? route.rack : undefined;
  const { api } = useSession();
  const floor = useAsync((signal) => loadFloorData(api, signal), [api]);
  const catalog = useKindCatalog();
  const [metric, setMetric] = useState<HeatMetric>('inlet');
  const scale = useMemo(
    () =>
      metric === 'inlet' ? inletScale(metricSpec(catalog, 'rack', inletMetric)?.thresholds) : powerScale,
    [metric, catalog],
  );

  const rooms = floor.data?.rooms ?? [];
  const info = roomId === undefined ? rooms[0] : rooms.find((candidate) => candidate.room.id === roomId);
  const rackIds = info?.rackIds;
  const filter = useMemo<LiveFilter | undefined>(
    () => (rackIds !== undefined && rackIds.length > 0 ? { ids: rackIds } : undefined),
    [rackIds],
  );
  const reload = useThrottled(floor.reload, reloadMs);
  const queue = useStateBatches((batch) =>
    floor.setData((current) => current && { ...current, racks: applyStateMessages(current.racks, batch) }),
  );
  const live = useLiveStream(filter, {
    onMessage(message) {
      if (message.type === 'state') queue(message);
      else if (message.type === 'change' && message.fork === undefined) reload();
    },
    onResync: reload,
  });

  // Focus moves to the elevation when a rack is opened here, not when a link or reload opens it.
  const openedHere = useRef(false);
  const currentRoom = info?.room.id;
  const openRack = useCallback(
    (id: string) => {
      openedHere.current = true;
      navigate(routePath({ view: 'datacenter', ...(currentRoom ? { room: currentRoom } : {}), rack: id }));
    },
    [currentRoom],
  );
  const closeRack = () => {
    const cell =
      rackId === undefined
        ? null
        : document.querySelector<HTMLElement>(`[data-rack-id="${CSS.escape(rackId)}"]`);
    navigate(routePath({ view: 'datacenter', ...(currentRoom ? { room: currentRoom } : {}) }));
    cell?.focus();
  };
  const pickRoom = (id: string) => navigate(routePath({ view: 'datacenter', room: id }));

  const rack = rackId === undefined ? undefined : floor.data?.racks.get(rackId);
  return (
    <div className="view datacenter">
      <div className="view-header">
        <PageTitle title="Data center" />
        {floor.data !== undefined && rooms.length > 0 && (
          <RoomPicker rooms={rooms} current={info?.room.id} onChange={pickRoom} />
        )}
        {filter !== undefined && <LiveBadge status={live} />}
      </div>
      {floor.data === undefined ? (
        <LoadStatus error={floor.error} what="the rooms and racks" />
      ) : rooms.length === 0 ? (
        <p className="muted">The twin has no rooms: there is no floor to draw.</p>
      ) : info === undefined ? (
        <p className="error" role="alert">
          There is no room “{roomId}”. Choose one above.
        </p>
      ) : (
        <div className="dc-workspace">
          <FloorPlan
            info={info}
            racks={floor.data.racks}
            metric={metric}
            scale={scale}
            selected={rackId}
            onMetric={setMetric}
            onOpen={openRack}
          />
          {rack !== undefined ? (
            <RackElevation rack={rack} focusOnOpen={openedHere.current} onClose={closeRack} />
          ) : (
            <ElevationHint rackId={rackId} />
          )}
        </div>
      )}
    </div>
  );
}

function ElevationHint({ rackId }: { rackId: string | undefined }) {
  return (
    <section className="panel dc-elevation dc-elevation-empty" aria-label="Rack elevation">
      {rackId === undefined ? (
        <p className="muted">
          Pick a rack on the floor to see its elevation: its units and the devices in them.
        </p>
      ) : (
        <p className="error" role="alert">
          There is no rack “{rackId}” in a room of this twin.
        </p>
      )}
    </section>
  );
}
