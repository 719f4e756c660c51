import {
  type Entity,
  type EntityId,
  isValidEntityId,
  type JsonValue,
  type Operation,
  type Props,
  relationId,
  type TwinView,
} from '../../model/index.js';
import type { NmapHost, NmapPort, NmapScan } from './nmap-scan.js';
import { isOpenPort, shownNotOpen } from './port-evidence.js';

/** The props an import writes; any other prop on a service (runsAs, set by hand) is kept. */
const scanProps = ['port', 'protocol', 'name', 'product', 'version', 'cpes', 'source'] as const;

export interface ServiceChanges {
  operations: Operation[];
  /** Open services stated (new or already known). */
  services: number;
  problems: string[];
}

/** `network-service:web01/tcp/22` for port 22/tcp on `host:web01`. */
export function networkServiceId(assetId: EntityId, protocol: string, port: number): EntityId {
  return `network-service:${assetId.slice(assetId.indexOf(':') + 1)}/${protocol}/${port}`;
}

/**
 * The operations for what one asset's scanned addresses show: every open port as a
 * network-service that runs on the asset, and the removal of services that `source` recorded
 * there before and that the scan now shows are not open.
 */
export function serviceOperations(
  view: TwinView,
  scan: NmapScan,
  assetId: EntityId,
  hosts: readonly NmapHost[],
  source: string,
): ServiceChanges {
  const changes: ServiceChanges = { operations: [], services: 0, problems: [] };
  const open = openPorts(hosts);
  for (const port of open.values()) {
    const id = networkServiceId(assetId, port.protocol, port.port);
    if (!isValidEntityId(id)) {
      changes.problems.push(
        `${port.protocol}/${port.port} on ${assetId}: '${id}' is too long for an id; skipped`,
      );
      continue;
    }
    changes.operations.push(...upsertService(view, id, assetId, port, source));
    changes.services++;
  }
  for (const id of closedServices(view, scan, assetId, hosts, source, open)) {
    changes.operations.push({ op: 'remove-entity', id });
  }
  return changes;
}

/** Services `source` recorded on the asset that no scanned address has open and one shows is not. */
function closedServices(
  view: TwinView,
  scan: NmapScan,
  assetId: EntityId,
  hosts: readonly NmapHost[],
  source: string,
  open: ReadonlyMap<string, NmapPort>,
): EntityId[] {
  return recordedServices(view, assetId, source).flatMap((service) => {
    const { port, protocol } = service.props;
    if (typeof port !== 'number' || typeof protocol !== 'string' || open.has(portKey(protocol, port)))
      return [];
    return hosts.some((host) => shownNotOpen(scan, host, protocol, port)) ? [service.id] : [];
  });
}

/** Open ports of all the asset's scanned addresses, one per protocol and port. */
function openPorts(hosts: readonly NmapHost[]): Map<string, NmapPort> {
  const open = new Map<string, NmapPort>();
  for (const host of hosts) {
    for (const port of host.ports) {
      const key = portKey(port.protocol, port.port);
      if (isOpenPort(port) && !open.has(key)) open.set(key, port);
    }
  }
  return open;
}

function portKey(protocol: string, port: number): string {
  return `${protocol}/${port}`;
}

function upsertService(
  view: TwinView,
  id: EntityId,
  assetId: EntityId,
  port: NmapPort,
  source: string,
): Operation[] {
  const existing = view.entity(id);
  const runsOn = { type: 'runs-on', from: id, to: assetId } as const;
  const relationProps = view.relation(relationId(runsOn))?.props;
  return [
    {
      op: 'upsert-entity',
      entity: {
        id,
        kind: 'network-service',
        name: `${serviceLabel(port)}/${port.protocol}`,
        labels: { ...existing?.labels },
        props: serviceProps(port, existing, source),
      },
    },
    { op: 'upsert-relation', relation: { ...runsOn, props: { ...relationProps } } },
  ];
}

/** `unknown` is what Nmap names a service it could not tell; the port number says more. */
function serviceLabel(port: NmapPort): string {
  const name = port.service?.name;
  return name && name !== 'unknown' ? name : String(port.port);
}

/**
 * What the scan says, over what others recorded. `source` marks the services this import owns
 * (and so may remove); a service someone else recorded keeps its owner, so a scan never deletes
 * what it did not create.
 */
function serviceProps(port: NmapPort, existing: Entity | undefined, source: string): Props {
  const props: Record<string, JsonValue> = { ...existing?.props };
  for (const key of scanProps) delete props[key];
  const owner = existing ? existing.props.source : source;
  const { service } = port;
  Object.assign(props, { port: port.port, protocol: port.protocol });
  if (service?.name !== undefined) props.name = service.name;
  if (service?.product !== undefined) props.product = service.product;
  if (service?.version !== undefined) props.version = service.version;
  if (service && service.cpes.length > 0) props.cpes = [...service.cpes];
  if (owner !== undefined) props.source = owner;
  return props;
}

/** The network-services `source` recorded on the asset. */
function recordedServices(view: TwinView, assetId: EntityId, source: string): Entity[] {
  return view.incoming(assetId, 'runs-on').flatMap((relation) => {
    const service = view.entity(relation.from);
    return service?.kind === 'network-service' && service.props.source === source ? [service] : [];
  });
}
