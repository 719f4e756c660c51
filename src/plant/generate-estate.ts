import { type EntityInput, InputError, type Props } from '../model/index.js';
import { EstateBuilder, type GeneratedEstate } from './estate-builder.js';
import { addSecurityFacts } from './generate-security.js';
import { type GuestSlot, generateServices, type RackSlots, type SitePlan } from './generate-services.js';
import {
  cities,
  guestOperatingSystems,
  networkModels,
  type ServerModel,
  serverModels,
} from './hardware-models.js';
import { SeededRandom } from './random.js';

export type { GeneratedEstate } from './estate-builder.js';

export interface EstateOptions {
  /** Physical servers, 1 to 1,000,000; everything else scales from it. */
  hosts: number;
  seed: number;
}

const hostsPerRack = 10;
const roomsPerSite = 2;
const gib = 1024 ** 3;
const gb = 1e9;
const hostPortBitsPerSecond = 25e9;
const fabricBitsPerSecond = 100e9;
const edgeBitsPerSecond = 40e9;
/** One-way propagation over ~100 m of fibre inside a hall. */
const inRoomLatencySeconds = 5e-7;
const pduRatings = [8640, 11520, 17280, 22000];
const upsRatings = [
  20e3, 40e3, 60e3, 80e3, 100e3, 120e3, 160e3, 200e3, 250e3, 300e3, 400e3, 500e3, 600e3, 800e3, 1e6, 1.2e6,
  1.6e6, 2e6,
];
const coolingSizes = [30e3, 50e3, 70e3, 100e3, 150e3, 200e3, 300e3];
const containerImages = [
  'nginx:1.27',
  'redis:7.2',
  'batch-worker:3.1',
  'ci-runner:16.11',
  'fluent-bit:3.0',
  'jupyter:4.2',
];
const workloads = ['batch', 'ci-runner', 'dev', 'analytics', 'monitoring', 'build-cache'];
const teams = ['platform', 'data', 'web', 'commerce', 'growth', 'security', 'sre'];

/**
 * A realistic estate of `hosts` servers: sites, rooms, racks, hosts and their guests, services
 * with a call graph, the network fabric, power and cooling. Deterministic for a seed; every
 * entity's values are drawn from (seed, its id), so they do not depend on generation order.
 *
 * Relation directions follow model/dependency-rules.ts: contains parent→child; runs-on,
 * powered-by, cooled-by and stored-on from the dependent; connects from a device to its uplink.
 */
export function generateEstate(
  options: EstateOptions,
  onProgress?: (done: number, total: number) => void,
): GeneratedEstate {
  const hosts = options.hosts;
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > 1_000_000) {
    throw new InputError(`hosts must be an integer from 1 to 1000000, got ${hosts}`, [
      { field: 'hosts', message: 'not an integer from 1 to 1000000' },
    ]);
  }
  if (!Number.isInteger(options.seed)) {
    throw new InputError(`seed must be an integer, got ${options.seed}`, [
      { field: 'seed', message: 'not an integer' },
    ]);
  }
  const builder = new EstateBuilder();
  const random = new SeededRandom(options.seed);
  const rackCount = Math.ceil(hosts / hostsPerRack);
  const siteCount = Math.min(rackCount, Math.max(1, Math.round(Math.sqrt(hosts) / 10)));
  const roomCount = Math.max(siteCount, Math.min(siteCount * roomsPerSite, rackCount));
  const serviceCount = Math.max(3, Math.round(hosts * 0.15));
  const counter = { rack: 0, host: 0 };
  const plans: SitePlan[] = [];

  for (let s = 0; s < siteCount; s++) {
    const roomFrom = Math.floor((s * roomCount) / siteCount);
    const roomTo = Math.floor(((s + 1) * roomCount) / siteCount);
    const rackSlots: RackSlots[] = [];
    const site = buildSite(builder, random, s);
    for (let r = roomFrom; r < roomTo; r++) {
      const rackFrom = Math.floor((r * rackCount) / roomCount);
      const rackTo = Math.floor(((r + 1) * rackCount) / roomCount);
      buildRoom(builder, random, site, r - roomFrom, rackFrom, rackTo, hosts, counter, rackSlots, onProgress);
    }
    const loadBalancerIds = addLoadBalancers(builder, random, site, rackSlots);
    const serviceFrom = Math.floor((s * serviceCount) / siteCount);
    const serviceTo = Math.floor(((s + 1) * serviceCount) / siteCount);
    plans.push({ site: site.name, racks: rackSlots, loadBalancerIds, serviceCount: serviceTo - serviceFrom });
  }
  generateServices(builder, random, plans);
  labelWorkloads(random, plans);
  addSecurityFacts(builder, random);
  onProgress?.(hosts, hosts);
  return builder.build();
}

