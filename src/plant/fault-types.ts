import type { EntityId, JsonPrimitive } from '../model/index.js';

export type FaultType =
  | 'cooling-failure'
  | 'fan-failure'
  | 'disk-fill'
  | 'link-congestion'
  | 'memory-leak'
  | 'misconfiguration';

export interface FaultSpec {
  type: FaultType;
  target: EntityId;
  /** Epoch milliseconds. */
  startMs: number;
  /** Open-ended when absent: the fault lasts until cleared. */
  durationMs?: number;
  params?: Record<string, JsonPrimitive>;
}

/** One effect a detector should find, so it can be scored against the truth. */
export interface ExpectedEffect {
  entityId: EntityId;
  /** The metric that moves (a metric of the entity's kind in the catalog). */
  metric?: string;
  /** For misconfigurations: the prop that was patched. */
  prop?: string;
  change: 'rises' | 'falls' | 'set';
  /** Size of the change, in the metric's unit, where the model can say. */
  by?: number;
  /** A level the metric is expected to cross: above it for `rises`, below it for `falls`. */
  threshold?: number;
  /** When that level is expected to be crossed, epoch ms. */
  atMs?: number;
  /** The same in words, for people. */
  expected: string;
}

export interface FaultRecord extends FaultSpec {
  id: string;
  params: Record<string, JsonPrimitive>;
  groundTruth: ExpectedEffect[];
}

export interface FaultParamDescription {
  type: 'number' | 'string';
  unit?: string;
  default?: JsonPrimitive;
  description: string;
}

export interface FaultTypeDescription {
  type: FaultType;
  description: string;
  targetKinds: readonly string[];
  params: Record<string, FaultParamDescription>;
}

const faultTypes: readonly FaultTypeDescription[] = [
  {
    type: 'cooling-failure',
    description:
      "A cooling unit stops: fan at 0, its capacity lost; the room's rack inlets rise, most near it.",
    targetKinds: ['cooling-unit'],
    params: {},
  },
  {
    type: 'fan-failure',
    description: "A server's fans fail: its CPU temperature climbs about 45 °C over a few minutes.",
    targetKinds: ['host'],
    params: {},
  },
  {
    type: 'disk-fill',
    description: 'Something writes without end: the fullest filesystem fills at a steady rate.',
    targetKinds: ['host', 'vm', 'container', 'volume'],
    params: {
      ratioPerHour: {
        type: 'number',
        unit: 'ratio/h',
        default: 0.05,
        description: 'Share of the disk filled per hour',
      },
    },
  },
  {
    type: 'link-congestion',
    description: 'Extra traffic on a link (a backup, a DDoS, an elephant flow).',
    targetKinds: ['link'],
    params: {
      extraBitsPerSecond: {
        type: 'number',
        unit: 'bit/s',
        description: "Traffic added; by default 95 % of the link's capacity",
      },
    },
  },
  {
    type: 'memory-leak',
    description: 'Memory in use climbs linearly until the fault ends (a restart).',
    targetKinds: ['host', 'vm', 'container'],
    params: {
      ratioPerHour: {
        type: 'number',
        unit: 'ratio/h',
        default: 0.05,
        description: 'Share of memory leaked per hour',
      },
    },
  },
  {
    type: 'misconfiguration',
    description:
      'A wrong prop is written once, at the start, as a patch-entity operation: by default a cooling unit setpoint of 30 °C or a service with 0 replicas. The plant runs on the wrong value while the fault lasts; nothing patches it back.',
    targetKinds: ['cooling-unit', 'service'],
    params: {
      prop: {
        type: 'string',
        description:
          'Prop to set: setpointCelsius or capacityWatts (cooling-unit); replicas or demandCpuSecondsPerRequest (service)',
      },
      value: { type: 'number', description: 'Wrong value; by default 30 (setpointCelsius) or 0 (replicas)' },
    },
  },
];

/** The fault types, the kinds each may target and their params: for the API and CLI help. */
export function describeFaultTypes(): FaultTypeDescription[] {
  return faultTypes.map((description) => ({
    ...description,
    targetKinds: [...description.targetKinds],
    params: { ...description.params },
  }));
}

/** Props a misconfiguration may set, by target kind, with their default wrong value. */
export const misconfigurableProps: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'cooling-unit': { setpointCelsius: 30, capacityWatts: 0 },
  service: { replicas: 0, demandCpuSecondsPerRequest: 1 },
};
