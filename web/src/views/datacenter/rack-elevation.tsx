import { useEffect, useMemo, useRef } from 'react';
import type { LiveFilter } from '../../api/live-connection';
import { HealthBadge } from '../../components/health-badge';
import { LoadStatus } from '../../components/load-status';
import type { Entity } from '../../contract';
import { formatCount } from '../../format/format-number';
import { useAsync } from '../../hooks/use-async';
import { useLiveStream } from '../../hooks/use-live-stream';
import { useThrottled } from '../../hooks/use-throttled';
import { Link } from '../../routing/link';
import { entityPath } from '../../routing/route';
import { useSession } from '../../session/session-context';
import { rackReading } from './heat-scale';
import { applyStateMessages, useStateBatches } from './live-batch';
import { loadRackDevices } from './rack-devices';
import { layoutUnits, unitRange } from './unit-layout';

/** Changes to the rack's devices are read again at most this often. */
const reloadMs = 2_000;

/**
 * A rack's elevation: its units from the top down, each device over its height, coloured and
 * labelled by its health and linked to its page; empty units shown; devices without a unit below.
 */
export function RackElevation({
  rack,
  focusOnOpen,
  onClose,
}: {
  /** The rack, live from the floor plan. */
  rack: Entity;
  focusOnOpen: boolean;
  onClose(): void;
}) {
  const { api } = useSession();
  const devices = useAsync(
    async (signal) => {
      const list = await loadRackDevices(api, rack.id, signal);
      return new Map(list.map((device) => [device.id, device]));
    },
    [api, rack.id],
  );
  const ids = useMemo(() => (devices.data ? [...devices.data.keys()].sort() : []), [devices.data]);
  const idKey = ids.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `idKey` stands for `ids`
  const filter = useMemo<LiveFilter | undefined>(() => (ids.length > 0 ? { ids } : undefined), [idKey]);
  const reload = useThrottled(devices.reload, reloadMs);
  const queue = useStateBatches((batch) =>
    devices.setData((current) => current && new Map(applyStateMessages(current, batch))),
  );
  useLiveStream(filter, {
    onMessage(message) {
      if (message.type === 'state') queue(message);
      else if (message.type === 'change' && message.fork === undefined) reload();
    },
    onResync: reload,
  });

  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when another rack is opened
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus({ preventScroll: false });
  }, [rack.id]);

  const list = devices.data ? [...devices.data.values()] : [];
  const layout = layoutUnits(
    rack.props.units,
    list.map((device) => ({
      id: device.id,
      position: device.props.position,
      heightUnits: device.props.heightUnits,
    })),
  );
  const inlet = rackReading(rack, 'inlet');
  const power = rackReading(rack, 'power');

  return (
    <section className="panel dc-elevation" aria-labelledby="dc-elevation-title">
      <header className="panel-header">
        <h2 id="dc-elevation-title" ref={heading} tabIndex={-1}>
          Rack {rack.name}
        </h2>
        <Link to={entityPath(rack.id)} className="button-link">
          Rack page
        </Link>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <dl className="dc-rack-facts">
        <div>
          <dt>Inlet</dt>
          <dd data-testid="elevation-inlet">{inlet.short}</dd>
        </div>
        <div>
          <dt>Power</dt>
          <dd data-testid="elevation-power" title={power.long}>
            {power.long.replace(/^power /, '')}
          </dd>
        </div>
        <div>
          <dt>Height</dt>
          <dd>{layout.units} U</dd>
        </div>
        <div>
          <dt>Health</dt>
          <dd>
            <HealthBadge health={rack.state.health} />
          </dd>
        </div>
      </dl>
      {devices.data === undefined ? (
        <LoadStatus error={devices.error} what={`the devices of ${rack.name}`} />
      ) : (
        <>
          <ol
            className="dc-units"
            aria-label={`Units of ${rack.name}, top to bottom`}
            style={{ gridTemplateRows: `repeat(${layout.units}, var(--dc-unit-height))` }}
          >
            {layout.slots.map((slot) => {
              if (slot.type === 'empty') {
                return (
                  <li
                    key={`u${slot.unit}`}
                    className="dc-unit-empty"
                    style={{ gridRow: `${layout.units - slot.unit + 1} / span 1` }}
                  >
                    <span className="dc-unit-number">U{slot.unit}</span>
                    <span className="dc-unit-free">empty</span>
                  </li>
                );
              }
              const device = devices.data?.get(slot.id) as Entity;
              const height = slot.top - slot.bottom + 1;
              return (
                <li
                  key={slot.id}
                  className="dc-unit-device"
                  style={{ gridRow: `${layout.units - slot.top + 1} / span ${height}` }}
                  data-entity-id={slot.id}
                  data-position={slot.bottom}
                  data-height={height}
                >
                  <span className="dc-unit-number">{unitRange(slot.bottom, slot.top)}</span>
                  <Link
                    to={entityPath(slot.id)}
                    className={`dc-device dc-fill-${device.state.health}`}
                    aria-label={`${device.name}, ${device.kind}, ${unitRange(slot.bottom, slot.top)}, health ${device.state.health}`}
                    title={`${device.name} (${device.kind}) · ${unitRange(slot.bottom, slot.top)} · ${device.state.health}`}
                  >
                    <span className="dc-device-name">{device.name}</span>
                    <span className="dc-device-health">{device.state.health}</span>
                  </Link>
                </li>
              );
            })}
          </ol>
          <p className="muted dc-units-summary">
            {formatCount(layout.slots.filter((slot) => slot.type === 'device').length)} devices in units;{' '}
            {formatCount(layout.slots.filter((slot) => slot.type === 'empty').length)} of {layout.units} U
            empty.
          </p>
          {layout.unlaid.length > 0 && (
            <>
              <h3 className="dc-unlaid-title">Not in a unit</h3>
              <ul className="dc-unlaid">
                {layout.unlaid.map((entry) => {
                  const device = devices.data?.get(entry.id) as Entity;
                  return (
                    <li key={entry.id} data-entity-id={entry.id}>
                      <Link to={entityPath(entry.id)} className="entity-link">
                        {device.name}
                      </Link>{' '}
                      <span className="muted">
                        {device.kind} · {entry.reason}
                      </span>{' '}
                      <HealthBadge health={device.state.health} />
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
