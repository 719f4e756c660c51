import type { Entity, EntityId, TwinView } from '../../model/index.js';

/** A call from one service to another, per request the caller serves. */
export interface CallEdge {
  readonly to: number;
  readonly calls: number;
  readonly bytesPerCall: number;
  readonly optional: boolean;
}

export interface ServiceNode {
  readonly id: EntityId;
  readonly kind: string;
  readonly name: string;
  readonly site: string | undefined;
  readonly entryPoint: boolean;
  /** CPU seconds of one core per request; undefined when neither declared nor calibrated. */
  demandSeconds: number | undefined;
  readonly sloP99Seconds: number | undefined;
  /** Requests per second the live twin observed; undefined when it has none. */
  readonly observedRate: number | undefined;
  readonly observedP99: number | undefined;
  readonly observedMean: number | undefined;
  /**
   * Measured time a request holds a worker: the queue's service time, which can be less than its
   * CPU per request (work on other threads does not hold the worker).
   */
  readonly observedServiceTime: number | undefined;
  /** Squared coefficient of variation of the service time (1: exponential). */
  readonly serviceTimeScv: number;
  /** Replica indexes. */
  readonly replicas: number[];
  readonly callees: CallEdge[];
}

export interface ReplicaNode {
  readonly id: EntityId;
  readonly service: number;
  readonly cores: number;
  /** Memory and disk it holds on its host (its allocation; moves with it on failover). */
  readonly memoryBytes: number;
  readonly diskBytes: number;
  /** The host it runs on (through VMs), or -1 when it runs on something the model has no host for. */
  host: number;
}

export interface HostNode {
  readonly id: EntityId;
  readonly cores: number;
  readonly idleWatts: number;
  readonly maxWatts: number;
  readonly rack: number;
  readonly site: string | undefined;
  readonly role: string | undefined;
  /** Cores given to the guests placed on it (VMs and containers directly on it). */
  allocatedCores: number;
  readonly observedUtilization: number | undefined;
  readonly memoryBytes: number | undefined;
  readonly diskBytes: number | undefined;
  readonly observedMemory: number | undefined;
  readonly observedDisk: number | undefined;
  /** Observed bytes per second received and sent. */
  readonly observedReceive: number | undefined;
  readonly observedTransmit: number | undefined;
  /** Bits per second of its uplinks together (25 GbE each where the twin does not say). */
  readonly uplinkBitsPerSecond: number;
  /** Power supplies (PDUs, UPSes) it is `powered-by`. */
  readonly supplies: EntityId[];
}

export interface RackNode {
  readonly id: EntityId;
  readonly room: number;
  readonly coolingUnits: number[];
  readonly observedInletCelsius: number | undefined;
  readonly observedPowerWatts: number | undefined;
  /** Watts of contained devices that are not modelled hosts (switches, PDUs' own draw), as observed or declared. */
  readonly otherWatts: number;
  readonly powerBudgetWatts: number | undefined;
}

export interface CoolingNode {
  readonly id: EntityId;
  readonly room: number;
  capacityWatts: number;
  setpointCelsius: number;
  readonly supplies: EntityId[];
}

export interface RoomNode {
  readonly id: EntityId;
  readonly racks: number[];
  readonly coolingUnits: number[];
}

/** A power distribution node of the estate (feed, UPS, PDU) with what feeds it. */
export interface PowerNode {
  readonly id: EntityId;
  readonly kind: 'power-feed' | 'ups' | 'pdu';
  readonly ratedWatts: number | undefined;
  readonly batteryWattHours: number | undefined;
  readonly supplies: EntityId[];
}

/**
 * The estate compiled into arrays for fast evaluation: services with their call graph and
 * replicas, hosts, racks, rooms, cooling and power. Built once per view; every what-if
 * evaluation then runs over indexes, never over the view.
 */
export interface EstateModel {
  readonly view: TwinView;
  readonly services: ServiceNode[];
  readonly replicas: ReplicaNode[];
  readonly hosts: HostNode[];
  readonly racks: RackNode[];
  readonly rooms: RoomNode[];
  readonly coolingUnits: CoolingNode[];
  readonly power: PowerNode[];
  readonly serviceIndex: Map<EntityId, number>;
  readonly hostIndex: Map<EntityId, number>;
  readonly rackIndex: Map<EntityId, number>;
  readonly replicaIndex: Map<EntityId, number>;
  readonly coolingIndex: Map<EntityId, number>;
}

const serviceKinds = ['service', 'database'];
const computeHostKinds = new Set(['host', 'cloud-instance']);
const defaultIdleWatts = 150;
const defaultMaxWatts = 450;
const defaultCoolingWatts = 50_000;
const defaultSetpointCelsius = 20;

