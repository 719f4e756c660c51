// NetBox answers as NetBox 4.2 writes them (full objects with `url`, `display`, choice fields as
// `{value, label}`, nested brief objects), for the importer's tests and benchmark. Test-only.
//
// `netboxSmallSample`: two sites (dc1 Frankfurt with the location Hall A, dc2 Amsterdam), three
// racks (dc1 R01 and R02 in Hall A, dc2 R01), eight devices (leaf switches dc1-leaf-1/2, router
// dc1-core-1, PDUs dc1-r01-pdu-a/b, servers web-01, hv-01, dc2-app-01), twelve interfaces, four
// data cables (servers to leaves, leaves to the router) and three power cables (feeds to the PDUs,
// web-01 to PDU A), one power panel with two feeds, three prefixes (one a container), two VLANs
// (100 with a prefix, 200 without), six IP addresses (one on a VM interface), one cluster with
// three VMs (two pinned to hv-01).
//
// `netboxSample(devices)`: a large deterministic estate in the same shapes.
import type { NetboxExport } from './netbox-objects.js';

const api = 'https://netbox.example.com/api';
const site_ = 'https://netbox.example.com';

type Json = Record<string, unknown>;

// Values many objects share are built once and frozen: a 50,000-device estate stays quick to make
// and small in memory, and nothing reading it may change them.
const none: readonly unknown[] = Object.freeze([]);
const noFields = Object.freeze({});
const choices = new Map<string, Json>();
function choice(value: string, label: string): Json {
  const key = `${value}\u0000${label}`;
  let found = choices.get(key);
  if (found === undefined) {
    found = Object.freeze({ value, label });
    choices.set(key, found);
  }
  return found;
}
const status = (value = 'active') => choice(value, value[0]?.toUpperCase() + value.slice(1));

function brief(path: string, id: number, name: string, extra: Json = {}): Json {
  return { id, url: `${api}/${path}/${id}/`, display: name, name, ...extra, description: '' };
}
const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const named = (path: string, id: number, name: string) => brief(path, id, name, { slug: slugOf(name) });

const tag = (id: number, name: string) => ({ ...named('extras/tags', id, name), color: '9e9e9e' });
const stamps = { created: '2024-05-02T09:14:00.000000Z', last_updated: '2025-01-20T16:02:11.000000Z' };

function full(path: string, id: number, display: string, fields: Json): Json {
  return {
    id,
    url: `${api}/${path}/${id}/`,
    display_url: `${site_}/${path}/${id}/`,
    display,
    ...fields,
    description: fields.description ?? '',
    comments: '',
    tags: fields.tags ?? none,
    custom_fields: noFields,
    created: stamps.created,
    last_updated: stamps.last_updated,
  };
}

function ipBrief(id: number, address: string): Json {
  const family = address.includes(':') ? 6 : 4;
  return {
    id,
    url: `${api}/ipam/ip-addresses/${id}/`,
    display: address,
    family: choice(String(family), `IPv${family}`),
    address,
    description: '',
    dns_name: '',
    nat_inside: null,
    nat_outside: none,
  };
}

// ---------------------------------------------------------------- shared references

const regionEu = named('dcim/regions', 1, 'EU Central');
const tenantOps = named('tenancy/tenants', 1, 'Ops');
const tenantShop = named('tenancy/tenants', 2, 'Shop');
const tagProduction = tag(1, 'Production');
const tagPci = tag(2, 'PCI');

const siteRef = (id: number, name: string) => named('dcim/sites', id, name);
const rackRef = (id: number, name: string) => brief('dcim/racks', id, name);
const locationRef = (id: number, name: string) => ({
  ...named('dcim/locations', id, name),
  rack_count: 0,
  _depth: 0,
});
const roleRef = (id: number, name: string) => named('dcim/device-roles', id, name);
const deviceRef = (id: number, name: string) => brief('dcim/devices', id, name);
const clusterRef = (id: number, name: string) => brief('virtualization/clusters', id, name);
const vmRef = (id: number, name: string) => brief('virtualization/virtual-machines', id, name);

const manufacturers = {
  dell: named('dcim/manufacturers', 1, 'Dell'),
  arista: named('dcim/manufacturers', 2, 'Arista'),
  juniper: named('dcim/manufacturers', 3, 'Juniper'),
  apc: named('dcim/manufacturers', 4, 'APC'),
};