interface SiteContext {
  readonly name: string;
  readonly id: string;
  readonly index: number;
  readonly feeds: readonly [string, string];
  readonly routers: readonly [string, string];
  readonly firewalls: readonly [string, string];
  readonly feedProps: readonly Props[];
  readonly racks: RackContext[];
  designWatts: number;
}

interface RackContext {
  readonly id: string;
  readonly path: string;
  readonly roomId: string;
  readonly props: Props;
  readonly pdus: readonly [string, string];
  readonly tors: readonly [string, string];
  readonly labels: Readonly<Record<string, string>>;
}

function buildSite(builder: EstateBuilder, random: SeededRandom, index: number): SiteContext {
  const name = `dc${index + 1}`;
  const id = `site:${name}`;
  random.reset(id);
  const city = cities[index % cities.length] as string;
  builder.add({ id, kind: 'site', name, labels: { site: name }, props: { city } });
  const voltage = random.pick([11000, 13800, 20000]);
  const feeds: [string, string] = [`power-feed:${name}-utility-a`, `power-feed:${name}-utility-b`];
  const feedProps: Props[] = [];
  for (const feed of feeds) {
    const props: Props = { ratedWatts: 0, voltage };
    feedProps.push(props);
    builder.add({ id: feed, kind: 'power-feed', name: feed.slice(11), labels: { site: name }, props });
    builder.relate('contains', id, feed);
  }
  const routers: [string, string] = [`router:${name}-core-1`, `router:${name}-core-2`];
  const firewalls: [string, string] = [`firewall:${name}-edge-1`, `firewall:${name}-edge-2`];
  return { name, id, index, feeds, routers, firewalls, feedProps, racks: [], designWatts: 0 };
}

