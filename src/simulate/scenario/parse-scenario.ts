import {
  type FieldPath,
  formatFieldPath,
  InputError,
  type InputIssue,
  isValidEntityId,
} from '../../model/index.js';
import { type PriceTable, parsePriceTable } from '../cost/index.js';
import { maxClosedPopulation } from './closed-workload.js';
import { parseDurationSeconds } from './duration-seconds.js';
import {
  defaultLimits,
  type ScenarioLimits,
  type ScenarioSpec,
  type ScenarioStep,
  type TrafficStep,
} from './scenario-spec.js';
import type { TrafficProfile } from './traffic-profile.js';

/** Finds where a field sits in the source text, for error messages; optional. */
export type Locate = (path: FieldPath) => { line: number; column: number } | undefined;

type Fields = Record<string, unknown>;

/** Collects every problem of a spec, each with its field path, instead of stopping at the first. */
class SpecReader {
  readonly issues: InputIssue[] = [];
  constructor(private readonly locate: Locate | undefined) {}

  fail(path: FieldPath, message: string): undefined {
    const where = this.locate?.(path);
    this.issues.push({ field: formatFieldPath(path), message, ...(where ?? {}) });
    return undefined;
  }

  object(value: unknown, path: FieldPath): Fields | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Fields;
    return this.fail(path, 'must be an object');
  }

  known(fields: Fields, allowed: readonly string[], path: FieldPath): void {
    for (const key of Object.keys(fields)) {
      if (!allowed.includes(key))
        this.fail([...path, key], `unknown field; expected one of ${allowed.join(', ')}`);
    }
  }

  number(
    fields: Fields,
    key: string,
    path: FieldPath,
    range: { min?: number; max?: number; integer?: boolean } = {},
  ) {
    const value = fields[key];
    const where = [...path, key];
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(where, 'must be a number');
    if (range.integer && !Number.isInteger(value)) return this.fail(where, 'must be an integer');
    if (range.min !== undefined && value < range.min)
      return this.fail(where, `must be at least ${range.min}`);
    if (range.max !== undefined && value > range.max) return this.fail(where, `must be at most ${range.max}`);
    return value;
  }

  optionalNumber(fields: Fields, key: string, path: FieldPath, range: { min?: number; max?: number } = {}) {
    return fields[key] === undefined ? undefined : this.number(fields, key, path, range);
  }

  string(fields: Fields, key: string, path: FieldPath): string | undefined {
    const value = fields[key];
    if (typeof value !== 'string' || value.trim() === '')
      return this.fail([...path, key], 'must be a non-empty string');
    return value;
  }

  entityId(fields: Fields, key: string, path: FieldPath): string | undefined {
    const value = this.string(fields, key, path);
    if (value === undefined) return undefined;
    if (!isValidEntityId(value))
      return this.fail([...path, key], `'${value}' is not an entity id (kind:name)`);
    return value;
  }

  duration(fields: Fields, key: string, path: FieldPath, fallback: number): number {
    const value = fields[key];
    if (value === undefined) return fallback;
    const seconds = parseDurationSeconds(value);
    if (seconds === undefined) {
      this.fail([...path, key], 'must be a duration: seconds, or text such as 90s, 10m, 2h, 1d, 1h30m');
      return fallback;
    }
    return seconds;
  }
}

/** A scenario answers in seconds: its timeline is bounded. */
const maxTimelineSamples = 10_000;
const maxDurationSeconds = 90 * 86_400;

const topFields = [
  'name',
  'description',
  'base',
  'duration',
  'step',
  'limits',
  'headroom',
  'failover',
  'interSiteRoundTrip',
  'network',
  'check',
  'prices',
  'steps',
] as const;

/**
 * Reads a scenario (already parsed from YAML or JSON) into a spec, or throws one InputError
 * naming every problem with its field path (and line, given `locate`). Nothing of a bad spec runs.
 */
