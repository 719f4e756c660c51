// The NetBox objects the importer maps, read from the `results` items of each REST endpoint
// (NetBox 3.x and 4.x shapes; the older names are read too: `device_role` before 3.6,
// `termination_a_type`/`termination_a` cables before 3.3, `connected_endpoint` before 3.3,
// prefix `site` before 4.2, interface `mac_address` beside 4.2's `primary_mac_address`).
// Every field that is mapped is checked; an item whose identity is unusable is skipped, a bad
// optional field is noted and left out, and each note carries the item's JSON path.
import type { InventoryProblem } from '../inventory-import.js';
import { isRecord } from '../json-fields.js';
import { ItemReader, type NetboxRef } from './netbox-item-reader.js';

export type { NetboxRef } from './netbox-item-reader.js';

/** The endpoints read, as paths under `/api/`. */
export const netboxEndpoints = [
  'dcim/sites',
  'dcim/locations',
  'dcim/racks',
  'dcim/device-types',
  'dcim/devices',
  'dcim/interfaces',
  'dcim/cables',
  'dcim/power-panels',
  'dcim/power-feeds',
  'ipam/prefixes',
  'ipam/vlans',
  'ipam/ip-addresses',
  'virtualization/clusters',
  'virtualization/virtual-machines',
] as const;
export type NetboxEndpoint = (typeof netboxEndpoints)[number];

export function isNetboxEndpoint(value: string): value is NetboxEndpoint {
  return (netboxEndpoints as readonly string[]).includes(value);
}

/** What NetBox answered, endpoint by endpoint: from the API (netbox-client) or a saved export. */
export interface NetboxExport {
  /** NetBox's version (`API-Version` header, `/api/status/`), when known: it decides units. */
  version?: string;
  /** The `results` items of every page of each endpoint, in order. */
  results: Partial<Record<NetboxEndpoint, readonly unknown[]>>;
  /** What reading the export itself found wrong (a saved file's unknown keys, say). */
  problems?: readonly InventoryProblem[];
}

/** Fields every object read here has. `index` is its position in the endpoint's results. */
export interface NetboxObject {
  readonly id: number;
  readonly index: number;
  readonly status?: string;
  readonly tenant?: NetboxRef;
  readonly tags: readonly string[];
}

export interface NetboxSite extends NetboxObject {
  readonly name: string;
  readonly slug: string;
  readonly region?: NetboxRef;
  readonly group?: NetboxRef;
  readonly facility?: string;
}

export interface NetboxLocation extends NetboxObject {
  readonly name: string;
  readonly slug: string;
  readonly site: NetboxRef;
  readonly parent?: NetboxRef;
}

export interface NetboxRack extends NetboxObject {
  readonly name: string;
  readonly site: NetboxRef;
  readonly location?: NetboxRef;
  readonly role?: NetboxRef;
  readonly uHeight?: number;
  readonly serial?: string;
  readonly facilityId?: string;
}

export interface NetboxDeviceType {
  readonly id: number;
  readonly index: number;
  readonly model?: string;
  readonly slug?: string;
  readonly manufacturer?: NetboxRef;
  readonly uHeight?: number;
}

export interface NetboxDevice extends NetboxObject {
  readonly name?: string;
  /** `role` (3.6+) or `device_role`. */
  readonly role?: NetboxRef;
  readonly deviceType?: Omit<NetboxDeviceType, 'index'>;
  readonly platform?: NetboxRef;
  readonly serial?: string;
  readonly assetTag?: string;
  readonly site?: NetboxRef;
  readonly location?: NetboxRef;
  readonly rack?: NetboxRef;
  /** Lowest rack unit; NetBox allows half units. */
  readonly position?: number;
  readonly primaryIp4?: string;
  readonly primaryIp6?: string;
  readonly oobIp?: string;
  readonly cluster?: NetboxRef;
  readonly parentDevice?: NetboxRef;
  /** The component counters of NetBox 3.6+/4.x, when present (a patch panel has only ports). */
  readonly interfaceCount?: number;
  readonly powerPortCount?: number;
  readonly rearPortCount?: number;
}

