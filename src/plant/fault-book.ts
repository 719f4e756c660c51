import { InputError, type JsonPrimitive, type JsonValue, type Operation } from '../model/index.js';
import type { ComputeFaults, GrowthFault } from './compute-model.js';
import type { EstateIndex } from './estate-index.js';
import {
  describeFaultTypes,
  type ExpectedEffect,
  type FaultRecord,
  type FaultSpec,
  type FaultType,
  misconfigurableProps,
} from './fault-types.js';
import type { PropOverrides } from './prop-overrides.js';

const hourMs = 3_600_000;
const fanTimeConstantSeconds = 90;
const fanRiseCelsius = 45;
const none: readonly StoredFault[] = [];

interface StoredFault {
  readonly record: FaultRecord;
  readonly entity: number;
  emitted: boolean;
}

/** A fault spec checked against the estate: its target's index and its params with defaults. */
export interface CheckedFault {
  readonly spec: FaultSpec;
  readonly entity: number;
  readonly kind: string;
  readonly params: Record<string, JsonPrimitive>;
}

/**
 * The faults injected into the plant, and what each does at a given time. Faults act from
 * `startMs` until `startMs + durationMs` (or until cleared); a disk fill leaves its data behind
 * after it ends, until cleared.
 */
export class FaultBook implements ComputeFaults {
  private readonly faults: StoredFault[] = [];
  private byEntity = new Map<number, StoredFault[]>();
  private sequence = 0;

  constructor(private readonly estate: EstateIndex) {}

  /** Throws InputError saying what is wrong with the spec. */
  check(spec: FaultSpec): CheckedFault {
    const description = describeFaultTypes().find((entry) => entry.type === spec?.type);
    if (!description) {
      const known = describeFaultTypes()
        .map((entry) => entry.type)
        .join(', ');
      throw new InputError(`unknown fault type '${String(spec?.type)}'; known types: ${known}`, [
        { field: 'type', message: `not one of ${known}` },
      ]);
    }
    const entity = typeof spec.target === 'string' ? this.estate.indexOf(spec.target) : undefined;
    if (entity === undefined) {
      throw new InputError(`fault target '${String(spec.target)}' is not an entity of the estate`, [
        { field: 'target', message: 'no such entity' },
      ]);
    }
    const kind = this.estate.kinds[entity] as string;
    if (!description.targetKinds.includes(kind)) {
      throw new InputError(
        `a ${spec.type} fault cannot target '${spec.target}' (a ${kind}); it targets: ${description.targetKinds.join(', ')}`,
        [{ field: 'target', message: `kind ${kind} is not one of ${description.targetKinds.join(', ')}` }],
      );
    }
    if (typeof spec.startMs !== 'number' || !Number.isFinite(spec.startMs)) {
      throw new InputError('fault startMs must be a finite number of epoch milliseconds', [
        { field: 'startMs', message: 'not a finite number' },
      ]);
    }
    if (spec.durationMs !== undefined && !(typeof spec.durationMs === 'number' && spec.durationMs > 0)) {
      throw new InputError('fault durationMs must be a positive number when given', [
        { field: 'durationMs', message: 'not a positive number' },
      ]);
    }
    const params: Record<string, JsonPrimitive> = {};
    for (const [name, value] of Object.entries(spec.params ?? {})) {
      const known = description.params[name];
      if (!known) {
        const allowed = Object.keys(description.params);
        throw new InputError(
          `a ${spec.type} fault takes ${allowed.length > 0 ? `params ${allowed.join(', ')}` : 'no params'}, not '${name}'`,
          [{ field: `params.${name}`, message: 'unknown param' }],
        );
      }
      if (typeof value !== known.type) {
        throw new InputError(`fault param '${name}' must be a ${known.type}`, [
          { field: `params.${name}`, message: `not a ${known.type}` },
        ]);
      }
      params[name] = value;
    }
    for (const [name, known] of Object.entries(description.params)) {
      if (params[name] === undefined && known.default !== undefined) params[name] = known.default;
    }
    this.checkParams(spec.type, kind, entity, params);
    return { spec, entity, kind, params };
  }

  add(checked: CheckedFault, groundTruth: ExpectedEffect[]): FaultRecord {
    this.sequence++;
    const record: FaultRecord = {
      id: `fault-${this.sequence}`,
      type: checked.spec.type,
      target: checked.spec.target,
      startMs: checked.spec.startMs,
      ...(checked.spec.durationMs !== undefined ? { durationMs: checked.spec.durationMs } : {}),
      params: checked.params,
      groundTruth,
    };
    this.faults.push({ record, entity: checked.entity, emitted: false });
    this.reindex();
    return copy(record);
  }

  list(): FaultRecord[] {
    return this.faults.map((fault) => copy(fault.record));
  }

  clear(id: string): boolean {
    const index = this.faults.findIndex((fault) => fault.record.id === id);
    if (index < 0) return false;
    this.faults.splice(index, 1);
    this.reindex();
    return true;
  }

  diskFill(entity: number, timeMs: number): GrowthFault | undefined {
    let result: GrowthFault | undefined;
    for (const fault of this.of(entity, 'disk-fill')) {
      const { startMs } = fault.record;
      if (timeMs < startMs) continue;
      const until = Math.min(timeMs, endOf(fault.record));
      const added = ((fault.record.params.ratioPerHour as number) * (until - startMs)) / hourMs;
      result = {
        startMs: Math.min(startMs, result?.startMs ?? startMs),
        added: added + (result?.added ?? 0),
      };
    }
    return result;
  }

