// Polled SNMP devices as an inventory import: devices with their interfaces, and the cabling LLDP
// reports between them.
//
// Unknown neighbours: an LLDP neighbour that is not among the polled devices is reported in
// `problems` and its link is left out. Making up a device from an LLDP advertisement would put an
// entity of unknown kind into the twin that nothing else owns, and a later import of the real
// device (by NetBox, an estate file, or a wider SNMP sweep) would not reconcile with it. When the
// neighbour was polled but its advertised port matches none of its interfaces (a port id in a form
// the agent does not use for ifName, a port without an IF-MIB row), a placeholder interface
// `interface:<remote slug>/<slug(port id or description)>` is created under that device, so the
// link is kept, and a problem says so.
import {
  builtinKinds,
  type EntityId,
  type EntityInput,
  formatIpAddress,
  isValidEntityId,
  parseIp,
  type RelationInput,
  unmapIpv4,
} from '../../../model/index.js';
import { type InventoryImport, type InventoryProblem, inventorySlug } from '../inventory-import.js';
import { guessDeviceKind, isOsBanner, type SnmpDeviceKind } from './device-kind.js';
import type { LldpNeighbour, SnmpDevice, SnmpInterface } from './snmp-device.js';
import { deviceSlug, interfaceIds, snmpSourceName } from './snmp-identity.js';

export interface SnmpInventoryOptions {
  /** Names the source: `snmp:<name>`, default `snmp:discovery`. */
  readonly name?: string;
  /** The kind of a device, by sysName or by the host polled, where the guess from sysDescr is wrong. */
  readonly kinds?: Readonly<Record<string, SnmpDeviceKind>>;
}

interface MappedDevice {
  readonly device: SnmpDevice;
  readonly path: string;
  readonly slug: string;
  readonly id: EntityId;
  readonly interfaces: Array<{ iface: SnmpInterface; id: EntityId }>;
}

const descrMaxLength = 200;

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').trim().slice(0, descrMaxLength);
}

function deviceEntity(mapped: MappedDevice, kind: SnmpDeviceKind): EntityInput {
  const { device } = mapped;
  const props: Record<string, string> = {};
  const address = parseIp(device.host.replace(/^\[(.*)\]$/, '$1'));
  if (address) props.managementIp = formatIpAddress(unmapIpv4(address));
  else props.managementHost = device.host;
  // sysDescr's first line: a network device's product and software; a general-purpose agent's is
  // the operating system (`Linux web-01 6.1.0 …`), which is no hardware model.
  const line = firstLine(device.system.descr);
  const declared = builtinKinds.get(kind)?.props ?? {};
  if (line !== '') {
    if (isOsBanner(line) && 'os' in declared) props.os = line;
    else if ('model' in declared) props.model = line;
  }
  const labels = device.system.location === '' ? undefined : { 'snmp-location': device.system.location };
  return {
    id: mapped.id,
    kind,
    name: device.system.name || device.host,
    ...(labels ? { labels } : {}),
    props,
  };
}

function interfaceEntity(iface: SnmpInterface, id: EntityId): EntityInput {
  return {
    id,
    kind: 'interface',
    name: iface.name,
    props: {
      ...(iface.speedBitsPerSecond !== null ? { speedBitsPerSecond: iface.speedBitsPerSecond } : {}),
      ...(iface.mac !== null ? { macAddress: iface.mac } : {}),
      ipAddresses: [...iface.ipAddresses],
    },
  };
}

function same(a: string, b: string): boolean {
  return a !== '' && b !== '' && inventorySlug(a) === inventorySlug(b);
}

/** `core-1` for `core-1.dc1.example.com`: LLDP often carries the FQDN where sysName has the short name. */
function shortName(name: string): string {
  return inventorySlug(name).split('.')[0] ?? '';
}