export function parseScenario(value: unknown, locate?: Locate): ScenarioSpec {
  const reader = new SpecReader(locate);
  const fields = reader.object(value, []);
  if (!fields) throw new InputError('a scenario must be an object', reader.issues);
  reader.known(fields, topFields, []);
  const name = reader.string(fields, 'name', []) ?? '';
  const description = typeof fields.description === 'string' ? fields.description : undefined;
  const base =
    fields.base === undefined || fields.base === 'live' ? undefined : reader.string(fields, 'base', []);
  const durationSeconds = reader.duration(fields, 'duration', [], 0);
  const stepSeconds = reader.duration(
    fields,
    'step',
    [],
    durationSeconds > 0 ? Math.max(60, durationSeconds / 96) : 60,
  );
  const limits = readLimits(reader, fields.limits);
  const headroomMax = readHeadroom(reader, fields.headroom);
  const failoverSeconds = reader.duration(fields, 'failover', [], 60);
  const interSiteRoundTripSeconds = reader.duration(fields, 'interSiteRoundTrip', [], 0.02);
  const prices = readPrices(reader, fields.prices);
  const check = readCheck(reader, fields.check);
  const network = fields.network === undefined || fields.network === 'auto' ? 'auto' : fields.network;
  if (typeof network !== 'boolean' && network !== 'auto')
    reader.fail(['network'], 'must be true, false or auto');
  const steps = readSteps(reader, fields.steps);
  if (stepSeconds <= 0) reader.fail(['step'], 'must be longer than zero');
  else if (durationSeconds / stepSeconds > maxTimelineSamples) {
    reader.fail(
      ['step'],
      `gives more than ${maxTimelineSamples} samples over the duration; take a longer step`,
    );
  }
  if (durationSeconds > maxDurationSeconds) reader.fail(['duration'], 'must be at most 90 days');
  if (reader.issues.length > 0) {
    throw new InputError(`the scenario has ${reader.issues.length} problem(s)`, reader.issues);
  }
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    ...(base !== undefined ? { baseFork: base } : {}),
    steps,
    durationSeconds,
    stepSeconds,
    limits,
    headroomMax,
    failoverSeconds,
    interSiteRoundTripSeconds,
    network: typeof network === 'boolean' ? network : 'auto',
    ...(prices !== undefined ? { prices } : {}),
    ...(check !== undefined ? { check } : {}),
  };
}

function readCheck(reader: SpecReader, value: unknown): ScenarioSpec['check'] {
  if (value === undefined || value === false) return undefined;
  const defaults = { stations: 10, customers: 200_000, seed: 1 };
  if (value === true) return defaults;
  const fields = reader.object(value, ['check']);
  if (!fields) return undefined;
  reader.known(fields, ['stations', 'customers', 'seed'], ['check']);
  const pick = (key: keyof typeof defaults, range: { min: number; max: number }) =>
    fields[key] === undefined
      ? defaults[key]
      : (reader.number(fields, key, ['check'], { ...range, integer: true }) ?? defaults[key]);
  return {
    stations: pick('stations', { min: 1, max: 100 }),
    customers: pick('customers', { min: 10_000, max: 10_000_000 }),
    seed: pick('seed', { min: 0, max: 2 ** 31 }),
  };
}

function readPrices(reader: SpecReader, value: unknown): PriceTable | undefined {
  if (value === undefined) return undefined;
  try {
    return parsePriceTable(value);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const issue of error.issues)
      reader.fail(['prices', ...(issue.field ? [issue.field] : [])], issue.message);
    return undefined;
  }
}

function readLimits(reader: SpecReader, value: unknown): ScenarioLimits {
  if (value === undefined) return defaultLimits;
  const fields = reader.object(value, ['limits']);
  if (!fields) return defaultLimits;
  const path = ['limits'];
  reader.known(fields, Object.keys(defaultLimits), path);
  const pick = (key: keyof ScenarioLimits, range: { min?: number; max?: number }) =>
    reader.optionalNumber(fields, key, path, range) ?? defaultLimits[key];
  return {
    utilization: pick('utilization', { min: 0.01, max: 1 }),
    memoryUtilization: pick('memoryUtilization', { min: 0.01, max: 1 }),
    diskUtilization: pick('diskUtilization', { min: 0.01, max: 1 }),
    networkUtilization: pick('networkUtilization', { min: 0.01, max: 1 }),
    inletCelsius: pick('inletCelsius', { min: -20, max: 80 }),
    powerLoad: pick('powerLoad', { min: 0.01, max: 2 }),
    throttleCelsius: pick('throttleCelsius', { min: -20, max: 100 }),
    throttleFactor: pick('throttleFactor', { min: 0.01, max: 1 }),
    shutdownCelsius: pick('shutdownCelsius', { min: -20, max: 120 }),
  };
}

function readHeadroom(reader: SpecReader, value: unknown): number {
  if (value === undefined) return 10;
  if (value === false) return 0;
  const fields = reader.object(value, ['headroom']);
  if (!fields) return 10;
  reader.known(fields, ['max'], ['headroom']);
  return reader.optionalNumber(fields, 'max', ['headroom'], { min: 1, max: 1000 }) ?? 10;
}

function readSteps(reader: SpecReader, value: unknown): ScenarioStep[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    reader.fail(['steps'], 'must be a list of steps');
    return [];
  }
  const steps: ScenarioStep[] = [];
  value.forEach((item, index) => {
    const step = readStep(reader, item, ['steps', index]);
    if (step) steps.push(step);
  });
  return steps;
}

const stepKinds = [
  'users',
  'traffic',
  'deploy',
  'remove',
  'scale',
  'fail',
  'migrate',
  'addHosts',
  'setpoint',
  'instanceType',
];