export function buildEstateModel(view: TwinView): EstateModel {
  const model: EstateModel = {
    view,
    services: [],
    replicas: [],
    hosts: [],
    racks: [],
    rooms: [],
    coolingUnits: [],
    power: [],
    serviceIndex: new Map(),
    hostIndex: new Map(),
    rackIndex: new Map(),
    replicaIndex: new Map(),
    coolingIndex: new Map(),
  };
  addRooms(model);
  for (const kind of computeHostKinds) for (const entity of view.entitiesOfKind(kind)) addHost(model, entity);
  for (const kind of ['power-feed', 'ups', 'pdu'] as const) {
    for (const entity of view.entitiesOfKind(kind)) addPowerNode(model, entity, kind);
  }
  for (const kind of serviceKinds) for (const entity of view.entitiesOfKind(kind)) addService(model, entity);
  for (const service of model.services) addCallees(model, service);
  allocateGuestCores(model);
  return model;
}

function numberProp(entity: Entity, name: string): number | undefined {
  const value = entity.props[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function observed(view: TwinView, id: EntityId, metric: string): number | undefined {
  const value = view.metrics(id)?.[metric];
  if (!value || value.origin === 'predicted' || !Number.isFinite(value.value)) return undefined;
  return value.value;
}

function addRooms(model: EstateModel): void {
  const { view } = model;
  for (const room of view.entitiesOfKind('room')) {
    const roomIndex = model.rooms.length;
    const node: RoomNode = { id: room.id, racks: [], coolingUnits: [] };
    model.rooms.push(node);
    for (const relation of view.outgoing(room.id, 'contains')) {
      const child = view.entity(relation.to);
      if (child?.kind === 'cooling-unit') node.coolingUnits.push(addCoolingUnit(model, child, roomIndex));
    }
    for (const relation of view.outgoing(room.id, 'contains')) {
      const child = view.entity(relation.to);
      if (child?.kind === 'rack') node.racks.push(addRack(model, child, roomIndex));
    }
  }
  // Racks outside any room still carry hosts and power.
  for (const rack of view.entitiesOfKind('rack')) if (!model.rackIndex.has(rack.id)) addRack(model, rack, -1);
}

function addCoolingUnit(model: EstateModel, unit: Entity, room: number): number {
  const index = model.coolingUnits.length;
  model.coolingUnits.push({
    id: unit.id,
    room,
    capacityWatts: numberProp(unit, 'capacityWatts') ?? defaultCoolingWatts,
    setpointCelsius: numberProp(unit, 'setpointCelsius') ?? defaultSetpointCelsius,
    supplies: model.view.outgoing(unit.id, 'powered-by').map((relation) => relation.to),
  });
  model.coolingIndex.set(unit.id, index);
  return index;
}

function addRack(model: EstateModel, rack: Entity, room: number): number {
  const { view } = model;
  const index = model.racks.length;
  let otherWatts = 0;
  for (const relation of view.outgoing(rack.id, 'contains')) {
    const child = view.entity(relation.to);
    if (!child || computeHostKinds.has(child.kind) || child.kind === 'pdu') continue;
    otherWatts += observed(view, child.id, 'power_watts') ?? numberProp(child, 'idleWatts') ?? 0;
  }
  const coolingUnits: number[] = [];
  for (const relation of view.outgoing(rack.id, 'cooled-by')) {
    const unit = model.coolingIndex.get(relation.to);
    if (unit !== undefined) coolingUnits.push(unit);
  }
  model.racks.push({
    id: rack.id,
    room,
    coolingUnits,
    observedInletCelsius: observed(view, rack.id, 'inlet_temperature_celsius'),
    observedPowerWatts: observed(view, rack.id, 'power_watts'),
    otherWatts,
    powerBudgetWatts: numberProp(rack, 'powerBudgetWatts'),
  });
  model.rackIndex.set(rack.id, index);
  return index;
}

function addHost(model: EstateModel, host: Entity): void {
  const { view } = model;
  const rackId = view
    .incoming(host.id, 'contains')
    .find((relation) => relation.from.startsWith('rack:'))?.from;
  const index = model.hosts.length;
  model.hosts.push({
    id: host.id,
    cores: Math.max(1, numberProp(host, 'cpuCores') ?? 1),
    idleWatts: numberProp(host, 'idleWatts') ?? (host.kind === 'host' ? defaultIdleWatts : 0),
    maxWatts: numberProp(host, 'maxWatts') ?? (host.kind === 'host' ? defaultMaxWatts : 0),
    rack: rackId === undefined ? -1 : (model.rackIndex.get(rackId) ?? -1),
    site: host.labels.site,
    role: host.labels.role,
    allocatedCores: 0,
    observedUtilization: observed(view, host.id, 'cpu_utilization'),
    memoryBytes: numberProp(host, 'memoryBytes'),
    diskBytes: numberProp(host, 'diskBytes'),
    observedMemory: observed(view, host.id, 'memory_utilization'),
    observedDisk: observed(view, host.id, 'disk_used_ratio'),
    observedReceive: observed(view, host.id, 'network_receive_bytes_per_second'),
    observedTransmit: observed(view, host.id, 'network_transmit_bytes_per_second'),
    uplinkBitsPerSecond: uplinkCapacity(view, host.id),
    supplies: view.outgoing(host.id, 'powered-by').map((relation) => relation.to),
  });
  model.hostIndex.set(host.id, index);
}

function addPowerNode(model: EstateModel, entity: Entity, kind: PowerNode['kind']): void {
  model.power.push({
    id: entity.id,
    kind,
    ratedWatts: numberProp(entity, 'ratedWatts'),
    batteryWattHours: numberProp(entity, 'batteryWattHours'),
    supplies: model.view.outgoing(entity.id, 'powered-by').map((relation) => relation.to),
  });
}

function addService(model: EstateModel, entity: Entity): void {
  const { view } = model;
  const index = model.services.length;
  const node: ServiceNode = {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    site: entity.labels.site,
    entryPoint: entity.props.entryPoint === true,
    demandSeconds: numberProp(entity, 'demandCpuSecondsPerRequest'),
    sloP99Seconds: numberProp(entity, 'sloLatencyP99Seconds'),
    observedRate: observed(view, entity.id, 'request_rate_per_second'),
    observedP99: observed(view, entity.id, 'latency_p99_seconds'),
    observedMean: observed(view, entity.id, 'latency_mean_seconds'),
    observedServiceTime: observed(view, entity.id, 'service_time_seconds'),
    serviceTimeScv: Math.max(0, numberProp(entity, 'serviceTimeScv') ?? 1),
    replicas: [],
    callees: [],
  };
  model.services.push(node);
  model.serviceIndex.set(entity.id, index);
  const wanted = numberProp(entity, 'replicas');
  const targets = view.outgoing(entity.id, 'runs-on').map((relation) => relation.to);
  // A service declares how many replicas it wants; more placements than that are standbys.
  const working = wanted === undefined ? targets : targets.slice(0, Math.max(0, Math.floor(wanted)));
  for (const target of working) {
    const guest = view.entity(target);
    if (!guest) continue;
    const replica: ReplicaNode = {
      id: guest.id,
      service: index,
      cores: Math.max(1, numberProp(guest, 'cpuCores') ?? 1),
      memoryBytes: numberProp(guest, 'memoryBytes') ?? 0,
      diskBytes: numberProp(guest, 'diskBytes') ?? 0,
      host: hostOf(model, guest.id),
    };
    model.replicaIndex.set(guest.id, model.replicas.length);
    node.replicas.push(model.replicas.length);
    model.replicas.push(replica);
  }
}

/** Follows runs-on down from a guest (container → VM → host) to the host the model knows. */
function hostOf(model: EstateModel, id: EntityId): number {
  let current: EntityId | undefined = id;
  for (let depth = 0; current !== undefined && depth < 6; depth++) {
    const host = model.hostIndex.get(current);
    if (host !== undefined) return host;
    current = model.view.outgoing(current, 'runs-on')[0]?.to;
  }
  return -1;
}

function addCallees(model: EstateModel, service: ServiceNode): void {
  for (const relation of model.view.outgoing(service.id, 'depends-on')) {
    const to = model.serviceIndex.get(relation.to);
    if (to === undefined) continue;
    const { callsPerRequest, bytesPerCall, optional } = relation.props;
    service.callees.push({
      to,
      calls: typeof callsPerRequest === 'number' ? callsPerRequest : 1,
      bytesPerCall: typeof bytesPerCall === 'number' ? bytesPerCall : 4096,
      optional: optional === true,
    });
  }
}

/** Cores each host has promised to its direct guests: what failover may still place there. */
function allocateGuestCores(model: EstateModel): void {
  const { view } = model;
  model.hosts.forEach((host) => {
    for (const relation of view.incoming(host.id, 'runs-on')) {
      const guest = view.entity(relation.from);
      if (guest && (guest.kind === 'vm' || guest.kind === 'container'))
        host.allocatedCores += numberProp(guest, 'cpuCores') ?? 1;
    }
  });
}

const defaultUplinkBitsPerSecond = 25e9;
const networkDeviceKinds = new Set(['switch', 'router', 'firewall', 'load-balancer']);

/** A host's uplinks: its `connects` to network devices, each at its declared capacity or 25 GbE. */
function uplinkCapacity(view: TwinView, id: EntityId): number {
  let total = 0;
  for (const relation of view.outgoing(id, 'connects')) {
    const kind = relation.to.slice(0, relation.to.indexOf(':'));
    if (!networkDeviceKinds.has(kind)) continue;
    const capacity = relation.props.capacityBitsPerSecond;
    total += typeof capacity === 'number' && capacity > 0 ? capacity : defaultUplinkBitsPerSecond;
  }
  return total > 0 ? total : defaultUplinkBitsPerSecond;
}

/**
 * How long a request holds one of a replica's servers: its measured service time, else its CPU
 * demand (a CPU-bound service holds a core as long as it computes).
 */
export function holdSeconds(service: ServiceNode): number | undefined {
  const measured = service.observedServiceTime;
  return measured !== undefined && measured > 0 ? measured : service.demandSeconds;
}