export interface NetboxInterface {
  readonly id: number;
  readonly index: number;
  readonly name: string;
  readonly device: NetboxRef;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly mgmtOnly?: boolean;
  readonly speedKbps?: number;
  readonly macAddress?: string;
  /** Interfaces at the far end of the cable path (through patch panels), when NetBox traced one. */
  readonly connectedInterfaceIds: readonly number[];
  readonly tags: readonly string[];
}

/** One end of a cable: `dcim.interface`, `dcim.powerport`, `dcim.powerfeed`, `dcim.frontport`… */
export interface NetboxCableEnd {
  readonly type: string;
  readonly id: number;
  /** The device the termination belongs to, when it is a device component. */
  readonly deviceId?: number;
}

export interface NetboxCable extends NetboxObject {
  readonly label?: string;
  readonly a: readonly NetboxCableEnd[];
  readonly b: readonly NetboxCableEnd[];
}

export interface NetboxPowerPanel {
  readonly id: number;
  readonly index: number;
  readonly name: string;
  readonly site: NetboxRef;
  readonly location?: NetboxRef;
}

export interface NetboxPowerFeed extends NetboxObject {
  readonly name: string;
  readonly powerPanel: NetboxRef;
  readonly rack?: NetboxRef;
  /** primary or redundant. */
  readonly type?: string;
  /** ac or dc. */
  readonly supply?: string;
  /** single-phase or three-phase. */
  readonly phase?: string;
  readonly voltage?: number;
  readonly amperage?: number;
  readonly maxUtilization?: number;
}

export interface NetboxPrefix extends NetboxObject {
  /** Canonical CIDR text. */
  readonly prefix: string;
  readonly vrf?: NetboxRef;
  readonly vlan?: { readonly id: number; readonly vid?: number; readonly name?: string };
  readonly role?: NetboxRef;
  /** `site` before 4.2, `scope` when `scope_type` is `dcim.site` since. */
  readonly site?: NetboxRef;
}

export interface NetboxVlan extends NetboxObject {
  readonly vid: number;
  readonly name?: string;
  readonly site?: NetboxRef;
  readonly group?: NetboxRef;
  readonly role?: NetboxRef;
}

export interface NetboxIpAddress extends NetboxObject {
  /** The address without its prefix length, canonical. */
  readonly address: string;
  /** `dcim.interface` or `virtualization.vminterface` when assigned. */
  readonly assignedType?: string;
  readonly assignedId?: number;
  /** The device (for an interface) or virtual machine (for a VM interface) it is on. */
  readonly assignedDeviceId?: number;
  readonly assignedVirtualMachineId?: number;
  readonly role?: string;
}

export interface NetboxCluster extends NetboxObject {
  readonly name: string;
  readonly type?: NetboxRef;
  readonly group?: NetboxRef;
}

export interface NetboxVirtualMachine extends NetboxObject {
  readonly name: string;
  readonly role?: NetboxRef;
  readonly platform?: NetboxRef;
  readonly site?: NetboxRef;
  readonly cluster?: NetboxRef;
  /** The host it is pinned to (NetBox 3.3+). */
  readonly device?: NetboxRef;
  readonly vcpus?: number;
  readonly memoryMb?: number;
  /** In GB before NetBox 4.1, in MB since. */
  readonly disk?: number;
  readonly primaryIp4?: string;
  readonly primaryIp6?: string;
  /** The VM has the `serial` field, which NetBox 4.1 added with the disk unit change. */
  readonly hasSerialField: boolean;
}

export interface NetboxObjects {
  readonly version?: string;
  readonly sites: readonly NetboxSite[];
  readonly locations: readonly NetboxLocation[];
  readonly racks: readonly NetboxRack[];
  readonly deviceTypes: readonly NetboxDeviceType[];
  readonly devices: readonly NetboxDevice[];
  readonly interfaces: readonly NetboxInterface[];
  readonly cables: readonly NetboxCable[];
  readonly powerPanels: readonly NetboxPowerPanel[];
  readonly powerFeeds: readonly NetboxPowerFeed[];
  readonly prefixes: readonly NetboxPrefix[];
  readonly vlans: readonly NetboxVlan[];
  readonly ipAddresses: readonly NetboxIpAddress[];
  readonly clusters: readonly NetboxCluster[];
  readonly virtualMachines: readonly NetboxVirtualMachine[];
  /** What could not be read, with JSON paths. */
  readonly problems: readonly InventoryProblem[];
}