function readStep(reader: SpecReader, item: unknown, path: FieldPath): ScenarioStep | undefined {
  const wrapper = reader.object(item, path);
  if (!wrapper) return undefined;
  const keys = Object.keys(wrapper);
  if (keys.length !== 1 || !stepKinds.includes(keys[0] as string)) {
    return reader.fail(path, `a step is one of ${stepKinds.join(', ')}, written as '- <kind>: {...}'`);
  }
  const kind = keys[0] as string;
  const at = [...path, kind];
  const fields = reader.object(wrapper[kind], at);
  if (!fields) return undefined;
  switch (kind) {
    case 'traffic':
      return readTraffic(reader, fields, at);
    case 'deploy':
      return readDeploy(reader, fields, at);
    case 'users': {
      reader.known(fields, ['service', 'population', 'think'], at);
      const service = reader.entityId(fields, 'service', at);
      const population = reader.number(fields, 'population', at, {
        min: 1,
        max: maxClosedPopulation,
        integer: true,
      });
      const thinkSeconds = reader.duration(fields, 'think', at, 0);
      if (service === undefined || population === undefined) return undefined;
      return { kind: 'users', service, population, thinkSeconds };
    }
    case 'remove': {
      reader.known(fields, ['service'], at);
      const service = reader.entityId(fields, 'service', at);
      return service === undefined ? undefined : { kind: 'remove', service };
    }
    case 'scale': {
      reader.known(fields, ['service', 'replicas'], at);
      const service = reader.entityId(fields, 'service', at);
      const replicas = reader.number(fields, 'replicas', at, { min: 0, max: 10_000, integer: true });
      return service === undefined || replicas === undefined
        ? undefined
        : { kind: 'scale', service, replicas };
    }
    case 'fail': {
      reader.known(fields, ['entity', 'at'], at);
      const entity = reader.entityId(fields, 'entity', at);
      const atSeconds = reader.duration(fields, 'at', at, 0);
      return entity === undefined ? undefined : { kind: 'fail', entity, atSeconds };
    }
    case 'migrate':
      return readMigrate(reader, fields, at);
    case 'addHosts': {
      reader.known(fields, ['count', 'like', 'rack'], at);
      const count = reader.number(fields, 'count', at, { min: 1, max: 1_000, integer: true });
      const like = reader.entityId(fields, 'like', at);
      const rack = fields.rack === undefined ? undefined : reader.entityId(fields, 'rack', at);
      if (count === undefined || like === undefined) return undefined;
      return { kind: 'add-hosts', count, like, ...(rack !== undefined ? { rack } : {}) };
    }
    case 'setpoint': {
      reader.known(fields, ['coolingUnit', 'celsius'], at);
      const coolingUnit = reader.entityId(fields, 'coolingUnit', at);
      const celsius = reader.number(fields, 'celsius', at, { min: 5, max: 40 });
      return coolingUnit === undefined || celsius === undefined
        ? undefined
        : { kind: 'setpoint', coolingUnit, celsius };
    }
    default: {
      reader.known(fields, ['entity', 'to', 'cores'], at);
      const entity = reader.entityId(fields, 'entity', at);
      const instanceType = reader.string(fields, 'to', at);
      const cores = reader.optionalNumber(fields, 'cores', at, { min: 1, max: 1024 });
      if (entity === undefined || instanceType === undefined) return undefined;
      return { kind: 'instance-type', entity, instanceType, ...(cores !== undefined ? { cores } : {}) };
    }
  }
}

function readTraffic(reader: SpecReader, fields: Fields, path: FieldPath): TrafficStep | undefined {
  reader.known(fields, ['service', 'multiplier', 'ramp', 'daily'], path);
  const service = fields.service === undefined ? undefined : reader.entityId(fields, 'service', path);
  const shapes = ['multiplier', 'ramp', 'daily'].filter((key) => fields[key] !== undefined);
  if (shapes.length !== 1) return reader.fail(path, 'give exactly one of multiplier, ramp, daily');
  const profile = readProfile(reader, fields, shapes[0] as string, path);
  if (!profile) return undefined;
  return { kind: 'traffic', ...(service !== undefined ? { service } : {}), profile };
}