interface TypeSpec {
  id: number;
  model: string;
  manufacturer: Json;
  uHeight: number;
}
const types: Record<'server' | 'leaf' | 'router' | 'pdu', TypeSpec> = {
  server: { id: 1, model: 'PowerEdge R650', manufacturer: manufacturers.dell, uHeight: 1 },
  leaf: { id: 2, model: 'DCS-7050SX3-48YC8', manufacturer: manufacturers.arista, uHeight: 1 },
  router: { id: 3, model: 'MX204', manufacturer: manufacturers.juniper, uHeight: 1 },
  pdu: { id: 4, model: 'AP8941', manufacturer: manufacturers.apc, uHeight: 0 },
};
const typeBriefs = new Map<TypeSpec, Json>();
function typeBrief(type: TypeSpec): Json {
  let found = typeBriefs.get(type);
  if (found === undefined) {
    const { name: _name, ...rest } = brief('dcim/device-types', type.id, type.model, {
      manufacturer: type.manufacturer,
      model: type.model,
      slug: slugOf(type.model),
    });
    found = Object.freeze({ ...rest, device_count: 0 });
    typeBriefs.set(type, found);
  }
  return found;
}

function deviceType(type: TypeSpec): Json {
  return full('dcim/device-types', type.id, type.model, {
    manufacturer: type.manufacturer,
    default_platform: null,
    model: type.model,
    slug: slugOf(type.model),
    part_number: '',
    u_height: type.uHeight,
    exclude_from_utilization: false,
    is_full_depth: type.uHeight > 0,
    subdevice_role: null,
    airflow: null,
    weight: null,
    weight_unit: null,
  });
}

// ---------------------------------------------------------------- builders

function site(id: number, name: string, fields: Json = {}): Json {
  return full('dcim/sites', id, name, {
    name,
    slug: slugOf(name),
    status: status(),
    region: null,
    group: null,
    tenant: null,
    facility: '',
    time_zone: 'Europe/Berlin',
    physical_address: '',
    shipping_address: '',
    latitude: null,
    longitude: null,
    asns: none,
    ...fields,
  });
}

function location(id: number, name: string, siteBrief: Json): Json {
  return full('dcim/locations', id, name, {
    name,
    slug: slugOf(name),
    site: siteBrief,
    parent: null,
    status: status(),
    tenant: null,
    facility: '',
    rack_count: 0,
    device_count: 0,
    _depth: 0,
  });
}

function rack(id: number, name: string, siteBrief: Json, locationBrief: Json | null): Json {
  return full('dcim/racks', id, name, {
    name,
    facility_id: null,
    site: siteBrief,
    location: locationBrief,
    tenant: null,
    status: status(),
    role: null,
    rack_type: null,
    form_factor: choice('4-post-cabinet', '4-post cabinet'),
    serial: '',
    asset_tag: null,
    width: choice('19', '19 inches'),
    u_height: 42,
    starting_unit: 1,
    weight: null,
    max_weight: null,
    weight_unit: null,
    desc_units: false,
    outer_width: null,
    outer_depth: null,
    outer_unit: null,
    mounting_depth: null,
    airflow: null,
    device_count: 0,
    powerfeed_count: 0,
  });
}

interface DeviceSpec {
  id: number;
  name: string | null;
  role: Json;
  type: TypeSpec;
  site: Json;
  location?: Json | null;
  rack?: Json | null;
  position?: number | null;
  tenant?: Json | null;
  platform?: Json | null;
  serial?: string;
  primaryIp4?: Json | null;
  primaryIp6?: Json | null;
  oobIp?: Json | null;
  cluster?: Json | null;
  tags?: Json[];
  interfaces?: number;
  powerPorts?: number;
}

function device(spec: DeviceSpec): Json {
  return full('dcim/devices', spec.id, spec.name ?? `${spec.type.model} (${spec.id})`, {
    name: spec.name,
    device_type: typeBrief(spec.type),
    role: spec.role,
    tenant: spec.tenant ?? null,
    platform: spec.platform ?? null,
    serial: spec.serial ?? '',
    asset_tag: null,
    site: spec.site,
    location: spec.location ?? null,
    rack: spec.rack ?? null,
    position: spec.position ?? null,
    face: spec.position ? choice('front', 'Front') : null,
    latitude: null,
    longitude: null,
    parent_device: null,
    status: status(),
    airflow: null,
    primary_ip: spec.primaryIp4 ?? spec.primaryIp6 ?? null,
    primary_ip4: spec.primaryIp4 ?? null,
    primary_ip6: spec.primaryIp6 ?? null,
    oob_ip: spec.oobIp ?? null,
    cluster: spec.cluster ?? null,
    virtual_chassis: null,
    vc_position: null,
    vc_priority: null,
    config_template: null,
    local_context_data: null,
    tags: spec.tags ?? none,
    console_port_count: 1,
    console_server_port_count: 0,
    power_port_count: spec.powerPorts ?? 2,
    power_outlet_count: 0,
    interface_count: spec.interfaces ?? 0,
    front_port_count: 0,
    rear_port_count: 0,
    device_bay_count: 0,
    module_bay_count: 0,
    inventory_item_count: 0,
  });
}

