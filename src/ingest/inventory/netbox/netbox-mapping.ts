// NetBox objects → the estate they declare (source `netbox:<instance>`). The table, with units:
//
//   site            site:<slug>                      labels site, netbox-region, netbox-site-group, tenant, facility
//   location        room:<site>/<slug>               site contains room (nested locations: all under the site)
//   rack            rack:<site>/<slug(name)>         units ← u_height; room or site contains rack
//   device          <kind>:<slug(name)>              kind from the role (netbox-device-kind.ts); passive
//                   (<kind>:netbox-<id> unnamed)     devices (patch panels) are counted, not mapped;
//                                                    serial, model, position, heightUnits, ipAddresses,
//                                                    os ← platform, managementIp ← oob_ip or primary IP,
//                                                    role ← the fabric place; what the kind does not
//                                                    declare becomes a label; rack (else room, else
//                                                    site, as the catalog allows) contains the device
//   interface       interface:<device>/<slug(name)>  speedBitsPerSecond = speed kbit/s × 1000,
//                                                    macAddress (lower case), ipAddresses; device
//                                                    contains interface (hosts, switches, routers,
//                                                    firewalls, load balancers: the kinds that may)
//   ip address      ipAddresses of its interface, of its host (but for the host's oob_ip, a
//                   label management-ip), of its VM (address without length, canonical)
//   cable           interface connects interface, from the end nearer the servers to its uplink
//   (interfaces)    (netbox-device-kind.ts networkTier), `peer: true` between ends of one tier;
//                   capacityBitsPerSecond = the slower known speed; netboxCableId
//   interface path  connected_endpoints through patch panels: the same connects, no cable id
//   cable (power)   power port ↔ power outlet: device powered-by the outlet's device (a PDU);
//                   power port ↔ power feed: device powered-by power-feed
//   cable (other)   front/rear ports, console, circuits: counted (`dcim/cables:skipped`)
//   power feed      power-feed:<site>/<slug(name)>   voltage; ratedWatts = |V| × A (× √3 three-phase,
//                                                    V line to line), power factor 1, without
//                                                    max_utilization (label): the twin's load_ratio
//                                                    thresholds already carry the 80 % rule;
//                                                    site contains feed, rack powered-by feed
//   prefix          network-segment:<cidr>           cidrs [cidr]; labels vlan, vrf, role, site;
//                                                    `container` prefixes are counted, not mapped
//                                                    (a covering segment would merge its children)
//   vlan            label vlan on its prefix's segment; a VLAN without a prefix is
//                   network-segment:vlan-<site slug, else group slug, else global>-<vid>
//   virtual machine vm:<slug(name)>                  cpuCores ← vcpus, memoryBytes = memory MB × 2^20,
//                                                    diskBytes = disk × 10^9 (GB, NetBox < 4.1) or
//                                                    × 10^6 (MB, 4.1+; NetBox converted GB ×1000),
//                                                    ipAddresses, os; runs-on its device when that
//                                                    device is a host
//   cluster         label cluster (and cluster-type) on its VMs
//
// Entities also get `netbox-id`, `status`, `tenant` and `tag-<slug>: "true"` labels where NetBox
// has them. Counts: the objects read per endpoint, and `dcim/devices:passive`,
// `dcim/interfaces:skipped` (their device is not mapped or holds no interfaces),
// `dcim/interfaces:traced-links`, `dcim/cables:data`, `:power`, `:skipped`, `:unresolved` (an end
// not mapped), `ipam/prefixes:containers`, `ipam/ip-addresses:unassigned`.
import type { InventoryImport, InventoryProblem } from '../inventory-import.js';
import { inventorySlug } from '../inventory-import.js';
import { classifyDevice, type DeviceKind, networkTier } from './netbox-device-kind.js';
import { type EntityDraft, EstateBuilder } from './netbox-estate-builder.js';
import {
  type NetboxCable,
  type NetboxCableEnd,
  type NetboxDevice,
  type NetboxEndpoint,
  type NetboxObject,
  type NetboxObjects,
  type NetboxRef,
  netboxEndpoints,
} from './netbox-objects.js';

export interface NetboxInventoryOptions {
  /** The NetBox instance, e.g. its host name: the import's source is `netbox:<instance>`. */
  instance: string;
  /**
   * The unit of a VM's `disk`: GB before NetBox 4.1, MB since. By default from the export's
   * version, else from the VMs' shape (4.1 added their `serial` field), else GB.
   */
  diskUnit?: 'GB' | 'MB';
}

