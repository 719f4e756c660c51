import type { JsonValue } from './json-value.js';
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
  /** For a kind defined from DTDL: the interface's DTMI with its version (`dtmi:com:example:Pump;2`). */
  dtmi?: string;
  /** A human name for the kind (DTDL `displayName`). */
  displayName?: string;
  /** The DTDL interface the kind was defined from, as uploaded: what exporting the kind gives back. */
  dtdl?: { [key: string]: JsonValue };
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
  allows: {
    ports: { type: 'string', description: 'Ports allowed: "22", "80,443", "8000-8100" or "*" (all)' },
    protocol: { type: 'string', description: 'tcp, udp or any (the default)' },
  },
  trusts: {
    privilege: { type: 'string', description: 'What the trusted party gets: user (the default) or root' },
    port: {
      type: 'integer',
      description: 'The port the login goes through (any reachable port when absent)',
    },
  },
  'stored-on': {
    requiresPrivilege: {
      type: 'string',
      description:
        'A credential: the privilege that reads it where it is stored (user, the default, or root)',
    },
  },
  'relates-to': {
    name: {
      type: 'string',
      description:
        'What the relation means, e.g. a DTDL relationship name (`feeds`, `isLocatedIn`); also its key',
    },
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

/** What makes a facility device's network card an asset an attacker can take over. */
const managementPlane = { 'has-vulnerability': ['*'], trusts: ['*'] } as const;

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
      allows: ['*'],
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
      allows: ['*'],
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
      allows: ['*'],
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
      trusts: ['*'],
    },
  },
  {
    kind: 'database',
    description: 'A database or data store',
    props: {
      engine: { type: 'string', description: 'Engine, e.g. postgresql' },
      port: { type: 'integer', description: 'Listening port' },
    },
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
      trusts: ['*'],
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
        trusts: ['*'],
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
    relations: {
      'powered-by': powerSources,
      connects: ['link', 'switch'],
      contains: ['volume'],
      ...managementPlane,
    },
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
    relations: { 'has-vulnerability': ['*'], trusts: ['*'], 'stored-on': ['volume'], allows: ['*'] },
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
    relations: { 'powered-by': ['ups', 'power-feed', 'pdu'], ...managementPlane },
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
    relations: { 'powered-by': ['power-feed', 'ups'], ...managementPlane },
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
    relations: { 'powered-by': powerSources, ...managementPlane },
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

const attackable = [...computeKinds, ...networkKinds, 'storage-array', 'pdu', 'ups', 'cooling-unit'];

/** The kinds the attack graph reasons over (docs/attack.md): who reaches what, with which flaws and secrets. */
const securitySpecs: KindSpec[] = [
  {
    kind: 'network-segment',
    description: 'A subnet, VLAN, VPC subnet or security zone; the internet is one with `internet: true`',
    props: {
      cidrs: { type: 'array', description: 'Address ranges; assets whose addresses fall inside are members' },
      internet: { type: 'boolean', description: 'The public internet, where an outside attacker starts' },
      isolated: {
        type: 'boolean',
        description: 'Members do not reach each other unless an allows rule says so (a private VLAN)',
      },
    },
    metrics: {},
    relations: { contains: [...attackable, 'network-service'], allows: ['*'] },
  },
  {
    kind: 'network-service',
    description: 'A listening network service on an asset (a port, as Nmap reports it)',
    props: {
      port: { type: 'integer', description: 'Port number' },
      protocol: { type: 'string', description: 'tcp or udp' },
      name: { type: 'string', description: 'Service name, e.g. ssh' },
      product: { type: 'string', description: 'Product, e.g. OpenSSH' },
      version: { type: 'string', description: 'Product version' },
      cpes: { type: 'array', description: 'CPE identifiers (2.2 or 2.3 form)' },
      runsAs: { type: 'string', description: 'Privilege its process holds: user (the default) or root' },
    },
    metrics: {},
    relations: { 'runs-on': attackable, 'has-vulnerability': ['*'] },
  },
  {
    kind: 'vulnerability',
    description: 'A published vulnerability (a CVE); where it is present is a has-vulnerability relation',
    props: {
      title: { type: 'string', description: 'Short title' },
      severity: { type: 'string', description: 'LOW, MEDIUM, HIGH, CRITICAL' },
      cvssV3Vector: { type: 'string', description: 'CVSS v3.x vector' },
      cvssV4Vector: { type: 'string', description: 'CVSS v4.0 vector' },
      epss: {
        type: 'number',
        unit: 'probability',
        description: 'FIRST EPSS: probability of exploitation in 30 days',
      },
      kev: { type: 'boolean', description: 'Listed in CISA’s Known Exploited Vulnerabilities catalogue' },
      exploit: {
        type: 'string',
        description:
          'What exploiting it gives, when the vector does not say it well: remote-code-execution, local-privilege-escalation, credential-disclosure or none',
      },
    },
    metrics: {},
    relations: {},
  },
  {
    kind: 'credential',
    description:
      'A password, key, token or service account: stored-on where it can be stolen, trusted where it logs in',
    props: {
      credentialType: { type: 'string', description: 'password, ssh-key, token, service-account, session' },
    },
    metrics: {},
    relations: { 'stored-on': [...attackable, 'service', 'network-service', 'database'] },
  },
];

/** The built-in kinds. Users add kinds (from DTDL) by building a catalog with more specs. */
export const builtinKinds: KindCatalog = new Map(
  [...specs, ...securitySpecs].map((spec) => [spec.kind, spec]),
);

export function createKindCatalog(extra: readonly KindSpec[] = []): KindCatalog {
  return new Map([...builtinKinds, ...extra.map((spec) => [spec.kind, spec] as const)]);
}