const interfaceTypes: Record<number, Json> = {
  1000000: choice('1000base-t', '1000BASE-T (1GE)'),
  10000000: choice('10gbase-x-sfpp', 'SFP+ (10GE)'),
  25000000: choice('25gbase-x-sfp28', 'SFP28 (25GE)'),
  100000000: choice('100gbase-x-qsfp28', 'QSFP28 (100GE)'),
};

interface InterfaceSpec {
  id: number;
  device: Json;
  name: string;
  speedKbps: number | null;
  mac?: string | null;
  mgmtOnly?: boolean;
  cable?: number | null;
}

/** Built as one literal, not through `full`: a large estate has hundreds of thousands. */
function iface(spec: InterfaceSpec): Json {
  const mac = spec.mac ?? null;
  return {
    id: spec.id,
    url: `${api}/dcim/interfaces/${spec.id}/`,
    display_url: `${site_}/dcim/interfaces/${spec.id}/`,
    display: spec.name,
    device: spec.device,
    vdcs: none,
    module: null,
    name: spec.name,
    label: '',
    type: spec.speedKbps
      ? (interfaceTypes[spec.speedKbps] ?? choice('other', 'Other'))
      : choice('virtual', 'Virtual'),
    enabled: true,
    parent: null,
    bridge: null,
    lag: null,
    mtu: null,
    mac_address: mac,
    primary_mac_address: mac && {
      id: spec.id,
      url: `${api}/dcim/mac-addresses/${spec.id}/`,
      display: mac,
      mac_address: mac,
      description: '',
    },
    mac_addresses: none,
    speed: spec.speedKbps,
    duplex: null,
    wwn: null,
    mgmt_only: spec.mgmtOnly ?? false,
    mode: null,
    rf_role: null,
    rf_channel: null,
    poe_mode: null,
    poe_type: null,
    untagged_vlan: null,
    tagged_vlans: none,
    qinq_svlan: null,
    vlan_translation_policy: null,
    mark_connected: false,
    cable: spec.cable
      ? {
          id: spec.cable,
          url: `${api}/dcim/cables/${spec.cable}/`,
          display: `#${spec.cable}`,
          label: '',
          description: '',
        }
      : null,
    cable_end: spec.cable ? 'A' : '',
    wireless_link: null,
    link_peers: none,
    link_peers_type: null,
    wireless_lans: none,
    vrf: null,
    l2vpn_termination: null,
    connected_endpoints: null,
    connected_endpoints_type: null,
    connected_endpoints_reachable: null,
    description: '',
    tags: none,
    custom_fields: noFields,
    created: stamps.created,
    last_updated: stamps.last_updated,
    count_ipaddresses: 0,
    count_fhrp_groups: 0,
    _occupied: Boolean(spec.cable),
  };
}

interface Termination {
  type: 'dcim.interface' | 'dcim.powerport' | 'dcim.poweroutlet' | 'dcim.powerfeed' | 'dcim.frontport';
  id: number;
  name: string;
  device?: Json;
}

const terminationPaths = {
  'dcim.interface': 'dcim/interfaces',
  'dcim.powerport': 'dcim/power-ports',
  'dcim.poweroutlet': 'dcim/power-outlets',
  'dcim.powerfeed': 'dcim/power-feeds',
  'dcim.frontport': 'dcim/front-ports',
};

function termination(end: Termination, cable: number): Json {
  const url = `${api}/${terminationPaths[end.type]}/${end.id}/`;
  const object = end.device
    ? {
        id: end.id,
        url,
        display: end.name,
        device: end.device,
        name: end.name,
        description: '',
        cable,
        _occupied: true,
      }
    : { id: end.id, url, display: end.name, name: end.name, description: '', cable, _occupied: true };
  return { object_type: end.type, object_id: end.id, object };
}

function cable(id: number, a: Termination, b: Termination, type = 'cat6'): Json {
  return {
    id,
    url: `${api}/dcim/cables/${id}/`,
    display_url: `${site_}/dcim/cables/${id}/`,
    display: `#${id}`,
    type,
    a_terminations: [termination(a, id)],
    b_terminations: [termination(b, id)],
    status: choice('connected', 'Connected'),
    profile: null,
    tenant: null,
    label: '',
    color: '',
    length: null,
    length_unit: null,
    description: '',
    comments: '',
    tags: none,
    custom_fields: noFields,
    created: stamps.created,
    last_updated: stamps.last_updated,
  };
}

