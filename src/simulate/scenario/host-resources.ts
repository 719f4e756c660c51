import type { EstateConditions } from './estate-conditions.js';
import type { EstateModel } from './estate-model.js';
import type { WorkingReplicas } from './working-replicas.js';

/** A call's bytes go mostly one way: the request is a fifth, the answer the rest. */
export const requestShare = 0.2;

/** What the hosts held when the twin measured them, beyond what the model moves around. */
export interface HostBaseline {
  /** Bytes of memory and disk in use, by host. */
  readonly memoryBytes: Float64Array;
  readonly diskBytes: Float64Array;
  /** Bytes per second received and sent that no modelled call explains. */
  readonly receive: Float64Array;
  readonly transmit: Float64Array;
}

/** Memory, disk and network of every host under some conditions. */
export interface HostResources {
  /** 0 to 1 (more when over-committed); NaN where the host's capacity is unknown. */
  readonly memoryUtilization: Float64Array;
  readonly diskUtilization: Float64Array;
  readonly receiveBytes: Float64Array;
  readonly transmitBytes: Float64Array;
  /** The busier direction against the uplinks' capacity. */
  readonly networkUtilization: Float64Array;
}

/**
 * Network bytes per host from the call graph: each call edge's bytes split over the caller's
 * replicas (sending requests, receiving answers) and the callee's (the other way round).
 */
export function callTraffic(
  model: EstateModel,
  working: WorkingReplicas,
  rates: Float64Array,
  into: { receive: Float64Array; transmit: Float64Array } = {
    receive: new Float64Array(model.hosts.length),
    transmit: new Float64Array(model.hosts.length),
  },
): { receive: Float64Array; transmit: Float64Array } {
  const { receive, transmit } = into;
  receive.fill(0);
  transmit.fill(0);
  const spread = (s: number, sent: number, received: number) => {
    const count = working.count(s);
    if (count === 0) return;
    for (let k = working.start[s] as number; k < (working.start[s + 1] as number); k++) {
      const h = working.host[k] as number;
      if (h < 0) continue;
      transmit[h] = (transmit[h] as number) + sent / count;
      receive[h] = (receive[h] as number) + received / count;
    }
  };
  model.services.forEach((service, s) => {
    for (const call of service.callees) {
      const bytes = (rates[s] as number) * call.calls * call.bytesPerCall;
      spread(s, bytes * requestShare, bytes * (1 - requestShare));
      spread(call.to, bytes * (1 - requestShare), bytes * requestShare);
    }
  });
  return into;
}

/** Zeroed per-host arrays in the shape of a baseline: an empty baseline, or an evaluator's work arrays. */
export function hostArrays(hosts: number): HostBaseline {
  return {
    memoryBytes: new Float64Array(hosts),
    diskBytes: new Float64Array(hosts),
    receive: new Float64Array(hosts),
    transmit: new Float64Array(hosts),
  };
}

/**
 * Memory and disk move with replicas: a host keeps what it held, less the replicas it lost, plus
 * those failed over to it; a host that is down holds nothing (its entries in `into` are left as
 * they are: zero in a fresh snapshot). Network is the baseline plus the modelled calls at these
 * conditions' traffic.
 */
export function hostResources(
  model: EstateModel,
  baseline: HostBaseline,
  conditions: EstateConditions,
  working: WorkingReplicas,
  rates: Float64Array,
  into: HostResources,
  scratch: HostBaseline,
): void {
  const { memoryBytes: memory, diskBytes: disk } = scratch;
  memory.set(baseline.memoryBytes);
  disk.set(baseline.diskBytes);
  model.replicas.forEach((replica, r) => {
    if (replica.host < 0 || conditions.replicaDown[r] !== 1) return;
    memory[replica.host] = (memory[replica.host] as number) - replica.memoryBytes;
    disk[replica.host] = (disk[replica.host] as number) - replica.diskBytes;
  });
  for (const placed of conditions.placed) {
    memory[placed.host] = (memory[placed.host] as number) + placed.memoryBytes;
    disk[placed.host] = (disk[placed.host] as number) + placed.diskBytes;
  }
  const calls = callTraffic(model, working, rates, scratch);
  model.hosts.forEach((host, h) => {
    if (conditions.hostDown[h] === 1) return;
    into.memoryUtilization[h] = host.memoryBytes
      ? Math.max(0, memory[h] as number) / host.memoryBytes
      : Number.NaN;
    into.diskUtilization[h] = host.diskBytes ? Math.max(0, disk[h] as number) / host.diskBytes : Number.NaN;
    const receive = (baseline.receive[h] as number) + (calls.receive[h] as number);
    const transmit = (baseline.transmit[h] as number) + (calls.transmit[h] as number);
    into.receiveBytes[h] = receive;
    into.transmitBytes[h] = transmit;
    into.networkUtilization[h] = (8 * Math.max(receive, transmit)) / host.uplinkBitsPerSecond;
  });
}

/**
 * The hosts as measured: memory and disk in use from their utilisation (or, unmeasured, the
 * allocations of the replicas on them), and the network traffic the modelled calls do not explain.
 */
export function hostBaseline(
  model: EstateModel,
  working: WorkingReplicas,
  rates: Float64Array,
): HostBaseline {
  const allocated = {
    memory: new Float64Array(model.hosts.length),
    disk: new Float64Array(model.hosts.length),
  };
  for (const replica of model.replicas) {
    if (replica.host < 0) continue;
    allocated.memory[replica.host] = (allocated.memory[replica.host] as number) + replica.memoryBytes;
    allocated.disk[replica.host] = (allocated.disk[replica.host] as number) + replica.diskBytes;
  }
  const calls = callTraffic(model, working, rates);
  const measuredOr = (ratio: number | undefined, capacity: number | undefined, fallback: number) =>
    ratio !== undefined && capacity !== undefined ? ratio * capacity : fallback;
  return {
    memoryBytes: Float64Array.from(model.hosts, (host, h) =>
      measuredOr(host.observedMemory, host.memoryBytes, allocated.memory[h] as number),
    ),
    diskBytes: Float64Array.from(model.hosts, (host, h) =>
      measuredOr(host.observedDisk, host.diskBytes, allocated.disk[h] as number),
    ),
    receive: Float64Array.from(model.hosts, (host, h) =>
      Math.max(0, (host.observedReceive ?? 0) - (calls.receive[h] as number)),
    ),
    transmit: Float64Array.from(model.hosts, (host, h) =>
      Math.max(0, (host.observedTransmit ?? 0) - (calls.transmit[h] as number)),
    ),
  };
}