/** The polled device an LLDP neighbour is: by system name, short name, then chassis MAC address. */
function findRemoteDevice(
  neighbour: LldpNeighbour,
  devices: readonly MappedDevice[],
): MappedDevice | undefined {
  const name = neighbour.remoteSysName;
  if (name !== '') {
    const exact = devices.find((mapped) => mapped.slug === inventorySlug(name));
    if (exact) return exact;
    const short = devices.filter((mapped) => shortName(mapped.slug) === shortName(name));
    if (short.length === 1) return short[0];
  }
  const chassis = neighbour.remoteChassisId.toLowerCase();
  if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(chassis)) {
    const byMac = devices.filter((mapped) => mapped.device.interfaces.some((iface) => iface.mac === chassis));
    if (byMac.length === 1) return byMac[0];
  }
  return undefined;
}

/** The remote device's interface an LLDP port id stands for, when it has one (see localInterfaceOf). */
function findRemoteInterface(neighbour: LldpNeighbour, remote: MappedDevice): EntityId | undefined {
  const { remotePortId: id, remotePortDesc: desc, remotePortIdSubtype: subtype } = neighbour;
  if (subtype === 3) {
    const byMac = remote.interfaces.filter((entry) => entry.iface.mac === id.toLowerCase());
    if (byMac.length === 1) return byMac[0]?.id;
  }
  for (const text of [id, desc]) {
    for (const field of ['name', 'descr', 'alias'] as const) {
      const found = remote.interfaces.find((entry) => same(entry.iface[field], text));
      if (found) return found.id;
    }
  }
  if (subtype === 7 && /^\d+$/.test(id)) {
    return remote.interfaces.find((entry) => entry.iface.index === Number(id))?.id;
  }
  return undefined;
}

/**
 * Maps polled devices to an estate document: each device as a switch, router, firewall or host
 * (guessDeviceKind, or `kinds`), `<kind>:<slug(sysName)>`, with managementIp, model (or os) and the
 * `snmp-location` label; each interface but address-less loopbacks as `interface:<device>/<ifName>`
 * contained by its device; each LLDP neighbour among the polled devices as a `connects` relation
 * between the two interfaces (one per cable, however many sides report it).
 */