function ipAddress(
  id: number,
  address: string,
  assigned: { type: string; id: number; object: Json } | null,
): Json {
  return full('ipam/ip-addresses', id, address, {
    family: choice(address.includes(':') ? '6' : '4', address.includes(':') ? 'IPv6' : 'IPv4'),
    address,
    vrf: null,
    tenant: null,
    status: status(),
    role: null,
    assigned_object_type: assigned?.type ?? null,
    assigned_object_id: assigned?.id ?? null,
    assigned_object: assigned?.object ?? null,
    nat_inside: null,
    nat_outside: none,
    dns_name: '',
  });
}

const onInterface = (id: number, name: string, deviceBrief: Json) => ({
  type: 'dcim.interface',
  id,
  object: { ...brief('dcim/interfaces', id, name), device: deviceBrief, cable: null, _occupied: false },
});

function vlan(id: number, vid: number, name: string, siteBrief: Json | null): Json {
  return full('ipam/vlans', id, `${name} (${vid})`, {
    site: siteBrief,
    group: null,
    vid,
    name,
    tenant: null,
    status: status(),
    role: null,
    qinq_role: null,
    qinq_svlan: null,
    l2vpn_termination: null,
    prefix_count: 0,
  });
}

function prefix(id: number, cidr: string, fields: Json): Json {
  return full('ipam/prefixes', id, cidr, {
    family: choice('4', 'IPv4'),
    prefix: cidr,
    vrf: null,
    scope_type: null,
    scope_id: null,
    scope: null,
    tenant: null,
    vlan: null,
    status: status(),
    role: null,
    is_pool: false,
    mark_utilized: false,
    children: 0,
    _depth: 0,
    ...fields,
  });
}

function powerFeed(id: number, name: string, panelBrief: Json, rackBrief: Json | null, fields: Json): Json {
  return full('dcim/power-feeds', id, name, {
    power_panel: panelBrief,
    rack: rackBrief,
    name,
    status: status(),
    type: choice('primary', 'Primary'),
    supply: choice('ac', 'AC'),
    phase: choice('single-phase', 'Single phase'),
    voltage: 230,
    amperage: 16,
    max_utilization: 80,
    mark_connected: false,
    cable: null,
    cable_end: '',
    link_peers: none,
    link_peers_type: null,
    connected_endpoints: null,
    connected_endpoints_type: null,
    connected_endpoints_reachable: null,
    tenant: null,
    _occupied: true,
    ...fields,
  });
}

function virtualMachine(id: number, name: string, fields: Json): Json {
  return full('virtualization/virtual-machines', id, name, {
    name,
    status: status(),
    site: null,
    cluster: null,
    device: null,
    serial: '',
    role: null,
    tenant: null,
    platform: null,
    primary_ip: null,
    primary_ip4: null,
    primary_ip6: null,
    vcpus: null,
    memory: null,
    disk: null,
    config_template: null,
    local_context_data: null,
    interface_count: 1,
    virtual_disk_count: 1,
    ...fields,
  });
}

// ---------------------------------------------------------------- the small estate