function buildRoom(
  builder: EstateBuilder,
  random: SeededRandom,
  site: SiteContext,
  roomIndex: number,
  rackFrom: number,
  rackTo: number,
  totalHosts: number,
  counter: { rack: number; host: number },
  rackSlots: RackSlots[],
  onProgress: ((done: number, total: number) => void) | undefined,
): void {
  const letter = String.fromCharCode(97 + (roomIndex % 26)) + (roomIndex >= 26 ? String(roomIndex) : '');
  const path = `${site.name}/${letter}`;
  const dash = `${site.name}-${letter}`;
  const roomId = `room:${path}`;
  const rackTotal = rackTo - rackFrom;
  const columns = Math.max(1, Math.ceil(Math.sqrt(rackTotal * 2)));
  const rows = Math.ceil(rackTotal / columns);
  const labels = { site: site.name, room: letter };
  builder.add({ id: roomId, kind: 'room', name: path, labels, props: { rows, columns } });
  builder.relate('contains', site.id, roomId);

  const ups: [string, string] = [`ups:${path}-1`, `ups:${path}-2`];
  const spines: [string, string] = [`switch:${dash}-spine-1`, `switch:${dash}-spine-2`];
  const rackIds: string[] = [];
  let roomDesignWatts = 0;
  for (let i = 0; i < rackTotal; i++) {
    const rack = buildRack(builder, random, {
      site,
      roomId,
      path,
      dash,
      labels,
      index: i,
      columns,
      ups,
      spines,
      globalIndex: counter.rack,
      hostCount: Math.min(hostsPerRack, totalHosts - counter.rack * hostsPerRack),
      counter,
      rackSlots,
    });
    counter.rack++;
    rackIds.push(rack.id);
    roomDesignWatts += rack.props.powerBudgetWatts as number;
    if (onProgress && counter.rack % 200 === 0) onProgress(counter.host, totalHosts);
  }

  const spineModel = networkModels.spine;
  roomDesignWatts += 2 * spineModel.maxWatts;
  spines.forEach((spine, k) => {
    builder.add({
      id: spine,
      kind: 'switch',
      name: spine.slice(7),
      labels,
      props: {
        model: spineModel.model,
        ports: spineModel.ports,
        role: 'spine',
        idleWatts: spineModel.idleWatts,
        maxWatts: spineModel.maxWatts,
        managementIp: managementIp(0x30000 + site.index * 64 + roomIndex * 4 + k),
      },
    });
    builder.relate('contains', roomId, spine);
    for (const source of ups) builder.relate('powered-by', spine, source);
    for (const router of site.routers) addLink(builder, spine, router, fabricBitsPerSecond, false);
  });
  addLink(builder, spines[0], spines[1], fabricBitsPerSecond, true);

  // The site's routers and firewalls hang off the first room's UPS pair.
  if (roomIndex === 0) roomDesignWatts += addSiteCore(builder, site, ups);
  random.reset(`${roomId}/power`);
  const upsRated =
    upsRatings.find((rating) => rating >= roomDesignWatts * 1.2) ?? roundUp(roomDesignWatts * 1.2, 500e3);
  const runtimeMinutes = random.pick([8, 10, 15]);
  ups.forEach((id, k) => {
    builder.add({
      id,
      kind: 'ups',
      name: id.slice(4),
      labels,
      props: {
        ratedWatts: upsRated,
        batteryWattHours: Math.round((upsRated * runtimeMinutes) / 60),
        managementIp: managementIp(0x31000 + site.index * 64 + roomIndex * 4 + k),
      },
    });
    builder.relate('contains', roomId, id);
    builder.relate('powered-by', id, site.feeds[k] as string);
  });

  // N+1: N units carry the design load, one more covers a failure or maintenance.
  const unitWatts =
    coolingSizes.find((size) => Math.ceil(roomDesignWatts / size) <= 6) ?? (coolingSizes.at(-1) as number);
  const units = Math.ceil(roomDesignWatts / unitWatts) + 1;
  random.reset(`${roomId}/cooling`);
  const setpointCelsius = random.pick([18, 19, 20, 21, 22]);
  for (let k = 0; k < units; k++) {
    const id = `cooling-unit:${path}-crah-${k + 1}`;
    builder.add({
      id,
      kind: 'cooling-unit',
      name: id.slice(13),
      labels,
      props: {
        capacityWatts: unitWatts,
        setpointCelsius,
        managementIp: managementIp(0x32000 + site.index * 256 + roomIndex * 16 + k),
      },
    });
    builder.relate('contains', roomId, id);
    // Mechanical plant rides the utility feeds, not the UPS: losing a feed loses half the units.
    builder.relate('powered-by', id, site.feeds[k % 2] as string);
    for (const rack of rackIds) builder.relate('cooled-by', rack, id);
  }
  site.designWatts += roomDesignWatts + units * unitWatts * 0.05;
  const feedRated = roundUp((site.designWatts / 0.95) * 1.25, 500e3);
  for (const props of site.feedProps) props.ratedWatts = feedRated;
}