type Reader<T> = (item: ItemReader, index: number) => T;

// Each reader reads the id, then the fields every object has, then its own, in that order (the
// order problems are noted in). Absent optional fields are left undefined rather than deleted:
// objects of one shape are what keeps half a million of them quick to build.

const readSite: Reader<NetboxSite> = (item, index) => {
  const id = item.integer('id', true) ?? 0;
  const status = item.choice('status');
  const tenant = item.ref('tenant');
  const tags = item.tags();
  const name = item.string('name', true) ?? '';
  return {
    id,
    index,
    status,
    tenant,
    tags,
    name,
    slug: item.string('slug') ?? name,
    region: item.ref('region'),
    group: item.ref('group'),
    facility: item.string('facility'),
  };
};

const readLocation: Reader<NetboxLocation> = (item, index) => {
  const id = item.integer('id', true) ?? 0;
  const status = item.choice('status');
  const tenant = item.ref('tenant');
  const tags = item.tags();
  const name = item.string('name', true) ?? '';
  return {
    id,
    index,
    status,
    tenant,
    tags,
    name,
    slug: item.string('slug') ?? name,
    site: item.ref('site', true) ?? { id: 0 },
    parent: item.ref('parent'),
  };
};

const readRack: Reader<NetboxRack> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  status: item.choice('status'),
  tenant: item.ref('tenant'),
  tags: item.tags(),
  name: item.string('name', true) ?? '',
  site: item.ref('site', true) ?? { id: 0 },
  location: item.ref('location'),
  role: item.ref('role'),
  uHeight: item.number('u_height'),
  serial: item.string('serial'),
  facilityId: item.string('facility_id'),
});

const readDeviceType: Reader<NetboxDeviceType> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  model: item.string('model'),
  slug: item.string('slug'),
  manufacturer: item.ref('manufacturer'),
  uHeight: item.number('u_height'),
});

/** A device's nested device type: the brief form has no u_height, the full one has. */
function nestedDeviceType(item: ItemReader): NetboxDevice['deviceType'] {
  const ref = item.ref('device_type');
  if (ref === undefined) return undefined;
  const type = item.sub('device_type', item.item.device_type as Record<string, unknown>);
  return {
    id: ref.id,
    model: type.string('model'),
    slug: ref.slug,
    manufacturer: type.ref('manufacturer'),
    uHeight: type.number('u_height'),
  };
}

const readDevice: Reader<NetboxDevice> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  status: item.choice('status'),
  tenant: item.ref('tenant'),
  tags: item.tags(),
  name: item.string('name'),
  role:
    item.value('role') !== undefined || !item.has('device_role') ? item.ref('role') : item.ref('device_role'),
  deviceType: nestedDeviceType(item),
  platform: item.ref('platform'),
  serial: item.string('serial'),
  assetTag: item.string('asset_tag'),
  site: item.ref('site'),
  location: item.ref('location'),
  rack: item.ref('rack'),
  position: item.number('position'),
  primaryIp4: item.nestedAddress('primary_ip4'),
  primaryIp6: item.nestedAddress('primary_ip6'),
  oobIp: item.nestedAddress('oob_ip'),
  cluster: item.ref('cluster'),
  parentDevice: item.ref('parent_device'),
  interfaceCount: item.integer('interface_count'),
  powerPortCount: item.integer('power_port_count'),
  rearPortCount: item.integer('rear_port_count'),
});