/** The small estate (see the head of the file), NetBox 4.2. A fresh copy on every call. */
export function netboxSmallSample(): NetboxExport {
  const dc1 = siteRef(1, 'dc1');
  const dc2 = siteRef(2, 'dc2');
  const hallA = locationRef(1, 'Hall A');
  const dc1R01 = rackRef(1, 'R01');
  const dc1R02 = rackRef(2, 'R02');
  const dc2R01 = rackRef(3, 'R01');
  const roles = {
    leaf: roleRef(1, 'Leaf'),
    router: roleRef(2, 'Core Router'),
    pdu: roleRef(3, 'PDU'),
    server: roleRef(4, 'Server'),
  };
  const ubuntu = named('dcim/platforms', 1, 'Ubuntu 22.04');
  const prodCluster = clusterRef(1, 'prod-cluster');

  const leaf1 = deviceRef(1, 'dc1-leaf-1');
  const leaf2 = deviceRef(2, 'dc1-leaf-2');
  const core1 = deviceRef(3, 'dc1-core-1');
  const pduA = deviceRef(4, 'dc1-r01-pdu-a');
  const pduB = deviceRef(5, 'dc1-r01-pdu-b');
  const web01 = deviceRef(6, 'web-01');
  const hv01 = deviceRef(7, 'hv-01');
  const app01 = deviceRef(8, 'dc2-app-01');

  const ip = {
    web: ipBrief(1, '10.1.0.10/24'),
    webBmc: ipBrief(2, '10.255.1.10/16'),
    hv: ipBrief(3, '10.1.0.20/24'),
    leafMgmt: ipBrief(4, '10.255.0.11/16'),
    vm: ipBrief(5, '10.1.0.101/24'),
    web6: ipBrief(6, '2001:db8:1::10/64'),
  };

  const devices = [
    device({
      id: 1,
      name: 'dc1-leaf-1',
      role: roles.leaf,
      type: types.leaf,
      site: dc1,
      location: hallA,
      rack: dc1R01,
      position: 42,
      serial: 'JPE21012345',
      primaryIp4: ip.leafMgmt,
      interfaces: 3,
    }),
    device({
      id: 2,
      name: 'dc1-leaf-2',
      role: roles.leaf,
      type: types.leaf,
      site: dc1,
      location: hallA,
      rack: dc1R02,
      position: 42,
      serial: 'JPE21012346',
      interfaces: 2,
    }),
    device({
      id: 3,
      name: 'dc1-core-1',
      role: roles.router,
      type: types.router,
      site: dc1,
      location: hallA,
      rack: dc1R02,
      position: 40,
      interfaces: 2,
    }),
    device({
      id: 4,
      name: 'dc1-r01-pdu-a',
      role: roles.pdu,
      type: types.pdu,
      site: dc1,
      location: hallA,
      rack: dc1R01,
      interfaces: 1,
      powerPorts: 1,
    }),
    device({
      id: 5,
      name: 'dc1-r01-pdu-b',
      role: roles.pdu,
      type: types.pdu,
      site: dc1,
      location: hallA,
      rack: dc1R01,
      powerPorts: 1,
    }),
    device({
      id: 6,
      name: 'web-01',
      role: roles.server,
      type: types.server,
      site: dc1,
      location: hallA,
      rack: dc1R01,
      position: 10,
      platform: ubuntu,
      serial: 'CN7016381C0042',
      primaryIp4: ip.web,
      primaryIp6: ip.web6,
      oobIp: ip.webBmc,
      tenant: tenantShop,
      tags: [tagProduction, tagPci],
      interfaces: 2,
    }),
    device({
      id: 7,
      name: 'hv-01',
      role: roles.server,
      type: types.server,
      site: dc1,
      location: hallA,
      rack: dc1R02,
      position: 12,
      platform: ubuntu,
      serial: 'CN7016381C0043',
      primaryIp4: ip.hv,
      cluster: prodCluster,
      interfaces: 1,
    }),
    device({
      id: 8,
      name: 'dc2-app-01',
      role: roles.server,
      type: types.server,
      site: dc2,
      rack: dc2R01,
      position: 5,
      tenant: tenantShop,
      interfaces: 1,
    }),
  ];

  const g1 = 1_000_000;
  const g10 = 10_000_000;
  const g25 = 25_000_000;
  const g100 = 100_000_000;
  const interfaces = [
    iface({ id: 1, device: leaf1, name: 'Ethernet1', speedKbps: g25, cable: 1 }),
    iface({ id: 2, device: leaf1, name: 'Ethernet49/1', speedKbps: g100, cable: 3 }),
    iface({ id: 3, device: leaf1, name: 'Management1', speedKbps: g1, mgmtOnly: true }),
    iface({ id: 4, device: leaf2, name: 'Ethernet1', speedKbps: g10, cable: 2 }),
    iface({ id: 5, device: leaf2, name: 'Ethernet49/1', speedKbps: g100, cable: 4 }),
    iface({ id: 6, device: core1, name: 'et-0/0/0', speedKbps: g100, cable: 3 }),
    iface({ id: 7, device: core1, name: 'et-0/0/1', speedKbps: g100, cable: 4 }),
    iface({ id: 8, device: pduA, name: 'NET', speedKbps: g1 }),
    iface({ id: 9, device: web01, name: 'eth0', speedKbps: g25, mac: 'B8:CE:F6:12:34:56', cable: 1 }),
    iface({ id: 10, device: web01, name: 'bmc', speedKbps: g1, mac: 'D0:8E:79:00:00:01', mgmtOnly: true }),
    iface({ id: 11, device: hv01, name: 'eth0', speedKbps: g25, mac: 'B8:CE:F6:12:34:99', cable: 2 }),
    iface({ id: 12, device: app01, name: 'eth0', speedKbps: g1 }),
  ];

  const panel = brief('dcim/power-panels', 1, 'MDB-1');
  const cables = [
    cable(
      1,
      { type: 'dcim.interface', id: 9, name: 'eth0', device: web01 },
      { type: 'dcim.interface', id: 1, name: 'Ethernet1', device: leaf1 },
      'dac-passive',
    ),
    cable(
      2,
      { type: 'dcim.interface', id: 11, name: 'eth0', device: hv01 },
      { type: 'dcim.interface', id: 4, name: 'Ethernet1', device: leaf2 },
      'dac-passive',
    ),
    cable(
      3,
      { type: 'dcim.interface', id: 2, name: 'Ethernet49/1', device: leaf1 },
      { type: 'dcim.interface', id: 6, name: 'et-0/0/0', device: core1 },
      'smf',
    ),
    cable(
      4,
      { type: 'dcim.interface', id: 5, name: 'Ethernet49/1', device: leaf2 },
      { type: 'dcim.interface', id: 7, name: 'et-0/0/1', device: core1 },
      'smf',
    ),
    cable(
      5,
      { type: 'dcim.powerfeed', id: 1, name: 'Feed A' },
      { type: 'dcim.powerport', id: 1, name: 'Input', device: pduA },
      'power',
    ),
    cable(
      6,
      { type: 'dcim.powerfeed', id: 2, name: 'Feed B' },
      { type: 'dcim.powerport', id: 2, name: 'Input', device: pduB },
      'power',
    ),
    cable(
      7,
      { type: 'dcim.powerport', id: 3, name: 'PSU1', device: web01 },
      { type: 'dcim.poweroutlet', id: 1, name: 'Outlet 1', device: pduA },
      'power',
    ),
  ];

  const servers = vlan(1, 100, 'servers', dc1);
  const storage = vlan(2, 200, 'storage', dc1);
  const serversBrief = brief('ipam/vlans', 1, 'servers (100)', { vid: 100, name: 'servers' });

  return {
    version: '4.2.1',
    results: {
      'dcim/sites': [
        site(1, 'dc1', {
          region: regionEu,
          tenant: tenantOps,
          facility: 'Equinix FR5',
          physical_address: 'Kruppstraße 121, 60388 Frankfurt am Main',
        }),
        site(2, 'dc2', { time_zone: 'Europe/Amsterdam' }),
      ],
      'dcim/locations': [location(1, 'Hall A', dc1)],
      'dcim/racks': [rack(1, 'R01', dc1, hallA), rack(2, 'R02', dc1, hallA), rack(3, 'R01', dc2, null)],
      'dcim/device-types': Object.values(types).map(deviceType),
      'dcim/devices': devices,
      'dcim/interfaces': interfaces,
      'dcim/cables': cables,
      'dcim/power-panels': [
        full('dcim/power-panels', 1, 'MDB-1', {
          site: dc1,
          location: hallA,
          name: 'MDB-1',
          powerfeed_count: 2,
        }),
      ],
      'dcim/power-feeds': [
        powerFeed(1, 'Feed A', panel, dc1R01, {
          phase: choice('three-phase', 'Three-phase'),
          voltage: 400,
          amperage: 32,
        }),
        powerFeed(2, 'Feed B', panel, dc1R01, { type: choice('redundant', 'Redundant') }),
      ],
      'ipam/prefixes': [
        prefix(1, '10.0.0.0/8', { status: status('container') }),
        prefix(2, '10.1.0.0/24', {
          vlan: serversBrief,
          scope_type: 'dcim.site',
          scope_id: 1,
          scope: dc1,
          role: named('ipam/roles', 1, 'Production'),
        }),
        prefix(3, '10.255.0.0/16', { role: named('ipam/roles', 2, 'Management') }),
      ],
      'ipam/vlans': [servers, storage],
      'ipam/ip-addresses': [
        ipAddress(1, '10.1.0.10/24', onInterface(9, 'eth0', web01)),
        ipAddress(2, '10.255.1.10/16', onInterface(10, 'bmc', web01)),
        ipAddress(3, '10.1.0.20/24', onInterface(11, 'eth0', hv01)),
        ipAddress(4, '10.255.0.11/16', onInterface(3, 'Management1', leaf1)),
        ipAddress(5, '10.1.0.101/24', {
          type: 'virtualization.vminterface',
          id: 1,
          object: { ...brief('virtualization/interfaces', 1, 'eth0'), virtual_machine: vmRef(1, 'web-vm-1') },
        }),
        ipAddress(6, '2001:db8:1::10/64', onInterface(9, 'eth0', web01)),
      ],
      'virtualization/clusters': [
        full('virtualization/clusters', 1, 'prod-cluster', {
          name: 'prod-cluster',
          type: named('virtualization/cluster-types', 1, 'VMware vSphere'),
          group: null,
          status: status(),
          tenant: null,
          scope_type: 'dcim.site',
          scope_id: 1,
          scope: dc1,
          device_count: 1,
          virtualmachine_count: 3,
        }),
      ],
      'virtualization/virtual-machines': [
        virtualMachine(1, 'web-vm-1', {
          site: dc1,
          cluster: prodCluster,
          device: hv01,
          role: roleRef(4, 'Server'),
          platform: ubuntu,
          primary_ip: ip.vm,
          primary_ip4: ip.vm,
          vcpus: 4,
          memory: 8192,
          disk: 80000,
          tenant: tenantShop,
        }),
        virtualMachine(2, 'web-vm-2', {
          site: dc1,
          cluster: prodCluster,
          device: hv01,
          vcpus: 2.5,
          memory: 4096,
          disk: 40000,
        }),
        virtualMachine(3, 'db-vm-1', {
          site: dc1,
          cluster: prodCluster,
          vcpus: 8,
          memory: 32768,
          disk: 500000,
          status: status('planned'),
        }),
      ],
    },
  };
}