/** Routers, firewalls and their links; returns the power they are designed to draw. */
function addSiteCore(builder: EstateBuilder, site: SiteContext, ups: readonly [string, string]): number {
  const labels = { site: site.name };
  const devices: Array<[string, 'router' | 'firewall', 'core' | 'edge']> = [
    [site.routers[0], 'router', 'core'],
    [site.routers[1], 'router', 'core'],
    [site.firewalls[0], 'firewall', 'edge'],
    [site.firewalls[1], 'firewall', 'edge'],
  ];
  devices.forEach(([id, kind, role], k) => {
    const model = networkModels[role];
    builder.add({
      id,
      kind,
      name: id.slice(kind.length + 1),
      labels,
      props: {
        model: model.model,
        ports: model.ports,
        role,
        idleWatts: model.idleWatts,
        maxWatts: model.maxWatts,
        managementIp: managementIp(0x33000 + site.index * 8 + k),
      },
    });
    builder.relate('contains', site.id, id);
    for (const source of ups) builder.relate('powered-by', id, source);
  });
  // The firewalls stand between the routers and the internet: they are the routers' uplink.
  for (const router of site.routers) {
    for (const firewall of site.firewalls) addLink(builder, router, firewall, edgeBitsPerSecond, false);
  }
  addLink(builder, site.routers[0], site.routers[1], fabricBitsPerSecond, true);
  addLink(builder, site.firewalls[0], site.firewalls[1], edgeBitsPerSecond, true);
  return 2 * networkModels.core.maxWatts + 2 * networkModels.edge.maxWatts;
}

interface RackInput {
  site: SiteContext;
  roomId: string;
  path: string;
  dash: string;
  labels: Readonly<Record<string, string>>;
  index: number;
  columns: number;
  ups: readonly [string, string];
  spines: readonly [string, string];
  globalIndex: number;
  hostCount: number;
  counter: { rack: number; host: number };
  rackSlots: RackSlots[];
}

function buildRack(builder: EstateBuilder, random: SeededRandom, input: RackInput): RackContext {
  const number = `r${String(input.index + 1).padStart(2, '0')}`;
  const path = `${input.path}/${number}`;
  const dash = `${input.dash}-${number}`;
  const id = `rack:${path}`;
  const labels = { ...input.labels, rack: number };
  random.reset(id);
  const model = random.pick(serverModels);
  const props: Props = {
    units: random.chance(0.8) ? 42 : 48,
    row: Math.floor(input.index / input.columns) + 1,
    column: (input.index % input.columns) + 1,
    powerBudgetWatts: 0,
  };
  builder.add({ id, kind: 'rack', name: path, labels, props });
  builder.relate('contains', input.roomId, id);

  const pdus: [string, string] = [`pdu:${path}-a`, `pdu:${path}-b`];
  const tors: [string, string] = [`switch:${dash}-tor-a`, `switch:${dash}-tor-b`];
  const rack: RackContext = { id, path, roomId: input.roomId, props, pdus, tors, labels };
  input.site.racks.push(rack);
  for (const pdu of pdus) builder.relate('powered-by', id, pdu);

  const torModel = networkModels.tor;
  tors.forEach((tor, k) => {
    builder.add({
      id: tor,
      kind: 'switch',
      name: tor.slice(7),
      labels,
      props: {
        model: torModel.model,
        ports: torModel.ports,
        role: 'tor',
        idleWatts: torModel.idleWatts,
        maxWatts: torModel.maxWatts,
        managementIp: managementIp(0x100000 + input.globalIndex * 8 + k),
      },
    });
    builder.relate('contains', id, tor);
    for (const pdu of pdus) builder.relate('powered-by', tor, pdu);
    for (const spine of input.spines) addLink(builder, tor, spine, fabricBitsPerSecond, false);
  });
  addLink(builder, tors[0], tors[1], fabricBitsPerSecond, true);

  const sensor = `sensor:${path}-inlet`;
  builder.add({
    id: sensor,
    kind: 'sensor',
    name: `${path}-inlet`,
    labels,
    props: { measures: 'temperature,humidity' },
  });
  builder.relate('contains', id, sensor);

  const slots: RackSlots = { vms: [], containers: [] };
  input.rackSlots.push(slots);
  let designWatts = 2 * torModel.maxWatts;
  let position = 2;
  for (let h = 0; h < input.hostCount; h++) {
    designWatts += buildHost(builder, random, input, rack, model, dash, h, position, slots);
    position += model.heightUnits;
    input.counter.host++;
  }
  props.powerBudgetWatts = roundUp(designWatts, 500);

  pdus.forEach((pdu, k) => {
    random.reset(pdu);
    builder.add({
      id: pdu,
      kind: 'pdu',
      name: pdu.slice(4),
      labels,
      props: {
        // Each side must carry the whole rack alone when the other fails.
        ratedWatts: pduRatings.find((rating) => rating >= (props.powerBudgetWatts as number)) ?? 22000,
        phase: k === 0 ? 'A' : 'B',
        managementIp: managementIp(0x100000 + input.globalIndex * 8 + 2 + k),
      },
    });
    builder.relate('contains', id, pdu);
    builder.relate('powered-by', pdu, input.ups[k] as string);
  });
  return rack;
}

