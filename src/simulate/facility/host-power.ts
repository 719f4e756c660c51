import { linearPowerWatts } from './linear-power.js';
import { tablePowerWatts } from './power-table.js';
import { type SpecPowerTableName, specPowerTables } from './spec-power-tables.js';

/** How a host's draw depends on its utilisation while it is switched on. */
export type PowerModel =
  | { kind: 'linear'; idleWatts: number; maxWatts: number }
  | { kind: 'table'; wattsAtSteps: readonly number[] }
  | { kind: 'spec'; table: SpecPowerTableName };

/** A host's power state: `on` with a utilisation in [0, 1], or `off` (failed, shut down, parked). */
export type HostPowerState = { on: true; utilisation: number } | { on: false };

/** Watts drawn by a host: the model's value while on, 0 while off (an idle host is on). */
export function hostPowerWatts(model: PowerModel, state: HostPowerState): number {
  if (!state.on) return 0;
  return modelPowerWatts(model, state.utilisation);
}

/** Watts of a switched-on host at a utilisation (clamped to [0, 1]). */
export function modelPowerWatts(model: PowerModel, utilisation: number): number {
  switch (model.kind) {
    case 'linear':
      return linearPowerWatts(model.idleWatts, model.maxWatts, utilisation);
    case 'table':
      return tablePowerWatts(model.wattsAtSteps, utilisation);
    case 'spec':
      return tablePowerWatts(specPowerTables[model.table], utilisation);
  }
}