interface PlacedDevice {
  readonly entityId: string;
  /** The id without its kind: what the device's interface ids start with. */
  readonly name: string;
  readonly kind: DeviceKind;
  readonly fabricRole?: string;
}

interface PlacedInterface {
  readonly entityId: string;
  readonly device: PlacedDevice;
  readonly speedBitsPerSecond?: number;
}

/** Whether a NetBox version string (`4.1`, `v4.2.3`, `3.7.8-docker`) is 4.1 or later. */
export function reportsDiskInMegabytes(version: string): boolean | undefined {
  const match = /(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 4 || (major === 4 && minor >= 1);
}

function diskUnitOf(objects: NetboxObjects, options: NetboxInventoryOptions): 'GB' | 'MB' {
  if (options.diskUnit) return options.diskUnit;
  const fromVersion = objects.version === undefined ? undefined : reportsDiskInMegabytes(objects.version);
  if (fromVersion !== undefined) return fromVersion ? 'MB' : 'GB';
  return objects.virtualMachines.some((vm) => vm.hasSerialField) ? 'MB' : 'GB';
}

const slug = inventorySlug;
const where = (endpoint: NetboxEndpoint, object: { index: number }, field?: string) =>
  `${endpoint} results[${object.index}]${field ? `.${field}` : ''}`;
const owner = (endpoint: NetboxEndpoint, object: { index: number }) => ({ endpoint, index: object.index });

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

class NetboxMapping {
  readonly builder = new EstateBuilder();
  readonly counts: Record<string, number> = {};
  readonly #siteSlugs = new Map<number, string>();
  readonly #siteIds = new Map<number, string>();
  readonly #rooms = new Map<number, { entityId: string; slug: string }>();
  readonly #racks = new Map<
    number,
    { entityId: string; slug: string; siteSlug: string; roomSlug?: string }
  >();
  readonly #devices = new Map<number, PlacedDevice>();
  readonly #passiveDevices = new Set<number>();
  readonly #interfaces = new Map<number, PlacedInterface>();
  readonly #powerFeeds = new Map<number, string>();
  readonly #ipsByInterface = new Map<number, string[]>();
  readonly #ipsByDevice = new Map<number, string[]>();
  readonly #ipsByVm = new Map<number, string[]>();

  constructor(
    private readonly objects: NetboxObjects,
    private readonly diskUnit: 'GB' | 'MB',
  ) {}

  count(key: string, by = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + by;
  }

  problem(path: string, message: string): void {
    this.builder.problems.push({ path, message });
  }

  readonly #missing = new Set<string>();

  /** True the first time a missing object is met, so that one gap is one problem, not thousands. */
  firstMiss(what: string, id: number): boolean {
    const key = `${what} ${id}`;
    if (this.#missing.has(key)) return false;
    this.#missing.add(key);
    return true;
  }

  run(): void {
    const objects = this.objects;
    const sizes: Record<NetboxEndpoint, number> = {
      'dcim/sites': objects.sites.length,
      'dcim/locations': objects.locations.length,
      'dcim/racks': objects.racks.length,
      'dcim/device-types': objects.deviceTypes.length,
      'dcim/devices': objects.devices.length,
      'dcim/interfaces': objects.interfaces.length,
      'dcim/cables': objects.cables.length,
      'dcim/power-panels': objects.powerPanels.length,
      'dcim/power-feeds': objects.powerFeeds.length,
      'ipam/prefixes': objects.prefixes.length,
      'ipam/vlans': objects.vlans.length,
      'ipam/ip-addresses': objects.ipAddresses.length,
      'virtualization/clusters': objects.clusters.length,
      'virtualization/virtual-machines': objects.virtualMachines.length,
    };
    for (const endpoint of netboxEndpoints) this.counts[endpoint] = sizes[endpoint];
    this.indexAddresses();
    this.mapSites();
    this.mapLocations();
    this.mapRacks();
    this.mapPowerFeeds();
    this.mapDevices();
    this.mapInterfaces();
    this.mapCables();
    this.mapTracedPaths();
    this.mapNetworks();
    this.mapVirtualMachines();
  }

  /** The labels every entity gets. */
  common(draft: EntityDraft, object: NetboxObject): void {
    const { builder } = this;
    builder.label(draft, 'netbox-id', String(object.id));
    builder.label(draft, 'status', object.status);
    builder.label(draft, 'tenant', refSlug(object.tenant));
    builder.tags(draft, object.tags);
  }

  siteSlug(ref: NetboxRef | undefined): string | undefined {
    if (ref === undefined) return undefined;
    return this.#siteSlugs.get(ref.id) ?? (ref.slug ? slug(ref.slug) : ref.name ? slug(ref.name) : undefined);
  }

  indexAddresses(): void {
    for (const ip of this.objects.ipAddresses) {
      let placed = false;
      if (ip.assignedType === 'dcim.interface' && ip.assignedId !== undefined) {
        pushTo(this.#ipsByInterface, ip.assignedId, ip.address);
        placed = true;
      }
      if (ip.assignedDeviceId !== undefined) pushTo(this.#ipsByDevice, ip.assignedDeviceId, ip.address);
      if (ip.assignedVirtualMachineId !== undefined) {
        pushTo(this.#ipsByVm, ip.assignedVirtualMachineId, ip.address);
        placed = true;
      }
      if (!placed) this.count('ipam/ip-addresses:unassigned');
    }
  }

  mapSites(): void {
    const { builder } = this;
    for (const site of this.objects.sites) {
      const siteSlug = slug(site.slug);
      const id = builder.claim([`site:${siteSlug}`], site.id, owner('dcim/sites', site));
      if (id === undefined) continue;
      this.#siteSlugs.set(site.id, siteSlug);
      this.#siteIds.set(site.id, id);
      const draft = builder.entity(id, site.name);
      builder.label(draft, 'site', siteSlug);
      builder.label(draft, 'netbox-region', refSlug(site.region));
      builder.label(draft, 'netbox-site-group', refSlug(site.group));
      builder.label(draft, 'facility', site.facility);
      this.common(draft, site);
    }
  }

  mapLocations(): void {
    const { builder } = this;
    for (const location of this.objects.locations) {
      const siteSlug = this.siteSlug(location.site) ?? `netbox-site-${location.site.id}`;
      const roomSlug = slug(location.slug);
      const id = builder.claim(
        [`room:${siteSlug}/${roomSlug}`],
        location.id,
        owner('dcim/locations', location),
      );
      if (id === undefined) continue;
      this.#rooms.set(location.id, { entityId: id, slug: roomSlug });
      const draft = builder.entity(id, location.name);
      builder.label(draft, 'site', siteSlug);
      builder.label(draft, 'room', roomSlug);
      this.common(draft, location);
      const site = this.#siteIds.get(location.site.id);
      if (site) builder.relate('contains', site, id);
    }
  }

  mapRacks(): void {
    const { builder } = this;
    for (const rack of this.objects.racks) {
      const siteSlug = this.siteSlug(rack.site) ?? `netbox-site-${rack.site.id}`;
      const rackSlug = slug(rack.name);
      const id = builder.claim([`rack:${siteSlug}/${rackSlug}`], rack.id, owner('dcim/racks', rack));
      if (id === undefined) continue;
      const room = rack.location && this.#rooms.get(rack.location.id);
      this.#racks.set(rack.id, {
        entityId: id,
        slug: rackSlug,
        siteSlug,
        ...(room && { roomSlug: room.slug }),
      });
      const draft = builder.entity(id, rack.name);
      if (rack.uHeight !== undefined) builder.prop(draft, 'units', rack.uHeight, 'units');
      builder.label(draft, 'site', siteSlug);
      builder.label(draft, 'room', room?.slug);
      builder.label(draft, 'rack', rackSlug);
      builder.label(draft, 'role', refSlug(rack.role));
      builder.label(draft, 'serial', rack.serial);
      builder.label(draft, 'facility-id', rack.facilityId);
      this.common(draft, rack);
      const parent = room?.entityId ?? this.#siteIds.get(rack.site.id);
      if (parent) builder.relate('contains', parent, id);
    }
  }

  mapPowerFeeds(): void {
    const { builder } = this;
    const panels = new Map(this.objects.powerPanels.map((panel) => [panel.id, panel]));
    for (const feed of this.objects.powerFeeds) {
      const panel = panels.get(feed.powerPanel.id);
      const rack = feed.rack && this.#racks.get(feed.rack.id);
      const siteSlug = this.siteSlug(panel?.site) ?? rack?.siteSlug;
      const name = slug(feed.name);
      const id = builder.claim(
        [siteSlug ? `power-feed:${siteSlug}/${name}` : `power-feed:${name}`],
        feed.id,
        owner('dcim/power-feeds', feed),
      );
      if (id === undefined) continue;
      this.#powerFeeds.set(feed.id, id);
      const draft = builder.entity(id, feed.name);
      builder.prop(draft, 'voltage', feed.voltage);
      builder.prop(draft, 'ratedWatts', ratedWatts(feed.voltage, feed.amperage, feed.phase));
      builder.label(draft, 'site', siteSlug);
      builder.label(draft, 'rack', rack?.slug);
      builder.label(draft, 'power-panel', panel ? slug(panel.name) : feed.powerPanel.name);
      builder.label(draft, 'feed-type', feed.type);
      builder.label(draft, 'supply', feed.supply);
      builder.label(draft, 'phase', feed.phase);
      if (feed.amperage !== undefined) builder.label(draft, 'amperage', String(feed.amperage));
      if (feed.maxUtilization !== undefined) {
        builder.label(draft, 'max-utilization-percent', String(feed.maxUtilization));
      }
      this.common(draft, feed);
      const site = panel && this.#siteIds.get(panel.site.id);
      if (site) builder.relate('contains', site, id);
      if (rack) builder.relate('powered-by', rack.entityId, id);
    }
  }

  mapDevices(): void {
    const types = new Map(this.objects.deviceTypes.map((type) => [type.id, type]));
    for (const device of this.objects.devices) {
      const nested = device.deviceType;
      const full = nested && types.get(nested.id);
      const type = nested && {
        model: full?.model ?? nested.model,
        slug: full?.slug ?? nested.slug,
        manufacturer: full?.manufacturer ?? nested.manufacturer,
        uHeight: full?.uHeight ?? nested.uHeight,
      };
      const deviceClass = classifyDevice({
        role: device.role?.slug ?? device.role?.name,
        model: type?.slug ?? type?.model,
        interfaceCount: device.interfaceCount,
        powerPortCount: device.powerPortCount,
        rearPortCount: device.rearPortCount,
      });
      if (deviceClass.kind === 'passive') {
        this.#passiveDevices.add(device.id);
        this.count('dcim/devices:passive');
        continue;
      }
      this.mapDevice(device, deviceClass.kind, deviceClass.fabricRole, deviceClass.guessed, type);
    }
  }

  mapDevice(
    device: NetboxDevice,
    kind: DeviceKind,
    fabricRole: string | undefined,
    guessed: boolean,
    type: { model?: string; manufacturer?: NetboxRef; uHeight?: number } | undefined,
  ): void {
    const { builder } = this;
    const name = device.name ? slug(device.name) : `netbox-${device.id}`;
    const id = builder.claim([`${kind}:${name}`], device.id, owner('dcim/devices', device));
    if (id === undefined) return;
    const placed = { entityId: id, name: id.slice(id.indexOf(':') + 1), kind, fabricRole };
    this.#devices.set(device.id, placed);
    const draft = builder.entity(id, device.name);
    const rack = device.rack && this.#racks.get(device.rack.id);
    if (device.rack && !rack && this.firstMiss('rack', device.rack.id)) {
      this.problem(
        where('dcim/devices', device, 'rack'),
        `rack ${device.rack.id} is not in dcim/racks (said once per rack)`,
      );
    }
    const room = device.location && this.#rooms.get(device.location.id);
    const siteSlug = this.siteSlug(device.site) ?? rack?.siteSlug;

    builder.prop(draft, 'model', type?.model, 'model');
    builder.prop(draft, 'serial', device.serial, 'serial');
    builder.prop(draft, 'position', device.position, 'rack-position');
    if (type?.uHeight !== undefined) builder.prop(draft, 'heightUnits', type.uHeight, 'height-units');
    builder.prop(draft, 'role', fabricRole);
    if (kind === 'host') {
      // The out-of-band address is the BMC's, not the server's: a label, and its interface's.
      const own = [device.primaryIp4, device.primaryIp6, ...(this.#ipsByDevice.get(device.id) ?? [])];
      const ips = unique(own.filter((ip) => ip !== device.oobIp));
      if (ips.length > 0) builder.prop(draft, 'ipAddresses', ips);
      builder.prop(draft, 'os', device.platform?.name);
      builder.label(draft, 'management-ip', device.oobIp);
    } else {
      builder.prop(
        draft,
        'managementIp',
        device.oobIp ?? device.primaryIp4 ?? device.primaryIp6,
        'management-ip',
      );
    }
    builder.label(draft, 'site', siteSlug);
    builder.label(draft, 'room', room?.slug ?? rack?.roomSlug);
    builder.label(draft, 'rack', rack?.slug);
    builder.label(draft, 'role', refSlug(device.role));
    if (guessed) builder.label(draft, 'netbox-role', refSlug(device.role) ?? 'none');
    builder.label(draft, 'platform', refSlug(device.platform));
    builder.label(draft, 'manufacturer', refSlug(type?.manufacturer));
    builder.label(draft, 'cluster', device.cluster?.name);
    builder.label(draft, 'asset-tag', device.assetTag);
    this.common(draft, device);

    const parents = [rack?.entityId, room?.entityId, device.site && this.#siteIds.get(device.site.id)];
    for (const parent of parents) if (parent && builder.relate('contains', parent, id)) break;
  }

  mapInterfaces(): void {
    const { builder } = this;
    for (const iface of this.objects.interfaces) {
      const device = this.#devices.get(iface.device.id);
      if (device === undefined || !builder.allows('contains', device.kind, 'interface')) {
        this.count('dcim/interfaces:skipped');
        const missing = device === undefined && !this.#passiveDevices.has(iface.device.id);
        if (missing && this.firstMiss('interface device', iface.device.id)) {
          this.problem(
            where('dcim/interfaces', iface, 'device'),
            `device ${iface.device.id} is not among the mapped dcim/devices (said once per device)`,
          );
        }
        continue;
      }
      const deviceName = device.name;
      const id = builder.claim(
        [`interface:${deviceName}/${slug(iface.name)}`],
        iface.id,
        owner('dcim/interfaces', iface),
      );
      if (id === undefined) continue;
      const speed = iface.speedKbps !== undefined && iface.speedKbps > 0 ? iface.speedKbps * 1000 : undefined;
      this.#interfaces.set(iface.id, { entityId: id, device, speedBitsPerSecond: speed });
      const draft = builder.entity(id, iface.name);
      builder.prop(draft, 'speedBitsPerSecond', speed);
      builder.prop(draft, 'macAddress', iface.macAddress);
      const ips = this.#ipsByInterface.get(iface.id);
      if (ips) builder.prop(draft, 'ipAddresses', unique(ips));
      builder.label(draft, 'device', deviceName);
      builder.label(draft, 'netbox-id', String(iface.id));
      builder.label(draft, 'type', iface.type);
      if (iface.mgmtOnly) builder.label(draft, 'mgmt-only', 'true');
      if (iface.enabled === false) builder.label(draft, 'enabled', 'false');
      builder.tags(draft, iface.tags);
      builder.relate('contains', device.entityId, id);
    }
  }

  /** connects between two interfaces, from the end nearer the servers; false when already linked. */
  connect(a: PlacedInterface, b: PlacedInterface, cable: NetboxCable | undefined): boolean {
    const { builder } = this;
    if (a.entityId === b.entityId) return false;
    if (
      builder.related('connects', a.entityId, b.entityId) ||
      builder.related('connects', b.entityId, a.entityId)
    ) {
      return false;
    }
    const tierA = networkTier(a.device.kind, a.device.fabricRole);
    const tierB = networkTier(b.device.kind, b.device.fabricRole);
    const [from, to] = tierA <= tierB ? [a, b] : [b, a];
    const speeds = [a.speedBitsPerSecond, b.speedBitsPerSecond].filter((speed) => speed !== undefined);
    const props: Record<string, number | boolean | string> = {};
    if (speeds.length > 0) props.capacityBitsPerSecond = Math.min(...speeds);
    if (tierA === tierB) props.peer = true;
    if (cable) {
      props.netboxCableId = cable.id;
      if (cable.status !== undefined && cable.status !== 'connected') props.status = cable.status;
    }
    return builder.relate('connects', from.entityId, to.entityId, props);
  }

  mapCables(): void {
    for (const cable of this.objects.cables) {
      const ends = [...cable.a, ...cable.b];
      if (ends.length > 0 && ends.every((end) => end.type === 'dcim.interface')) this.mapDataCable(cable);
      else if (ends.length > 0 && ends.every((end) => powerTypes.has(end.type))) this.mapPowerCable(cable);
      else this.count('dcim/cables:skipped');
    }
  }

  mapDataCable(cable: NetboxCable): void {
    let linked = 0;
    for (const [a, b] of endPairs(cable)) {
      const from = this.#interfaces.get(a.id);
      const to = this.#interfaces.get(b.id);
      if (from && to && this.connect(from, to, cable)) linked++;
    }
    this.count(linked > 0 ? 'dcim/cables:data' : 'dcim/cables:unresolved');
  }

  mapPowerCable(cable: NetboxCable): void {
    let linked = 0;
    for (const [a, b] of endPairs(cable)) {
      const [port, source] = a.type === 'dcim.powerport' ? [a, b] : [b, a];
      if (port.type !== 'dcim.powerport' || port.deviceId === undefined) continue;
      const consumer = this.#devices.get(port.deviceId);
      const supplier =
        source.type === 'dcim.powerfeed'
          ? this.#powerFeeds.get(source.id)
          : source.type === 'dcim.poweroutlet' && source.deviceId !== undefined
            ? this.#devices.get(source.deviceId)?.entityId
            : undefined;
      if (consumer && supplier && this.builder.relate('powered-by', consumer.entityId, supplier)) linked++;
    }
    this.count(linked > 0 ? 'dcim/cables:power' : 'dcim/cables:unresolved');
  }

  /** Interfaces NetBox traced to a far interface through patch panels. */
  mapTracedPaths(): void {
    for (const iface of this.objects.interfaces) {
      const near = this.#interfaces.get(iface.id);
      if (!near) continue;
      for (const farId of iface.connectedInterfaceIds) {
        const far = this.#interfaces.get(farId);
        if (far && this.connect(near, far, undefined)) this.count('dcim/interfaces:traced-links');
      }
    }
  }

  mapNetworks(): void {
    const { builder } = this;
    const vlans = new Map(this.objects.vlans.map((vlan) => [vlan.id, vlan]));
    const vlansWithPrefix = new Set<number>();
    for (const prefix of this.objects.prefixes) {
      if (prefix.status === 'container') {
        this.count('ipam/prefixes:containers');
        continue;
      }
      const vrf = prefix.vrf && slug(prefix.vrf.name ?? String(prefix.vrf.id));
      const id = builder.claim(
        [`network-segment:${prefix.prefix}`, `network-segment:${prefix.prefix}@${vrf ?? 'global'}`],
        prefix.id,
        owner('ipam/prefixes', prefix),
      );
      if (id === undefined) continue;
      const vlan = prefix.vlan && vlans.get(prefix.vlan.id);
      if (prefix.vlan) vlansWithPrefix.add(prefix.vlan.id);
      const vid = prefix.vlan?.vid ?? vlan?.vid;
      const draft = builder.entity(id, prefix.prefix);
      builder.prop(draft, 'cidrs', [prefix.prefix]);
      if (vid !== undefined) builder.label(draft, 'vlan', String(vid));
      builder.label(draft, 'vlan-name', prefix.vlan?.name ?? vlan?.name);
      builder.label(draft, 'vrf', vrf);
      builder.label(draft, 'role', refSlug(prefix.role));
      builder.label(draft, 'site', this.siteSlug(prefix.site ?? vlan?.site));
      this.common(draft, prefix);
    }
    for (const vlan of this.objects.vlans) {
      if (vlansWithPrefix.has(vlan.id)) continue;
      const scope = this.siteSlug(vlan.site) ?? refSlug(vlan.group) ?? 'global';
      const id = builder.claim(
        [`network-segment:vlan-${scope}-${vlan.vid}`],
        vlan.id,
        owner('ipam/vlans', vlan),
      );
      if (id === undefined) continue;
      const draft = builder.entity(id, vlan.name ?? `VLAN ${vlan.vid}`);
      builder.label(draft, 'vlan', String(vlan.vid));
      builder.label(draft, 'vlan-name', vlan.name);
      builder.label(draft, 'vlan-group', refSlug(vlan.group));
      builder.label(draft, 'role', refSlug(vlan.role));
      builder.label(draft, 'site', this.siteSlug(vlan.site));
      this.common(draft, vlan);
    }
  }

  mapVirtualMachines(): void {
    const { builder } = this;
    const clusters = new Map(this.objects.clusters.map((cluster) => [cluster.id, cluster]));
    const diskBytesPerUnit = this.diskUnit === 'MB' ? 1e6 : 1e9;
    for (const vm of this.objects.virtualMachines) {
      const id = builder.claim([`vm:${slug(vm.name)}`], vm.id, owner('virtualization/virtual-machines', vm));
      if (id === undefined) continue;
      const draft = builder.entity(id, vm.name);
      if (vm.vcpus !== undefined) builder.prop(draft, 'cpuCores', vm.vcpus, 'vcpus');
      if (vm.memoryMb !== undefined) builder.prop(draft, 'memoryBytes', vm.memoryMb * 2 ** 20);
      if (vm.disk !== undefined) builder.prop(draft, 'diskBytes', vm.disk * diskBytesPerUnit);
      const ips = unique([vm.primaryIp4, vm.primaryIp6, ...(this.#ipsByVm.get(vm.id) ?? [])]);
      if (ips.length > 0) builder.prop(draft, 'ipAddresses', ips);
      builder.prop(draft, 'os', vm.platform?.name);
      const cluster = vm.cluster && clusters.get(vm.cluster.id);
      builder.label(draft, 'site', this.siteSlug(vm.site));
      builder.label(draft, 'cluster', (cluster ?? vm.cluster)?.name);
      builder.label(draft, 'cluster-type', refSlug(cluster?.type));
      builder.label(draft, 'role', refSlug(vm.role));
      builder.label(draft, 'platform', refSlug(vm.platform));
      this.common(draft, vm);
      if (vm.device) {
        const host = this.#devices.get(vm.device.id);
        if (!host) {
          if (!this.firstMiss('vm device', vm.device.id)) continue;
          this.problem(
            where('virtualization/virtual-machines', vm, 'device'),
            `device ${vm.device.id} is not among the mapped dcim/devices (said once per device)`,
          );
        } else if (!builder.relate('runs-on', id, host.entityId)) {
          this.problem(
            where('virtualization/virtual-machines', vm, 'device'),
            `a vm cannot run on ${host.entityId} (a ${host.kind})`,
          );
        }
      }
    }
  }
}

const powerTypes = new Set(['dcim.powerport', 'dcim.poweroutlet', 'dcim.powerfeed']);

/** The ends a cable joins: one to one when both sides have as many, else every A with every B. */
function endPairs(cable: NetboxCable): [NetboxCableEnd, NetboxCableEnd][] {
  if (cable.a.length === cable.b.length) {
    return cable.a.map((end, at) => [end, cable.b[at] as NetboxCableEnd]);
  }
  return cable.a.flatMap((a) => cable.b.map((b): [NetboxCableEnd, NetboxCableEnd] => [a, b]));
}

function refSlug(ref: NetboxRef | undefined): string | undefined {
  if (ref === undefined) return undefined;
  return ref.slug ?? (ref.name === undefined ? undefined : slug(ref.name));
}

/**
 * A feed's capacity in watts: |V| × A, × √3 for three-phase (NetBox's voltage is then line to
 * line), taking volt-amperes as watts (power factor 1). Undefined unless both are known.
 */
export function ratedWatts(
  voltage: number | undefined,
  amperage: number | undefined,
  phase: string | undefined,
): number | undefined {
  if (voltage === undefined || amperage === undefined) return undefined;
  const watts = Math.abs(voltage) * amperage * (phase === 'three-phase' ? Math.sqrt(3) : 1);
  return Math.round(watts);
}

/** Maps what NetBox holds to the estate document it declares. Deterministic: same input, same output. */
export function netboxInventory(objects: NetboxObjects, options: NetboxInventoryOptions): InventoryImport {
  const mapping = new NetboxMapping(objects, diskUnitOf(objects, options));
  mapping.run();
  const { builder } = mapping;
  const problems: InventoryProblem[] = [...objects.problems, ...builder.problems];
  return {
    document: {
      entities: builder.finish(),
      relations: builder.relations,
      source: `netbox:${options.instance}`,
    },
    problems,
    counts: mapping.counts,
  };
}