function buildHost(
  builder: EstateBuilder,
  random: SeededRandom,
  input: RackInput,
  rack: RackContext,
  model: ServerModel,
  rackDash: string,
  index: number,
  position: number,
  slots: RackSlots,
): number {
  const name = `${rackDash}-h${String(index + 1).padStart(2, '0')}`;
  const id = `host:${name}`;
  random.reset(id);
  const hypervisor = random.chance(0.7);
  const maxWatts = Math.round(random.range(model.maxWatts[0], model.maxWatts[1]));
  const cpuCores = random.pick(model.cpuCores);
  builder.add({
    id,
    kind: 'host',
    name,
    labels: { ...rack.labels, role: hypervisor ? 'hypervisor' : 'kubernetes-node' },
    props: {
      cpuCores,
      memoryBytes: random.pick(model.memoryGiB) * gib,
      diskBytes: random.pick([1, 2, 4]) * 1920 * gb,
      ipAddresses: [ipv4(0, input.globalIndex * 128 + 4 + index)],
      os: hypervisor ? 'Ubuntu 22.04 LTS (KVM)' : 'Flatcar Container Linux 3815',
      model: model.model,
      serial: `${model.vendorPrefix}${serial(random)}`,
      position,
      heightUnits: model.heightUnits,
      idleWatts: Math.round(random.range(model.idleWatts[0], model.idleWatts[1])),
      maxWatts,
    },
  });
  builder.relate('contains', rack.id, id);
  for (const pdu of rack.pdus) builder.relate('powered-by', id, pdu);
  for (const tor of rack.tors)
    builder.relate('connects', id, tor, { capacityBitsPerSecond: hostPortBitsPerSecond });

  const guests = hypervisor ? random.int(2, 4) : random.int(4, 7);
  for (let g = 0; g < guests; g++) {
    const guest = hypervisor
      ? vmInput(random, name, index, g, input, rack)
      : containerInput(random, name, g, rack);
    builder.add(guest);
    builder.relate('runs-on', guest.id, id);
    const slot: GuestSlot = { entity: guest, hostId: id, assigned: false };
    (hypervisor ? slots.vms : slots.containers).push(slot);
  }
  return maxWatts;
}

function vmInput(
  random: SeededRandom,
  hostName: string,
  hostIndex: number,
  g: number,
  input: RackInput,
  rack: RackContext,
): EntityInput {
  const name = `${hostName}-vm${g + 1}`;
  const id = `vm:${name}`;
  random.reset(id);
  const cpuCores = random.pick([2, 4, 8, 8, 16, 32]);
  return {
    id,
    kind: 'vm',
    name,
    labels: { ...rack.labels },
    props: {
      cpuCores,
      memoryBytes: cpuCores * random.pick([2, 4, 4]) * gib,
      diskBytes: random.pick([50, 100, 200, 500]) * gb,
      ipAddresses: [ipv4(0x400000, input.globalIndex * 128 + 16 + hostIndex * 8 + g)],
      os: random.pick(guestOperatingSystems),
    },
  };
}

