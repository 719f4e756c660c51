import { diurnalFactor } from './diurnal-factor.js';
import type { EstateIndex } from './estate-index.js';
import { hash2, hashString, unitFromHash } from './random.js';
import type { ServiceLoadModel } from './service-load-model.js';
import { smoothNoise } from './smooth-noise.js';

const networkKinds = new Set(['switch', 'router', 'firewall', 'load-balancer']);
const defaultLinkBitsPerSecond = 10e9;
const defaultPortBitsPerSecond = 25e9;
const externalRequestBytes = 2048;
const externalResponseBytes = 32768;
const requestShare = 0.2;
const maxFabricDepth = 8;

interface FabricGroup {
  /** Link slots leading up from the group's devices (ECMP: traffic splits evenly). */
  readonly uplinks: number[];
  parent: number;
}

interface Distribution {
  readonly groups: Int32Array;
  readonly fractions: Float64Array;
}

interface PortAttachment {
  readonly host: number;
  readonly share: number;
  readonly capacity: number;
}

/**
 * Call-graph traffic on the network fabric. Every host's uplinks (`connects`, device to uplink)
 * define nested groups: the ToR pair, then the spines those reach, then the routers, and so
 * on. Traffic between two replicas climbs from each side to the lowest group holding both, so
 * the traffic leaving a group is what its members send to, and receive from, outside it; it
 * spreads evenly over the group's uplinks. External traffic enters from above every group.
 */
export class FabricModel {
  /** Estate indexes of the links, by slot. */
  readonly links: number[];
  readonly capacity: Float64Array;
  readonly trafficBits: Float64Array;
  readonly utilization: Float64Array;
  /** Estate indexes of switches, routers, firewalls, load balancers, by slot. */
  readonly devices: number[];
  /** Busier-direction traffic against capacity over every port of a device, 0 to 1. */
  readonly portLoad: Float64Array;

  private readonly linkSlot = new Map<number, number>();
  private readonly groups: FabricGroup[] = [];
  private readonly groupByKey = new Map<string, number>();
  private readonly distributions: Distribution[];
  private readonly hostPortLinks: Array<{ slot: number; host: number; share: number }> = [];
  private readonly deviceLinks: number[][];
  private readonly devicePorts: PortAttachment[][];
  private readonly backgroundRatio: Float64Array;
  private readonly linkKeys: Uint32Array;
  private readonly up: Float64Array;
  private readonly down: Float64Array;
  private readonly linkUp: Float64Array;
  private readonly linkDown: Float64Array;
  private readonly scratchA: Float64Array;
  private readonly scratchB: Float64Array;

  constructor(
    private readonly estate: EstateIndex,
    load: ServiceLoadModel,
    seed: number,
  ) {
    this.links = estate.ofKind('link');
    this.links.forEach((link, slot) => {
      this.linkSlot.set(link, slot);
    });
    const linkCount = this.links.length;
    this.capacity = new Float64Array(linkCount);
    this.backgroundRatio = new Float64Array(linkCount);
    this.linkKeys = new Uint32Array(linkCount);
    this.links.forEach((link, slot) => {
      this.capacity[slot] = estate.numberProp(link, 'capacityBitsPerSecond', defaultLinkBitsPerSecond);
      const key = hashString(estate.ids[link] as string, seed);
      this.linkKeys[slot] = key;
      this.backgroundRatio[slot] = 0.02 + 0.2 * unitFromHash(hash2(key, 1)) ** 2;
    });
    this.trafficBits = new Float64Array(linkCount);
    this.utilization = new Float64Array(linkCount);
    this.linkUp = new Float64Array(linkCount);
    this.linkDown = new Float64Array(linkCount);

    const chains = new Map<number, number[]>();
    for (const host of estate.ofKind('host')) chains.set(host, this.chainOf(host));
    this.distributions = load.nodes.map((node) => {
      const weights = new Map<number, number>();
      const placed = node.replicas
        .map((replica) => estate.hostOf(replica))
        .filter((host) => host !== undefined);
      for (const host of placed) {
        for (const group of chains.get(host) ?? [])
          weights.set(group, (weights.get(group) ?? 0) + 1 / placed.length);
      }
      const sorted = [...weights].sort(([a], [b]) => a - b);
      return {
        groups: Int32Array.from(sorted.map(([group]) => group)),
        fractions: Float64Array.from(sorted.map(([, weight]) => weight)),
      };
    });
    this.up = new Float64Array(this.groups.length);
    this.down = new Float64Array(this.groups.length);
    this.scratchA = new Float64Array(this.groups.length);
    this.scratchB = new Float64Array(this.groups.length);

    this.devices = [...networkKinds].flatMap((kind) => estate.ofKind(kind));
    this.portLoad = new Float64Array(this.devices.length);
    this.deviceLinks = this.devices.map((device) => {
      const slots = new Set<number>();
      for (const link of [...estate.targets(device, 'connects'), ...estate.sources(device, 'connects')]) {
        const slot = this.linkSlot.get(link);
        if (slot !== undefined) slots.add(slot);
      }
      return [...slots];
    });
    this.devicePorts = this.devices.map((device) =>
      estate
        .incoming(device, 'connects')
        .map((relation) => {
          const host = estate.indexOf(relation.from) as number;
          const capacity = relation.props?.capacityBitsPerSecond;
          return {
            host,
            share: 1 / Math.max(1, estate.outgoing(host, 'connects').length),
            capacity: typeof capacity === 'number' ? capacity : defaultPortBitsPerSecond,
          };
        })
        .filter((port) => estate.kinds[port.host] === 'host'),
    );
  }