function readProfile(
  reader: SpecReader,
  fields: Fields,
  shape: string,
  path: FieldPath,
): TrafficProfile | undefined {
  if (shape === 'multiplier') {
    const multiplier = reader.number(fields, 'multiplier', path, { min: 0, max: 1000 });
    return multiplier === undefined ? undefined : { type: 'constant', multiplier };
  }
  const at = [...path, shape];
  const inner = reader.object(fields[shape], at);
  if (!inner) return undefined;
  if (shape === 'ramp') {
    reader.known(inner, ['from', 'to', 'start', 'end'], at);
    const from = reader.optionalNumber(inner, 'from', at, { min: 0, max: 1000 }) ?? 1;
    const to = reader.number(inner, 'to', at, { min: 0, max: 1000 });
    const startSeconds = reader.duration(inner, 'start', at, 0);
    const endSeconds = reader.duration(inner, 'end', at, startSeconds);
    if (endSeconds < startSeconds) reader.fail([...at, 'end'], 'must not be before start');
    return to === undefined ? undefined : { type: 'ramp', from, to, startSeconds, endSeconds };
  }
  reader.known(inner, ['peak', 'trough', 'peakHour', 'startHour'], at);
  const peak = reader.number(inner, 'peak', at, { min: 0, max: 1000 });
  const trough = reader.optionalNumber(inner, 'trough', at, { min: 0, max: 1000 }) ?? 0.5;
  const peakHour = reader.optionalNumber(inner, 'peakHour', at, { min: 0, max: 24 }) ?? 20;
  const startHour = reader.optionalNumber(inner, 'startHour', at, { min: 0, max: 24 }) ?? 0;
  return peak === undefined ? undefined : { type: 'daily', peak, trough, peakHour, startHour };
}

function readCalls(reader: SpecReader, value: unknown, path: FieldPath) {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return reader.fail(path, 'must be a list of {service, callsPerRequest}') ?? [];
  const calls: Array<{ service: string; callsPerRequest: number }> = [];
  value.forEach((item, index) => {
    const at = [...path, index];
    const fields = reader.object(item, at);
    if (!fields) return;
    reader.known(fields, ['service', 'callsPerRequest'], at);
    const service = reader.entityId(fields, 'service', at);
    const callsPerRequest = reader.optionalNumber(fields, 'callsPerRequest', at, { min: 0, max: 1000 }) ?? 1;
    if (service !== undefined) calls.push({ service, callsPerRequest });
  });
  return calls;
}

const deployFields = [
  'service',
  'replicas',
  'cores',
  'demandSeconds',
  'sloP99Seconds',
  'placeOn',
  'calledBy',
  'calls',
  'entryPoint',
  'requestsPerSecond',
];

function readDeploy(reader: SpecReader, fields: Fields, path: FieldPath): ScenarioStep | undefined {
  reader.known(fields, deployFields, path);
  const service = reader.entityId(fields, 'service', path);
  const replicas = reader.number(fields, 'replicas', path, { min: 1, max: 1_000, integer: true });
  const coresPerReplica = reader.optionalNumber(fields, 'cores', path, { min: 1, max: 1024 }) ?? 2;
  const demandSeconds = reader.number(fields, 'demandSeconds', path, { min: 1e-9, max: 3600 });
  const sloP99Seconds = reader.optionalNumber(fields, 'sloP99Seconds', path, { min: 1e-6, max: 3600 });
  const requestsPerSecond = reader.optionalNumber(fields, 'requestsPerSecond', path, { min: 0 });
  const placeOn: Record<string, string> = {};
  if (fields.placeOn !== undefined) {
    const labels = reader.object(fields.placeOn, [...path, 'placeOn']);
    for (const [key, value] of Object.entries(labels ?? {})) {
      if (typeof value === 'string') placeOn[key] = value;
      else reader.fail([...path, 'placeOn', key], 'must be a label value (string)');
    }
  }
  const calledBy = readCalls(reader, fields.calledBy, [...path, 'calledBy']);
  const calls = readCalls(reader, fields.calls, [...path, 'calls']);
  const entryPoint = fields.entryPoint === true || requestsPerSecond !== undefined;
  if (service === undefined || replicas === undefined || demandSeconds === undefined) return undefined;
  if (!service.startsWith('service:') && !service.startsWith('database:')) {
    return reader.fail([...path, 'service'], 'must be a service: or database: id');
  }
  return {
    kind: 'deploy',
    service,
    replicas,
    coresPerReplica,
    demandSeconds,
    ...(sloP99Seconds !== undefined ? { sloP99Seconds } : {}),
    placeOn,
    calledBy,
    calls,
    entryPoint,
    ...(requestsPerSecond !== undefined ? { requestsPerSecond } : {}),
  };
}

function readMigrate(reader: SpecReader, fields: Fields, path: FieldPath): ScenarioStep | undefined {
  reader.known(fields, ['service', 'region', 'instanceType', 'cores'], path);
  const service = reader.entityId(fields, 'service', path);
  const region = reader.entityId(fields, 'region', path);
  const instanceType = reader.string(fields, 'instanceType', path);
  const cores = reader.optionalNumber(fields, 'cores', path, { min: 1, max: 1024 });
  if (service === undefined || region === undefined || instanceType === undefined) return undefined;
  return { kind: 'migrate', service, region, instanceType, ...(cores !== undefined ? { cores } : {}) };
}