  memoryLeak(entity: number, timeMs: number): number {
    let added = 0;
    for (const fault of this.of(entity, 'memory-leak')) {
      if (!isActive(fault.record, timeMs)) continue;
      added += ((fault.record.params.ratioPerHour as number) * (timeMs - fault.record.startMs)) / hourMs;
    }
    return added;
  }

  /** How much a failed fan has heated the CPU so far, °C. */
  fanHeat(host: number, timeMs: number): number {
    let heat = 0;
    for (const fault of this.of(host, 'fan-failure')) {
      if (!isActive(fault.record, timeMs)) continue;
      const seconds = (timeMs - fault.record.startMs) / 1000;
      heat = Math.max(heat, fanRiseCelsius * (1 - Math.exp(-seconds / fanTimeConstantSeconds)));
    }
    return heat;
  }

  coolingFailed(unit: number, timeMs: number): boolean {
    return this.of(unit, 'cooling-failure').some((fault) => isActive(fault.record, timeMs));
  }

  linkExtraBits(link: number, timeMs: number): number {
    let extra = 0;
    for (const fault of this.of(link, 'link-congestion')) {
      if (isActive(fault.record, timeMs)) extra += fault.record.params.extraBitsPerSecond as number;
    }
    return extra;
  }

  /** Links, by estate index, that have a congestion fault at all (so a step visits only those). */
  congestedLinks(): number[] {
    return this.faults
      .filter((fault) => fault.record.type === 'link-congestion')
      .map((fault) => fault.entity);
  }

  overrides(timeMs: number): PropOverrides {
    const result = new Map<number, Record<string, JsonValue>>();
    for (const fault of this.faults) {
      if (fault.record.type !== 'misconfiguration' || !isActive(fault.record, timeMs)) continue;
      const props = result.get(fault.entity) ?? {};
      props[fault.record.params.prop as string] = fault.record.params.value as JsonValue;
      result.set(fault.entity, props);
    }
    return result;
  }

  /** The patch of each misconfiguration that has started and not been emitted yet: each exactly once. */
  takeOperations(timeMs: number): Operation[] {
    const ops: Operation[] = [];
    for (const fault of this.faults) {
      if (fault.record.type !== 'misconfiguration' || fault.emitted || timeMs < fault.record.startMs)
        continue;
      fault.emitted = true;
      ops.push({
        op: 'patch-entity',
        id: fault.record.target,
        props: { [fault.record.params.prop as string]: fault.record.params.value as JsonValue },
      });
    }
    return ops;
  }

  private checkParams(
    type: FaultType,
    kind: string,
    entity: number,
    params: Record<string, JsonPrimitive>,
  ): void {
    const positive = (name: string, max: number) => {
      const value = params[name];
      if (typeof value !== 'number' || !(value > 0) || value > max) {
        throw new InputError(`fault param '${name}' must be a number above 0 and at most ${max}`, [
          { field: `params.${name}`, message: `not in (0, ${max}]` },
        ]);
      }
    };
    if (type === 'disk-fill' || type === 'memory-leak') positive('ratioPerHour', 100);
    if (type === 'link-congestion') {
      if (params.extraBitsPerSecond === undefined) {
        params.extraBitsPerSecond = 0.95 * this.estate.numberProp(entity, 'capacityBitsPerSecond', 10e9);
      }
      positive('extraBitsPerSecond', 1e15);
    }
    if (type === 'misconfiguration') {
      const allowed = misconfigurableProps[kind] ?? {};
      const prop = (params.prop as string | undefined) ?? Object.keys(allowed)[0];
      if (prop === undefined || allowed[prop] === undefined) {
        throw new InputError(
          `a misconfiguration of a ${kind} may set ${Object.keys(allowed).join(' or ')}, not '${String(prop)}'`,
          [{ field: 'params.prop', message: 'not a prop the emulator can misconfigure' }],
        );
      }
      params.prop = prop;
      const value = params.value ?? allowed[prop];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new InputError(`misconfiguration value of '${prop}' must be a number of 0 or more`, [
          { field: 'params.value', message: 'not a non-negative number' },
        ]);
      }
      params.value = value;
    }
  }

  private of(entity: number, type: FaultType): readonly StoredFault[] {
    const list = this.byEntity.get(entity);
    if (!list) return none;
    return list.filter((fault) => fault.record.type === type);
  }

  private reindex(): void {
    this.byEntity = new Map();
    for (const fault of this.faults) {
      const list = this.byEntity.get(fault.entity) ?? [];
      list.push(fault);
      this.byEntity.set(fault.entity, list);
    }
  }
}

function endOf(record: FaultRecord): number {
  return record.durationMs === undefined ? Number.POSITIVE_INFINITY : record.startMs + record.durationMs;
}

function isActive(record: FaultRecord, timeMs: number): boolean {
  return timeMs >= record.startMs && timeMs < endOf(record);
}

function copy(record: FaultRecord): FaultRecord {
  return {
    ...record,
    params: { ...record.params },
    groundTruth: record.groundTruth.map((effect) => ({ ...effect })),
  };
}