/** The far-end interfaces NetBox traced: `connected_endpoints` (3.3+) or `connected_endpoint`. */
function connectedInterfaces(item: ItemReader): number[] {
  const many = item.has('connected_endpoints');
  const type = item.string(many ? 'connected_endpoints_type' : 'connected_endpoint_type');
  if (type !== 'dcim.interface') return [];
  if (!many) {
    const id = item.refId('connected_endpoint');
    return id === undefined ? [] : [id];
  }
  const list = item.value('connected_endpoints');
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    item.problem('connected_endpoints', 'not a list');
    return [];
  }
  const ids: number[] = [];
  for (let at = 0; at < list.length; at++) {
    const id = item.refId(`connected_endpoints[${at}]`);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** `mac_address` (kept by 4.2 for compatibility), else 4.2's `primary_mac_address`. */
function macAddress(item: ItemReader): string | undefined {
  const direct = item.string('mac_address');
  if (direct !== undefined) return direct.toLowerCase();
  const primary = item.value('primary_mac_address');
  return primary === undefined ? undefined : item.string('primary_mac_address.mac_address')?.toLowerCase();
}

const readInterface: Reader<NetboxInterface> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  name: item.string('name', true) ?? '',
  device: item.ref('device', true) ?? { id: 0 },
  type: item.choice('type'),
  enabled: item.boolean('enabled'),
  mgmtOnly: item.boolean('mgmt_only'),
  speedKbps: item.number('speed'),
  macAddress: macAddress(item),
  connectedInterfaceIds: connectedInterfaces(item),
  tags: item.tags(),
});

/** One side of a cable: `a_terminations` (3.3+) or `termination_a_type`/`termination_a`. */
function cableEnds(item: ItemReader, side: 'a' | 'b'): NetboxCableEnd[] {
  const path = `${side}_terminations`;
  if (!item.has(path) && item.has(`termination_${side}_type`)) {
    const type = item.string(`termination_${side}_type`);
    const id = item.integer(`termination_${side}_id`) ?? item.refId(`termination_${side}`);
    if (type === undefined || id === undefined) return [];
    return [{ type, id, deviceId: item.refId(`termination_${side}.device`) }];
  }
  const list = item.value(path);
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    item.problem(path, 'not a list');
    return [];
  }
  const ends: NetboxCableEnd[] = [];
  for (let at = 0; at < list.length; at++) {
    const raw: unknown = list[at];
    const end = isRecord(raw) ? item.sub(`${path}[${at}]`, raw) : undefined;
    const type = end?.string('object_type');
    const id = end?.integer('object_id') ?? end?.refId('object');
    if (end === undefined || type === undefined || id === undefined) {
      item.problem(`${path}[${at}]`, 'not a termination with object_type and object_id');
      continue;
    }
    ends.push({ type, id, deviceId: end.refId('object.device') });
  }
  return ends;
}

const readCable: Reader<NetboxCable> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  status: item.choice('status'),
  tenant: item.ref('tenant'),
  tags: item.tags(),
  label: item.string('label'),
  a: cableEnds(item, 'a'),
  b: cableEnds(item, 'b'),
});

const readPowerPanel: Reader<NetboxPowerPanel> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  name: item.string('name', true) ?? '',
  site: item.ref('site', true) ?? { id: 0 },
  location: item.ref('location'),
});

const readPowerFeed: Reader<NetboxPowerFeed> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  status: item.choice('status'),
  tenant: item.ref('tenant'),
  tags: item.tags(),
  name: item.string('name', true) ?? '',
  powerPanel: item.ref('power_panel', true) ?? { id: 0 },
  rack: item.ref('rack'),
  type: item.choice('type'),
  supply: item.choice('supply'),
  phase: item.choice('phase'),
  voltage: item.number('voltage'),
  amperage: item.number('amperage'),
  maxUtilization: item.number('max_utilization'),
});

const readPrefix: Reader<NetboxPrefix> = (item, index) => {
  const id = item.integer('id', true) ?? 0;
  const status = item.choice('status');
  const tenant = item.ref('tenant');
  const tags = item.tags();
  const prefix = item.network('prefix', true) ?? '';
  const vlan = item.ref('vlan');
  const scopeType = item.string('scope_type');
  return {
    id,
    index,
    status,
    tenant,
    tags,
    prefix,
    vrf: item.ref('vrf'),
    vlan: vlan && { id: vlan.id, vid: item.integer('vlan.vid'), name: vlan.name },
    role: item.ref('role'),
    site: item.has('site') ? item.ref('site') : scopeType === 'dcim.site' ? item.ref('scope') : undefined,
  };
};