// ---------------------------------------------------------------- the large generator

/**
 * A large estate in NetBox 4.2 shapes, `devices` devices in all, deterministic (no randomness):
 * sites of up to 50 racks in one location each; per rack two leaf switches, two PDUs on their own
 * feeds and servers (two interfaces each, cabled to both leaves, one address); two uplinks per
 * leaf to the site's router; one prefix per rack; one VM per four servers, on the first server of
 * its rack. Devices are filled rack by rack, so the last rack may be partial.
 */
export function netboxSample(devices: number): NetboxExport {
  const perRack = 40;
  const racksPerSite = 50;
  const sites: Json[] = [];
  const locations: Json[] = [];
  const racks: Json[] = [];
  const deviceList: Json[] = [];
  const interfaces: Json[] = [];
  const cables: Json[] = [];
  const panels: Json[] = [];
  const feeds: Json[] = [];
  const prefixes: Json[] = [];
  const vlans: Json[] = [];
  const ips: Json[] = [];
  const vms: Json[] = [];
  const roles = {
    leaf: roleRef(1, 'Leaf'),
    router: roleRef(2, 'Core Router'),
    pdu: roleRef(3, 'PDU'),
    server: roleRef(4, 'Server'),
  };
  const cluster = clusterRef(1, 'sample-cluster');
  let deviceId = 0;
  let interfaceId = 0;
  let cableId = 0;
  let ipId = 0;
  let vmId = 0;
  let siteBrief: Json = {};
  let locationBrief: Json = {};
  let panelBrief: Json = {};
  let router: { brief: Json; next: number } | undefined;
  const addInterface = (owner: Json, name: string, speedKbps: number, cabled: boolean): Termination => {
    interfaceId++;
    interfaces.push(
      iface({ id: interfaceId, device: owner, name, speedKbps, cable: cabled ? cableId + 1 : null }),
    );
    return { type: 'dcim.interface', id: interfaceId, name, device: owner };
  };
  const addDevice = (spec: Omit<DeviceSpec, 'id' | 'site' | 'location'>): Json => {
    deviceId++;
    deviceList.push(device({ ...spec, id: deviceId, site: siteBrief, location: locationBrief }));
    return deviceRef(deviceId, spec.name ?? '');
  };
  const link = (a: Termination, b: Termination, type: string) => {
    cableId++;
    cables.push(cable(cableId, a, b, type));
  };

  for (let rackIndex = 0; deviceId < devices; rackIndex++) {
    const siteIndex = Math.floor(rackIndex / racksPerSite);
    const siteName = `site-${String(siteIndex + 1).padStart(3, '0')}`;
    if (rackIndex % racksPerSite === 0) {
      const id = siteIndex + 1;
      sites.push(site(id, siteName));
      siteBrief = siteRef(id, siteName);
      locations.push(location(id, 'Hall 1', siteBrief));
      locationBrief = locationRef(id, 'Hall 1');
      panels.push(
        full('dcim/power-panels', id, 'MDB', { site: siteBrief, location: locationBrief, name: 'MDB' }),
      );
      panelBrief = brief('dcim/power-panels', id, 'MDB');
      const routerBrief = addDevice({
        name: `${siteName}-core`,
        role: roles.router,
        type: types.router,
        rack: null,
      });
      router = { brief: routerBrief, next: 0 };
    }
    const rackId = rackIndex + 1;
    const rackName = `R${String((rackIndex % racksPerSite) + 1).padStart(2, '0')}`;
    const rackBrief = rackRef(rackId, rackName);
    racks.push(rack(rackId, rackName, siteBrief, locationBrief));
    const prefixText = `10.${Math.floor(rackIndex / 256) % 256}.${rackIndex % 256}.0/24`;
    const vid = 100 + (rackIndex % racksPerSite);
    vlans.push(vlan(rackId, vid, `rack-${rackName.toLowerCase()}`, siteBrief));
    prefixes.push(
      prefix(rackId, prefixText, {
        vlan: brief('ipam/vlans', rackId, `rack (${vid})`, { vid, name: `rack-${rackName.toLowerCase()}` }),
        scope_type: 'dcim.site',
        scope: siteBrief,
      }),
    );
    const leaves: Termination[][] = [];
    for (const side of ['a', 'b']) {
      if (deviceId >= devices) break;
      const name = `${siteName}-${rackName.toLowerCase()}-leaf-${side}`;
      const leaf = addDevice({
        name,
        role: roles.leaf,
        type: types.leaf,
        rack: rackBrief,
        position: side === 'a' ? 42 : 41,
      });
      const ports: Termination[] = [];
      for (let port = 1; port <= perRack; port++)
        ports.push(addInterface(leaf, `Ethernet${port}`, 25_000_000, false));
      for (const uplink of [49, 50]) {
        const near = addInterface(leaf, `Ethernet${uplink}/1`, 100_000_000, true);
        if (router) {
          router.next++;
          const far = addInterface(router.brief, `et-0/0/${router.next}`, 100_000_000, false);
          link(near, far, 'smf');
        }
      }
      leaves.push(ports);
    }
    for (const side of ['a', 'b']) {
      if (deviceId >= devices) break;
      const feedId = feeds.length + 1;
      const feedName = `${rackName} ${side.toUpperCase()}`;
      feeds.push(
        powerFeed(feedId, feedName, panelBrief, rackBrief, {
          phase: choice('three-phase', 'Three-phase'),
          voltage: 400,
          amperage: 16,
        }),
      );
      const pdu = addDevice({
        name: `${siteName}-${rackName.toLowerCase()}-pdu-${side}`,
        role: roles.pdu,
        type: types.pdu,
        rack: rackBrief,
        powerPorts: 1,
      });
      link(
        { type: 'dcim.powerfeed', id: feedId, name: feedName },
        { type: 'dcim.powerport', id: deviceId, name: 'Input', device: pdu },
        'power',
      );
    }
    let firstServer: Json | undefined;
    for (let slot = 1; slot <= perRack - 4 && deviceId < devices; slot++) {
      const name = `${siteName}-${rackName.toLowerCase()}-srv-${String(slot).padStart(2, '0')}`;
      ipId++;
      const address = `${prefixText.slice(0, prefixText.lastIndexOf('.'))}.${slot + 10}/24`;
      const ipRef = ipBrief(ipId, address);
      const server = addDevice({
        name,
        role: roles.server,
        type: types.server,
        rack: rackBrief,
        position: slot,
        serial: `SN${String(deviceId + 1).padStart(8, '0')}`,
        primaryIp4: ipRef,
        interfaces: 2,
      });
      firstServer ??= server;
      for (const [at, ports] of leaves.entries()) {
        const port = ports[slot - 1];
        const near = addInterface(server, `eth${at}`, 25_000_000, port !== undefined);
        if (at === 0) ips.push(ipAddress(ipId, address, onInterface(near.id, near.name, server)));
        if (port) link(near, port, 'dac-passive');
      }
      if (slot % 4 === 0) {
        vmId++;
        vms.push(
          virtualMachine(vmId, `${name}-vm`, {
            site: siteBrief,
            cluster,
            device: firstServer,
            vcpus: 4,
            memory: 16384,
            disk: 100000,
          }),
        );
      }
    }
  }

  return {
    version: '4.2.1',
    results: {
      'dcim/sites': sites,
      'dcim/locations': locations,
      'dcim/racks': racks,
      'dcim/device-types': Object.values(types).map(deviceType),
      'dcim/devices': deviceList,
      'dcim/interfaces': interfaces,
      'dcim/cables': cables,
      'dcim/power-panels': panels,
      'dcim/power-feeds': feeds,
      'ipam/prefixes': prefixes,
      'ipam/vlans': vlans,
      'ipam/ip-addresses': ips,
      'virtualization/clusters': [
        full('virtualization/clusters', 1, 'sample-cluster', {
          name: 'sample-cluster',
          type: named('virtualization/cluster-types', 1, 'KVM'),
          status: status(),
        }),
      ],
      'virtualization/virtual-machines': vms,
    },
  };
}