export function snmpInventory(
  devices: readonly SnmpDevice[],
  options: SnmpInventoryOptions = {},
): InventoryImport {
  const problems: InventoryProblem[] = [];
  const entities: EntityInput[] = [];
  const contains: RelationInput[] = [];
  const mapped: MappedDevice[] = [];
  const entityIds = new Set<EntityId>();

  devices.forEach((device, index) => {
    const path = `devices[${index}]`;
    const slug = deviceSlug(device);
    const earlier = mapped.find((other) => other.slug === slug);
    if (earlier) {
      problems.push({
        path,
        message: `'${slug}' (${device.host}) has the name of ${earlier.path} (${earlier.device.host}): polled twice? left out`,
      });
      return;
    }
    const override = options.kinds?.[device.system.name] ?? options.kinds?.[device.host];
    const guess = guessDeviceKind(device.system);
    const kind = override ?? guess.kind;
    if (!override && !guess.recognised) {
      problems.push({
        path: `${path}.system`,
        message: `kind not recognised (${guess.reason}); mapped as ${kind}: pass kinds: { '${device.system.name || device.host}': … } to say what it is`,
      });
    }
    const id = `${kind}:${slug}`;
    if (!isValidEntityId(id)) {
      problems.push({ path, message: `'${id}' is not a valid entity id; device left out` });
      return;
    }
    if (device.interfaces.length === 0) {
      problems.push({
        path: `${path}.interfaces`,
        message: `the agent shows no interfaces: its view may be limited to the system group (Debian's default snmpd.conf has -V systemonly)`,
      });
    }
    const entry: MappedDevice = { device, path, slug, id, interfaces: [] };
    entities.push(deviceEntity(entry, kind));
    entityIds.add(id);
    for (const { iface, id: ifaceId } of interfaceIds(device)) {
      if (!isValidEntityId(ifaceId)) {
        const at = device.interfaces.indexOf(iface);
        problems.push({
          path: `${path}.interfaces[${at}]`,
          message: `'${ifaceId}' is not a valid entity id; left out`,
        });
        continue;
      }
      entry.interfaces.push({ iface, id: ifaceId });
      entities.push(interfaceEntity(iface, ifaceId));
      entityIds.add(ifaceId);
      contains.push({ type: 'contains', from: id, to: ifaceId });
    }
    mapped.push(entry);
  });

  const links = new Map<string, { from: EntityId; to: EntityId; speeds: number[] }>();
  for (const local of mapped) {
    local.device.neighbours.forEach((neighbour, index) => {
      const path = `${local.path}.neighbours[${index}]`;
      const remoteName = neighbour.remoteSysName || neighbour.remoteChassisId || '(unnamed)';
      const localEntry =
        local.interfaces.find((entry) => entry.iface.index === neighbour.localIfIndex) ??
        local.interfaces.find((entry) => same(entry.iface.name, neighbour.localPort));
      if (!localEntry) {
        problems.push({
          path,
          message: `local port '${neighbour.localPort}' is no mapped interface of '${local.slug}'; link to '${remoteName}' left out`,
        });
        return;
      }
      const remote = findRemoteDevice(neighbour, mapped);
      if (!remote) {
        problems.push({
          path,
          message: `unknown neighbour '${remoteName}' (port '${neighbour.remotePortId || neighbour.remotePortDesc}') on ${local.slug} ${localEntry.iface.name}: not among the polled devices, link left out (poll it too)`,
        });
        return;
      }
      let remoteId = findRemoteInterface(neighbour, remote);
      const remoteSpeed =
        remote.interfaces.find((entry) => entry.id === remoteId)?.iface.speedBitsPerSecond ?? null;
      if (!remoteId) {
        const port = neighbour.remotePortId || neighbour.remotePortDesc;
        const placeholder = `interface:${remote.slug}/${inventorySlug(port)}`;
        if (port === '' || !isValidEntityId(placeholder)) {
          problems.push({ path, message: `neighbour '${remoteName}' names no usable port; link left out` });
          return;
        }
        remoteId = placeholder;
        if (!entityIds.has(placeholder)) {
          entityIds.add(placeholder);
          entities.push({
            id: placeholder,
            kind: 'interface',
            name: neighbour.remotePortDesc || port,
            labels: { 'snmp-placeholder': 'lldp' },
            props: {},
          });
          contains.push({ type: 'contains', from: remote.id, to: placeholder });
          problems.push({
            path,
            message: `port '${port}' of '${remote.slug}' matches none of its interfaces: placeholder ${placeholder} created`,
          });
        }
      }
      if (remoteId === localEntry.id) {
        problems.push({ path, message: `${localEntry.id} reports itself as its own neighbour; ignored` });
        return;
      }
      const speeds = [localEntry.iface.speedBitsPerSecond, remoteSpeed].filter((speed) => speed !== null);
      const key = [localEntry.id, remoteId].sort().join('\n');
      const seen = links.get(key);
      if (!seen) {
        links.set(key, { from: localEntry.id, to: remoteId, speeds });
      } else if (seen.from !== localEntry.id) {
        // Both ends report the cable: one relation, the same way round whatever order devices came in.
        const [from, to] = [localEntry.id, remoteId].sort() as [EntityId, EntityId];
        links.set(key, { from, to, speeds: [...seen.speeds, ...speeds] });
      }
    });
  }
  const connects: RelationInput[] = [...links.values()].map(({ from, to, speeds }) => ({
    type: 'connects',
    from,
    to,
    ...(speeds.length > 0 ? { props: { capacityBitsPerSecond: Math.min(...speeds) } } : {}),
  }));

  return {
    document: { source: snmpSourceName(options.name), entities, relations: [...contains, ...connects] },
    problems,
    counts: {
      devices: devices.length,
      interfaces: devices.reduce((sum, device) => sum + device.interfaces.length, 0),
      neighbours: devices.reduce((sum, device) => sum + device.neighbours.length, 0),
    },
  };
}
