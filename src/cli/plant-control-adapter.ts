import type { PlantControl } from '../api/index.js';
import type { Fault } from '../contract/index.js';
import { InputError, type JsonPrimitive } from '../model/index.js';
import { describeFaultTypes, type Emulator, type FaultRecord, type FaultType } from '../plant/index.js';

/** Adapts the plant's emulator to the API's PlantControl, in the API's JSON shapes. */
export function createPlantControl(emulator: Emulator, clock: () => number = Date.now): PlantControl {
  const known = new Set<string>(describeFaultTypes().map((description) => description.type));
  return {
    injectFault(spec) {
      if (!known.has(spec.type)) {
        throw new InputError(`unknown fault type '${spec.type}'`, [
          { field: 'type', message: `must be one of ${[...known].join(', ')}` },
        ]);
      }
      const record = emulator.injectFault({
        type: spec.type as FaultType,
        target: spec.target,
        startMs: clock(),
        ...(spec.durationSeconds !== undefined ? { durationMs: spec.durationSeconds * 1_000 } : {}),
        ...(spec.params ? { params: spec.params as Record<string, JsonPrimitive> } : {}),
      });
      return toFault(record);
    },
    listFaults: () => emulator.listFaults().map(toFault),
    clearFault: (id) => emulator.clearFault(id),
    describeFaultTypes: () =>
      describeFaultTypes().map((description) => ({
        type: description.type,
        description: description.description,
        targetKinds: [...description.targetKinds],
        params: Object.fromEntries(
          Object.entries(description.params).map(([name, param]) => [name, { ...param }]),
        ),
      })),
  };
}

function toFault(record: FaultRecord): Fault {
  return {
    id: record.id,
    type: record.type,
    target: record.target,
    params: record.params,
    startedAt: record.startMs,
    ...(record.durationMs !== undefined ? { endsAt: record.startMs + record.durationMs } : {}),
    groundTruth: record.groundTruth.map((effect) => ({ ...effect })),
  };
}