function containerInput(random: SeededRandom, hostName: string, g: number, rack: RackContext): EntityInput {
  const name = `${hostName}-c${g + 1}`;
  const id = `container:${name}`;
  random.reset(id);
  return {
    id,
    kind: 'container',
    name,
    labels: { ...rack.labels },
    props: {
      cpuCores: random.pick([1, 2, 4, 4, 8]),
      memoryBytes: random.pick([0.5, 1, 2, 4, 8]) * gib,
      diskBytes: 20 * gb,
      image: random.pick(containerImages),
    },
  };
}

function addLoadBalancers(
  builder: EstateBuilder,
  random: SeededRandom,
  site: SiteContext,
  rackSlots: readonly RackSlots[],
): string[] {
  const racks = site.racks;
  if (racks.length === 0 || rackSlots.length === 0) return [];
  const first = racks[0] as RackContext;
  // The second balancer goes to the last room's first rack, so one hall can fail without both.
  const lastRoom = (racks.at(-1) as RackContext).roomId;
  const inLastRoom = racks.findIndex((rack) => rack.roomId === lastRoom);
  const second = racks[inLastRoom > 0 ? inLastRoom : Math.min(1, racks.length - 1)] as RackContext;
  const ids: string[] = [];
  [first, second].forEach((rack, k) => {
    const id = `load-balancer:${site.name}-lb-${k + 1}`;
    random.reset(id);
    const model = networkModels.lb;
    builder.add({
      id,
      kind: 'load-balancer',
      name: `${site.name}-lb-${k + 1}`,
      labels: { ...rack.labels },
      props: {
        model: model.model,
        ports: model.ports,
        role: 'edge',
        idleWatts: model.idleWatts,
        maxWatts: model.maxWatts,
        managementIp: managementIp(0x34000 + site.index * 4 + k),
      },
    });
    builder.relate('contains', rack.id, id);
    for (const pdu of rack.pdus) builder.relate('powered-by', id, pdu);
    for (const tor of rack.tors)
      builder.relate('connects', id, tor, { capacityBitsPerSecond: hostPortBitsPerSecond });
    rack.props.powerBudgetWatts = roundUp((rack.props.powerBudgetWatts as number) + model.maxWatts, 500);
    ids.push(id);
  });
  return ids;
}

/** Guests no service claimed run the estate's other work: batch jobs, CI, dev boxes. */
function labelWorkloads(random: SeededRandom, plans: readonly SitePlan[]): void {
  for (const plan of plans) {
    for (const rack of plan.racks) {
      for (const list of [rack.vms, rack.containers]) {
        for (const slot of list) {
          if (slot.assigned) continue;
          random.reset(`${slot.entity.id}/workload`);
          // Each guest owns its labels object (copied at creation), so filling it in place is safe.
          const labels = slot.entity.labels as Record<string, string>;
          labels.workload = random.pick(workloads);
          labels.env = random.chance(0.7) ? 'prod' : 'staging';
          labels.team = random.pick(teams);
        }
      }
    }
  }
}

function addLink(
  builder: EstateBuilder,
  from: string,
  to: string,
  capacityBitsPerSecond: number,
  peer: boolean,
): void {
  const id = `link:${from.slice(from.indexOf(':') + 1)}--${to.slice(to.indexOf(':') + 1)}`;
  builder.add({
    id,
    kind: 'link',
    name: id.slice(5),
    labels: {},
    props: { capacityBitsPerSecond, latencySeconds: inRoomLatencySeconds },
  });
  builder.relate('connects', from, id, peer ? { peer: true } : undefined);
  builder.relate('connects', id, to, peer ? { peer: true } : undefined);
}

function serial(random: SeededRandom): string {
  let text = '';
  for (let i = 0; i < 8; i++) text += '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'[random.int(0, 33)];
  return text;
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

/** 10.a.b.c from a 24-bit number, so every generated address is distinct and valid. */
function ipv4(base: number, n: number): string {
  const value = (base + n) & 0xffffff;
  return `10.${(value >> 16) & 255}.${(value >> 8) & 255}.${value & 255}`;
}

function managementIp(n: number): string {
  return ipv4(0xc00000, n);
}