const readVlan: Reader<NetboxVlan> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  status: item.choice('status'),
  tenant: item.ref('tenant'),
  tags: item.tags(),
  vid: item.integer('vid', true) ?? 0,
  name: item.string('name'),
  site: item.ref('site'),
  group: item.ref('group'),
  role: item.ref('role'),
});

const readIpAddress: Reader<NetboxIpAddress> = (item, index) => {
  const id = item.integer('id', true) ?? 0;
  const status = item.choice('status');
  const tenant = item.ref('tenant');
  const tags = item.tags();
  const address = item.address('address', true) ?? '';
  const assignedType = item.string('assigned_object_type');
  return {
    id,
    index,
    status,
    tenant,
    tags,
    address,
    assignedType,
    assignedId: assignedType ? item.integer('assigned_object_id') : undefined,
    assignedDeviceId: assignedType === 'dcim.interface' ? item.refId('assigned_object.device') : undefined,
    assignedVirtualMachineId:
      assignedType === 'virtualization.vminterface'
        ? item.refId('assigned_object.virtual_machine')
        : undefined,
    role: item.choice('role'),
  };
};

const readCluster: Reader<NetboxCluster> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  status: item.choice('status'),
  tenant: item.ref('tenant'),
  tags: item.tags(),
  name: item.string('name', true) ?? '',
  type: item.ref('type'),
  group: item.ref('group'),
});

const readVirtualMachine: Reader<NetboxVirtualMachine> = (item, index) => ({
  id: item.integer('id', true) ?? 0,
  index,
  status: item.choice('status'),
  tenant: item.ref('tenant'),
  tags: item.tags(),
  name: item.string('name', true) ?? '',
  role: item.ref('role'),
  platform: item.ref('platform'),
  site: item.ref('site'),
  cluster: item.ref('cluster'),
  device: item.ref('device'),
  vcpus: item.number('vcpus'),
  memoryMb: item.number('memory'),
  disk: item.number('disk'),
  primaryIp4: item.nestedAddress('primary_ip4'),
  primaryIp6: item.nestedAddress('primary_ip6'),
  hasSerialField: item.has('serial'),
});

function readAll<T extends { id: number }>(
  exported: NetboxExport,
  endpoint: NetboxEndpoint,
  read: Reader<T>,
  problems: InventoryProblem[],
): T[] {
  const items = exported.results[endpoint];
  if (items === undefined) return [];
  const out: T[] = [];
  const seen = new Set<number>();
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    const where = `${endpoint} results[${index}]`;
    if (!isRecord(raw)) {
      problems.push({ path: where, message: 'not an object' });
      continue;
    }
    const item = new ItemReader(problems, where, raw);
    const value = read(item, index);
    if (!item.usable) continue;
    if (seen.has(value.id)) {
      problems.push({ path: `${where}.id`, message: `duplicate id ${value.id}: an earlier item has it` });
      continue;
    }
    seen.add(value.id);
    out.push(value);
  }
  return out;
}

/** Reads every endpoint of an export; problems name the endpoint and the item's JSON path. */
export function readNetboxObjects(exported: NetboxExport): NetboxObjects {
  const problems: InventoryProblem[] = [...(exported.problems ?? [])];
  const all = <T extends { id: number }>(endpoint: NetboxEndpoint, read: Reader<T>) =>
    readAll(exported, endpoint, read, problems);
  return {
    ...(exported.version !== undefined && { version: exported.version }),
    sites: all('dcim/sites', readSite),
    locations: all('dcim/locations', readLocation),
    racks: all('dcim/racks', readRack),
    deviceTypes: all('dcim/device-types', readDeviceType),
    devices: all('dcim/devices', readDevice),
    interfaces: all('dcim/interfaces', readInterface),
    cables: all('dcim/cables', readCable),
    powerPanels: all('dcim/power-panels', readPowerPanel),
    powerFeeds: all('dcim/power-feeds', readPowerFeed),
    prefixes: all('ipam/prefixes', readPrefix),
    vlans: all('ipam/vlans', readVlan),
    ipAddresses: all('ipam/ip-addresses', readIpAddress),
    clusters: all('virtualization/clusters', readCluster),
    virtualMachines: all('virtualization/virtual-machines', readVirtualMachine),
    problems,
  };
}