  slotOf(link: number): number | undefined {
    return this.linkSlot.get(link);
  }

  /**
   * `hostBytes`: per estate index, what each host sends plus receives (bytes/s);
   * `extraBits`: per link slot, traffic a fault adds.
   */
  step(timeMs: number, load: ServiceLoadModel, hostBytes: Float64Array, extraBits: Float64Array): void {
    this.up.fill(0);
    this.down.fill(0);
    for (const edge of load.edges) {
      const callRate = (load.served[edge.from] as number) * edge.calls;
      if (callRate <= 0) continue;
      const calleeRate = load.rate[edge.to] as number;
      const answered = calleeRate > 0 ? (load.served[edge.to] as number) / calleeRate : 0;
      this.addFlow(
        edge.from,
        edge.to,
        callRate * edge.bytes * requestShare,
        callRate * answered * edge.bytes,
      );
    }
    load.nodes.forEach((_, n) => {
      const external = load.external[n] as number;
      if (external <= 0) return;
      const rate = load.rate[n] as number;
      const answered = rate > 0 ? (load.served[n] as number) / rate : 0;
      const { groups, fractions } = this.distributions[n] as Distribution;
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k] as number;
        const share = fractions[k] as number;
        this.down[g] = (this.down[g] as number) + external * externalRequestBytes * share;
        this.up[g] = (this.up[g] as number) + external * answered * externalResponseBytes * share;
      }
    });
    this.linkUp.fill(0);
    this.linkDown.fill(0);
    this.groups.forEach((group, g) => {
      const count = group.uplinks.length;
      if (count === 0) return;
      for (const slot of group.uplinks) {
        this.linkUp[slot] = (this.linkUp[slot] as number) + (this.up[g] as number) / count;
        this.linkDown[slot] = (this.linkDown[slot] as number) + (this.down[g] as number) / count;
      }
    });
    for (const port of this.hostPortLinks) {
      const bytes = ((hostBytes[port.host] as number) * port.share) / 2;
      this.linkUp[port.slot] = (this.linkUp[port.slot] as number) + bytes;
      this.linkDown[port.slot] = (this.linkDown[port.slot] as number) + bytes;
    }
    const daily = diurnalFactor(timeMs);
    for (let slot = 0; slot < this.links.length; slot++) {
      const capacity = this.capacity[slot] as number;
      const background =
        capacity *
        (this.backgroundRatio[slot] as number) *
        (0.5 + 0.5 * daily) *
        (1 + 0.1 * smoothNoise(this.linkKeys[slot] as number, timeMs, 30_000));
      const busier = Math.max(this.linkUp[slot] as number, this.linkDown[slot] as number) * 8;
      // A link cannot carry more than its line rate: the excess queues and drops upstream.
      const traffic = Math.min(capacity, busier + background + (extraBits[slot] as number));
      this.trafficBits[slot] = traffic;
      this.utilization[slot] = capacity > 0 ? traffic / capacity : 0;
    }
    this.devices.forEach((_, d) => {
      let traffic = 0;
      let capacity = 0;
      for (const slot of this.deviceLinks[d] as number[]) {
        traffic += this.trafficBits[slot] as number;
        capacity += this.capacity[slot] as number;
      }
      for (const port of this.devicePorts[d] as PortAttachment[]) {
        traffic += ((hostBytes[port.host] as number) * 8 * port.share) / 2;
        capacity += port.capacity;
      }
      this.portLoad[d] = capacity > 0 ? Math.min(1, traffic / capacity) : 0;
    });
  }

  private addFlow(from: number, to: number, requestBytes: number, responseBytes: number): void {
    const a = this.distributions[from] as Distribution;
    const b = this.distributions[to] as Distribution;
    const fa = this.scratchA;
    const fb = this.scratchB;
    for (let k = 0; k < a.groups.length; k++) fa[a.groups[k] as number] = a.fractions[k] as number;
    for (let k = 0; k < b.groups.length; k++) fb[b.groups[k] as number] = b.fractions[k] as number;
    const visit = (g: number) => {
      const x = fa[g] as number;
      const y = fb[g] as number;
      this.up[g] = (this.up[g] as number) + requestBytes * x * (1 - y) + responseBytes * y * (1 - x);
      this.down[g] = (this.down[g] as number) + requestBytes * y * (1 - x) + responseBytes * x * (1 - y);
    };
    for (let k = 0; k < a.groups.length; k++) visit(a.groups[k] as number);
    for (let k = 0; k < b.groups.length; k++)
      if ((fa[b.groups[k] as number] as number) === 0) visit(b.groups[k] as number);
    for (let k = 0; k < a.groups.length; k++) fa[a.groups[k] as number] = 0;
    for (let k = 0; k < b.groups.length; k++) fb[b.groups[k] as number] = 0;
  }

  /** The groups above a host, nearest first. */
  private chainOf(host: number): number[] {
    const { devices, links } = this.uplinks(host);
    links.forEach((slot) => {
      this.hostPortLinks.push({ slot, host, share: 1 / Math.max(1, links.length) });
    });
    if (devices.length === 0) return [];
    const chain: number[] = [];
    let group = this.groupOf(devices, 0);
    while (group >= 0 && !chain.includes(group)) {
      chain.push(group);
      group = (this.groups[group] as FabricGroup).parent;
    }
    return chain;
  }

  private groupOf(devices: readonly number[], depth: number): number {
    const members = [...new Set(devices)].sort((a, b) => a - b);
    const key = members.join(',');
    const known = this.groupByKey.get(key);
    if (known !== undefined) return known;
    const g = this.groups.length;
    const group: FabricGroup = { uplinks: [], parent: -1 };
    this.groups.push(group);
    this.groupByKey.set(key, g);
    const next: number[] = [];
    for (const device of members) {
      const { devices: above, links } = this.uplinks(device);
      next.push(...above);
      for (const slot of links) if (!group.uplinks.includes(slot)) group.uplinks.push(slot);
    }
    if (next.length > 0 && depth < maxFabricDepth) group.parent = this.groupOf(next, depth + 1);
    return g;
  }

  /** What a device or host reaches through its non-peer `connects` relations, and the links on the way. */
  private uplinks(entity: number): { devices: number[]; links: number[] } {
    const devices: number[] = [];
    const links: number[] = [];
    for (const relation of this.estate.outgoing(entity, 'connects')) {
      if (relation.props?.peer === true) continue;
      const to = this.estate.indexOf(relation.to) as number;
      const slot = this.linkSlot.get(to);
      if (slot !== undefined) {
        links.push(slot);
        for (const onward of this.estate.outgoing(to, 'connects')) {
          if (onward.props?.peer === true) continue;
          const device = this.estate.indexOf(onward.to) as number;
          if (networkKinds.has(this.estate.kinds[device] as string)) devices.push(device);
        }
      } else if (networkKinds.has(this.estate.kinds[to] as string)) {
        devices.push(to);
      }
    }
    return { devices, links };
  }
}
