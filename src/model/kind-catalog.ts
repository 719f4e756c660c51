import type { RelationType } from './relation.js';

export type PropType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export interface PropSpec {
  type: PropType;
  unit?: string;
  description: string;
}

/** A health rule on one metric: past `warning` or `critical` in `direction`. */
export interface Thresholds {
  warning: number;
  critical: number;
  /** `above` (default): high is bad; `below`: low is bad. */
  direction?: 'above' | 'below';
  /** Why these numbers (a standard, a convention). */
  basis?: string;
}

export interface MetricSpec {
  unit: string;
  description: string;
  thresholds?: Thresholds;
}

export interface KindSpec {
  kind: string;
  description: string;
  props: Record<string, PropSpec>;
  metrics: Record<string, MetricSpec>;
  /** Outgoing relations this kind may have: relation type → kinds allowed at the other end (`*` any). */
  relations: Partial<Record<RelationType, readonly string[]>>;
}

export type KindCatalog = ReadonlyMap<string, KindSpec>;

/** Whether a prop value has the type its spec declares; numbers must be finite. */
export function hasPropType(value: unknown, type: PropType): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/**
 * Relation props the twin's own computations read (blast radius, the call graph), typed so that a
 * string "true" cannot silently make an optional call required. Other relation props are free.
 */
export const relationPropSpecs: Partial<Record<RelationType, Record<string, PropSpec>>> = {
  'depends-on': {
    callsPerRequest: { type: 'number', description: 'Calls to the callee per request to the caller' },
    bytesPerCall: { type: 'number', unit: 'bytes', description: 'Bytes exchanged per call' },
    optional: { type: 'boolean', description: 'The caller works, degraded, without the callee' },
    group: { type: 'string', description: 'Callees sharing a group stand in for each other' },
  },
  connects: {
    peer: { type: 'boolean', description: 'A link between devices of one tier: no dependency' },
    capacityBitsPerSecond: { type: 'number', unit: 'bit/s', description: 'Capacity per direction' },
  },
};

const computeKinds = ['host', 'vm', 'container', 'cloud-instance'];
const networkKinds = ['switch', 'router', 'firewall', 'load-balancer', 'link', 'interface'];
const powerSources = ['pdu', 'ups', 'power-feed'];
const placeable = [...computeKinds, ...networkKinds, 'storage-array', 'pdu', 'ups', 'cooling-unit', 'sensor'];

const cpu: MetricSpec = {
  unit: 'ratio',
  description: 'CPU utilisation, 0 to 1',
  thresholds: { warning: 0.85, critical: 0.95 },
};
const memory: MetricSpec = {
  unit: 'ratio',
  description: 'Memory in use, 0 to 1',
  thresholds: { warning: 0.9, critical: 0.97 },
};
const disk: MetricSpec = {
  unit: 'ratio',
  description: 'Fullness of the fullest filesystem, 0 to 1',
  thresholds: { warning: 0.85, critical: 0.95 },
};
const power: MetricSpec = { unit: 'watts', description: 'Electrical power drawn' };
const loadRatio: MetricSpec = {
  unit: 'ratio',
  description: 'Load against rating, 0 to 1',
  thresholds: { warning: 0.8, critical: 0.95, basis: 'NEC 80 % continuous-load rule' },
};
const inlet: MetricSpec = {
  unit: 'celsius',
  description: 'Air inlet temperature',
  thresholds: {
    warning: 27,
    critical: 32,
    basis: 'ASHRAE TC 9.9 class A1: 27 °C recommended, 32 °C allowable',
  },
};
const computeMetrics: Record<string, MetricSpec> = {
  cpu_utilization: cpu,
  memory_utilization: memory,
  disk_used_ratio: disk,
  network_receive_bytes_per_second: { unit: 'bytes/s', description: 'Bytes received per second' },
  network_transmit_bytes_per_second: { unit: 'bytes/s', description: 'Bytes sent per second' },
};
const computeProps: Record<string, PropSpec> = {
  cpuCores: { type: 'integer', description: 'CPU cores (vCPUs for virtual machines)' },
  memoryBytes: { type: 'number', unit: 'bytes', description: 'Memory' },
  diskBytes: { type: 'number', unit: 'bytes', description: 'Disk capacity' },
  ipAddresses: { type: 'array', description: 'IP addresses' },
  os: { type: 'string', description: 'Operating system' },
};

