import { MemoryTwinStore, type Operation, type RelationInput, type Sample, Twin } from '../../model/index.js';

export interface SmallEstateOptions {
  /** Requests per second reaching the frontend. */
  readonly rate?: number;
  /** CPU seconds per request of the frontend and of the backend it calls once per request. */
  readonly frontendDemand?: number;
  readonly backendDemand?: number;
  readonly frontendReplicas?: number;
  readonly backendReplicas?: number;
  readonly coresPerReplica?: number;
  readonly sloSeconds?: number;
  /** Squared coefficient of variation of both services' service times; undefined: exponential. */
  readonly serviceTimeScv?: number;
  /** Watts each PDU is rated for. */
  readonly pduRatedWatts?: number;
  /** Battery of each UPS (Wh). */
  readonly batteryWattHours?: number;
  /** Observed metrics to record; none by default (the model then runs on declared values). */
  readonly samples?: (ids: SmallEstateIds) => Sample[];
}

export interface SmallEstateIds {
  readonly frontend: string;
  readonly backend: string;
  readonly hosts: readonly string[];
  readonly racks: readonly string[];
  readonly coolingUnits: readonly string[];
}

const hostCount = 4;
const gib = 1024 ** 3;
export const smallEstateStart = Date.UTC(2026, 5, 1, 12);

/**
 * A small estate with known figures for the scenario tests: one room with two racks of two
 * hosts, two cooling units, an A and a B power path (feed → UPS → PDU per rack side), and a
 * frontend service calling a backend once per request, their replicas spread over the hosts.
 */
export async function smallEstate(
  options: SmallEstateOptions = {},
): Promise<{ twin: Twin; ids: SmallEstateIds }> {
  const twin = await Twin.open({ store: new MemoryTwinStore(), clock: () => smallEstateStart });
  const ops: Operation[] = [];
  const entity = (
    id: string,
    kind: string,
    props: Record<string, number | boolean | string> = {},
    labels = {},
  ) =>
    ops.push({
      op: 'upsert-entity',
      entity: { id, kind, name: id.slice(id.indexOf(':') + 1), labels, props },
    });
  const relation = (
    type: RelationInput['type'],
    from: string,
    to: string,
    props: Record<string, number> = {},
  ) => ops.push({ op: 'upsert-relation', relation: { type, from, to, props } });
  entity('site:s1', 'site');
  entity('room:s1/a', 'room');
  relation('contains', 'site:s1', 'room:s1/a');
  const coolingUnits = ['cooling-unit:s1/a-1', 'cooling-unit:s1/a-2'];
  for (const unit of coolingUnits) {
    entity(unit, 'cooling-unit', { capacityWatts: 4000, setpointCelsius: 20 });
    relation('contains', 'room:s1/a', unit);
  }
  for (const side of ['a', 'b']) {
    entity(`power-feed:s1-${side}`, 'power-feed', { ratedWatts: 100_000 });
    entity(`ups:s1-${side}`, 'ups', {
      ratedWatts: 20_000,
      batteryWattHours: options.batteryWattHours ?? 500,
    });
    relation('powered-by', `ups:s1-${side}`, `power-feed:s1-${side}`);
  }
  const racks = ['rack:s1/a/r1', 'rack:s1/a/r2'];
  const hosts: string[] = [];
  racks.forEach((rack, r) => {
    entity(rack, 'rack', { units: 42 });
    relation('contains', 'room:s1/a', rack);
    for (const unit of coolingUnits) relation('cooled-by', rack, unit);
    for (const side of ['a', 'b']) {
      const pdu = `pdu:s1/a/r${r + 1}-${side}`;
      entity(pdu, 'pdu', { ratedWatts: options.pduRatedWatts ?? 5000 });
      relation('contains', rack, pdu);
      relation('powered-by', pdu, `ups:s1-${side}`);
    }
    for (let k = 0; k < hostCount / racks.length; k++) {
      const host = `host:h${r * 2 + k + 1}`;
      hosts.push(host);
      entity(
        host,
        'host',
        { cpuCores: 16, idleWatts: 200, maxWatts: 500, memoryBytes: 64 * gib, diskBytes: 1000 * gib },
        { site: 's1', role: 'node' },
      );
      relation('contains', rack, host);
      relation('powered-by', host, `pdu:s1/a/r${r + 1}-a`);
      relation('powered-by', host, `pdu:s1/a/r${r + 1}-b`);
    }
  });
  const cores = options.coresPerReplica ?? 1;
  const service = (id: string, replicas: number, demand: number, entryPoint: boolean) => {
    entity(
      id,
      'service',
      {
        replicas,
        demandCpuSecondsPerRequest: demand,
        sloLatencyP99Seconds: options.sloSeconds ?? 1,
        entryPoint,
        ...(options.serviceTimeScv !== undefined ? { serviceTimeScv: options.serviceTimeScv } : {}),
      },
      { site: 's1' },
    );
    for (let k = 0; k < replicas; k++) {
      const container = `container:${id.slice(8)}-${k + 1}`;
      entity(container, 'container', { cpuCores: cores, memoryBytes: 4 * gib, diskBytes: 20 * gib });
      relation('runs-on', container, hosts[k % hosts.length] as string);
      relation('runs-on', id, container);
    }
  };
  const frontend = 'service:frontend';
  const backend = 'service:backend';
  service(frontend, options.frontendReplicas ?? 2, options.frontendDemand ?? 0.01, true);
  service(backend, options.backendReplicas ?? 2, options.backendDemand ?? 0.02, false);
  relation('depends-on', frontend, backend, { callsPerRequest: 1 });
  await twin.apply({ actor: 'test', reason: 'small estate', ops });
  const ids: SmallEstateIds = { frontend, backend, hosts, racks, coolingUnits };
  const rate = options.rate ?? 50;
  const samples: Sample[] = [
    {
      entityId: frontend,
      metric: 'request_rate_per_second',
      value: rate,
      ts: smallEstateStart,
      source: 'test',
    },
    ...(options.samples?.(ids) ?? []),
  ];
  twin.recordSamples(samples);
  return { twin, ids };
}