const specs: KindSpec[] = [
  {
    kind: 'site',
    description: 'A data-center site or campus',
    props: { city: { type: 'string', description: 'City' } },
    metrics: {},
    relations: {
      contains: [
        'room',
        'rack',
        'power-feed',
        'router',
        'firewall',
        'switch',
        'load-balancer',
        'storage-array',
      ],
      'powered-by': ['power-feed'],
    },
  },
  {
    kind: 'room',
    description: 'A data hall or server room',
    props: {
      rows: { type: 'integer', description: 'Rack rows on the floor plan' },
      columns: { type: 'integer', description: 'Rack positions per row' },
    },
    metrics: { temperature_celsius: inlet },
    relations: {
      contains: [
        'rack',
        'ups',
        'cooling-unit',
        'sensor',
        'pdu',
        'switch',
        'router',
        'firewall',
        'load-balancer',
        'storage-array',
      ],
    },
  },
  {
    kind: 'rack',
    description: 'A rack cabinet',
    props: {
      units: { type: 'integer', unit: 'U', description: 'Height in rack units' },
      row: { type: 'integer', description: 'Row on the room floor plan' },
      column: { type: 'integer', description: 'Column on the room floor plan' },
      powerBudgetWatts: { type: 'number', unit: 'watts', description: 'Power the rack is provisioned for' },
    },
    metrics: { inlet_temperature_celsius: inlet, power_watts: power },
    relations: { contains: placeable, 'powered-by': powerSources, 'cooled-by': ['cooling-unit'] },
  },
  {
    kind: 'host',
    description: 'A physical server',
    props: {
      ...computeProps,
      model: { type: 'string', description: 'Hardware model' },
      serial: { type: 'string', description: 'Serial number' },
      position: { type: 'integer', unit: 'U', description: 'Lowest rack unit it occupies' },
      heightUnits: { type: 'integer', unit: 'U', description: 'Rack units it occupies' },
      idleWatts: { type: 'number', unit: 'watts', description: 'Power at idle' },
      maxWatts: { type: 'number', unit: 'watts', description: 'Power at full CPU load' },
    },
    metrics: {
      ...computeMetrics,
      power_watts: power,
      cpu_temperature_celsius: {
        unit: 'celsius',
        description: 'Hottest CPU package temperature',
        thresholds: { warning: 85, critical: 95 },
      },
    },
    relations: {
      'powered-by': powerSources,
      'cooled-by': ['cooling-unit'],
      connects: ['link', 'switch', 'router', 'firewall', 'load-balancer', 'interface'],
      contains: ['interface', 'volume'],
      'has-vulnerability': ['*'],
      trusts: ['*'],
    },
  },
  {
    kind: 'vm',
    description: 'A virtual machine',
    props: computeProps,
    metrics: computeMetrics,
    relations: {
      'runs-on': ['host', 'cloud-instance'],
      'stored-on': ['volume', 'storage-array'],
      connects: ['link', 'switch', 'interface'],
      'has-vulnerability': ['*'],
      trusts: ['*'],
    },
  },
  {
    kind: 'container',
    description: 'A container or pod',
    props: { ...computeProps, image: { type: 'string', description: 'Image reference' } },
    metrics: computeMetrics,
    relations: {
      'runs-on': ['host', 'vm', 'cloud-instance'],
      'stored-on': ['volume', 'storage-array'],
      'has-vulnerability': ['*'],
      trusts: ['*'],
    },
  },
  {
    kind: 'service',
    description: 'An application service: a pool of replicas behind one name',
    props: {
      replicas: { type: 'integer', description: 'Desired replicas' },
      demandCpuSecondsPerRequest: {
        type: 'number',
        unit: 's',
        description: 'CPU time one request needs, on one core',
      },
      sloLatencyP99Seconds: { type: 'number', unit: 's', description: 'Latency objective, p99' },
      serviceTimeScv: {
        type: 'number',
        description:
          'Squared coefficient of variation of a request’s service time: 1 exponential (the default), 0 fixed work',
      },
      port: { type: 'integer', description: 'Listening port' },
      entryPoint: { type: 'boolean', description: 'Receives external traffic' },
    },
    metrics: {
      request_rate_per_second: { unit: 'req/s', description: 'Requests per second' },
      latency_mean_seconds: {
        unit: 's',
        description: 'Response time, mean (a histogram’s sum over its count)',
      },
      service_time_seconds: {
        unit: 's',
        description: 'Time a request holds a worker (a handler’s own duration, without queueing), mean',
      },
      latency_p99_seconds: {
        unit: 's',
        description: 'Response time, 99th percentile',
        thresholds: { warning: 0.5, critical: 1 },
      },
      error_ratio: {
        unit: 'ratio',
        description: 'Failed requests, 0 to 1',
        thresholds: { warning: 0.01, critical: 0.05 },
      },
    },
    relations: {
      'runs-on': ['vm', 'container', 'host', 'cloud-instance'],
      'depends-on': ['service', 'database', 'load-balancer', 'storage-array', 'volume'],
      exposes: ['*'],
      'has-vulnerability': ['*'],
    },
  },
  {
    kind: 'database',
    description: 'A database or data store',
    props: { engine: { type: 'string', description: 'Engine, e.g. postgresql' } },
    metrics: {
      request_rate_per_second: { unit: 'req/s', description: 'Queries per second' },
      latency_p99_seconds: {
        unit: 's',
        description: 'Query time, 99th percentile',
        thresholds: { warning: 0.2, critical: 1 },
      },
      disk_used_ratio: disk,
    },
    relations: {
      'runs-on': ['vm', 'container', 'host', 'cloud-instance'],
      'depends-on': ['service', 'database', 'storage-array', 'volume'],
      'stored-on': ['volume', 'storage-array'],
      'has-vulnerability': ['*'],
    },
  },
  ...(['switch', 'router', 'firewall', 'load-balancer'] as const).map(
    (kind): KindSpec => ({
      kind,
      description: {
        switch: 'A network switch',
        router: 'A router',
        firewall: 'A firewall',
        'load-balancer': 'A load balancer',
      }[kind],
      props: {
        model: { type: 'string', description: 'Hardware model' },
        ports: { type: 'integer', description: 'Ports' },
        role: { type: 'string', description: 'Role in the fabric: core, spine, leaf, tor, edge' },
        idleWatts: { type: 'number', unit: 'watts', description: 'Power at idle' },
        maxWatts: { type: 'number', unit: 'watts', description: 'Power at full load' },
        managementIp: { type: 'string', description: 'Management-plane address' },
      },
      metrics: { cpu_utilization: cpu, power_watts: power },
      relations: {
        connects: ['link', 'switch', 'router', 'firewall', 'load-balancer', 'interface'],
        'powered-by': powerSources,
        contains: ['interface'],
        'routes-through': [...networkKinds],
        allows: ['*'],
        'depends-on': ['service', 'host', 'vm', 'container'],
        'has-vulnerability': ['*'],
      },
    }),
  ),
  {
    kind: 'interface',
    description: 'A network interface of a device',
    props: {
      speedBitsPerSecond: { type: 'number', unit: 'bit/s', description: 'Line rate' },
      macAddress: { type: 'string', description: 'MAC address' },
      ipAddresses: { type: 'array', description: 'IP addresses' },
    },
    metrics: {
      receive_bits_per_second: { unit: 'bit/s', description: 'Received' },
      transmit_bits_per_second: { unit: 'bit/s', description: 'Sent' },
      utilization_ratio: {
        unit: 'ratio',
        description: 'Busier direction against line rate',
        thresholds: { warning: 0.7, critical: 0.9 },
      },
    },
    relations: { connects: ['link', 'interface', 'switch', 'router', 'firewall', 'load-balancer'] },
  },
  {
    kind: 'link',
    description: 'A network link (cable or circuit) between two devices',
    props: {
      capacityBitsPerSecond: { type: 'number', unit: 'bit/s', description: 'Capacity per direction' },
      latencySeconds: { type: 'number', unit: 's', description: 'One-way propagation latency' },
    },
    metrics: {
      traffic_bits_per_second: { unit: 'bit/s', description: 'Traffic in the busier direction' },
      utilization_ratio: {
        unit: 'ratio',
        description: 'Traffic against capacity',
        thresholds: { warning: 0.7, critical: 0.9 },
      },
    },
    relations: { connects: ['switch', 'router', 'firewall', 'load-balancer', 'interface', 'host'] },
  },
  {
    kind: 'storage-array',
    description: 'A storage array or cluster',
    props: { capacityBytes: { type: 'number', unit: 'bytes', description: 'Usable capacity' } },
    metrics: { disk_used_ratio: disk, power_watts: power },
    relations: { 'powered-by': powerSources, connects: ['link', 'switch'], contains: ['volume'] },
  },
  {
    kind: 'volume',
    description: 'A volume, LUN or filesystem',
    props: {
      capacityBytes: { type: 'number', unit: 'bytes', description: 'Size' },
      mountPoint: { type: 'string', description: 'Mount point' },
    },
    metrics: {
      disk_used_ratio: disk,
      used_bytes: { unit: 'bytes', description: 'Bytes in use' },
    },
    relations: { 'stored-on': ['storage-array', 'host'] },
  },
  {
    kind: 'cloud-region',
    description: 'A cloud provider region',
    props: {
      provider: { type: 'string', description: 'aws, azure, gcp' },
      region: { type: 'string', description: 'Provider region name' },
    },
    metrics: {},
    relations: { contains: ['cloud-instance', 'database', 'load-balancer', 'service'] },
  },
  {
    kind: 'cloud-instance',
    description: 'A cloud virtual machine instance',
    props: {
      ...computeProps,
      instanceType: { type: 'string', description: 'e.g. m6i.large' },
      instanceId: { type: 'string', description: 'Provider instance id' },
    },
    metrics: computeMetrics,
    relations: { 'has-vulnerability': ['*'], trusts: ['*'], 'stored-on': ['volume'] },
  },
  {
    kind: 'pdu',
    description: 'A power distribution unit',
    props: {
      ratedWatts: { type: 'number', unit: 'watts', description: 'Rated capacity' },
      phase: { type: 'string', description: 'A or B side' },
      managementIp: { type: 'string', description: 'Network card address' },
    },
    metrics: { power_watts: power, load_ratio: loadRatio },
    relations: { 'powered-by': ['ups', 'power-feed', 'pdu'] },
  },
  {
    kind: 'ups',
    description: 'An uninterruptible power supply',
    props: {
      ratedWatts: { type: 'number', unit: 'watts', description: 'Rated capacity' },
      batteryWattHours: { type: 'number', unit: 'Wh', description: 'Battery energy' },
      managementIp: { type: 'string', description: 'Network card address' },
    },
    metrics: {
      power_watts: power,
      load_ratio: loadRatio,
      battery_charge_ratio: {
        unit: 'ratio',
        description: 'Battery charge, 0 to 1',
        thresholds: { warning: 0.5, critical: 0.2, direction: 'below' },
      },
    },
    relations: { 'powered-by': ['power-feed', 'ups'] },
  },
  {
    kind: 'power-feed',
    description: 'A utility or generator power feed',
    props: {
      ratedWatts: { type: 'number', unit: 'watts', description: 'Rated capacity' },
      voltage: { type: 'number', unit: 'V', description: 'Supply voltage' },
    },
    metrics: { power_watts: power, load_ratio: loadRatio },
    relations: {},
  },
  {
    kind: 'cooling-unit',
    description: 'A CRAC, CRAH or in-row cooler',
    props: {
      capacityWatts: { type: 'number', unit: 'watts', description: 'Heat it can remove' },
      setpointCelsius: { type: 'number', unit: 'celsius', description: 'Supply air setpoint' },
      managementIp: { type: 'string', description: 'Controller address' },
    },
    metrics: {
      supply_temperature_celsius: { unit: 'celsius', description: 'Supply air temperature' },
      return_temperature_celsius: { unit: 'celsius', description: 'Return air temperature' },
      cooling_watts: { unit: 'watts', description: 'Heat being removed' },
      fan_speed_ratio: {
        unit: 'ratio',
        description: 'Fan speed, 0 to 1',
        thresholds: { warning: 0.2, critical: 0.05, direction: 'below' },
      },
      power_watts: power,
    },
    relations: { 'powered-by': powerSources },
  },
  {
    kind: 'sensor',
    description: 'An environmental sensor',
    props: { measures: { type: 'string', description: 'temperature, humidity, ...' } },
    metrics: {
      temperature_celsius: inlet,
      humidity_ratio: {
        unit: 'ratio',
        description: 'Relative humidity, 0 to 1',
        thresholds: { warning: 0.6, critical: 0.8 },
      },
    },
    relations: {},
  },
];

/** The built-in kinds. Users add kinds (from DTDL) by building a catalog with more specs. */
export const builtinKinds: KindCatalog = new Map(specs.map((spec) => [spec.kind, spec]));

export function createKindCatalog(extra: readonly KindSpec[] = []): KindCatalog {
  return new Map([...builtinKinds, ...extra.map((spec) => [spec.kind, spec] as const)]);
}
