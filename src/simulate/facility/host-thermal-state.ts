import { InputError } from '../../model/index.js';

export interface HostThermalLimits {
  /** Inlet above which the host throttles; default 32 °C, the ASHRAE A1 allowable maximum. */
  throttleC: number;
  /** Inlet above which the host shuts itself down; default 45 °C, a typical BMC critical limit. */
  shutdownC: number;
  /** Share of its capacity a throttled host keeps; default 0.5 (clock halved, a common first step). */
  throttledCapacity: number;
}

export const defaultHostThermalLimits: HostThermalLimits = {
  throttleC: 32,
  shutdownC: 45,
  throttledCapacity: 0.5,
};

export type HostThermalCondition = 'normal' | 'throttled' | 'shutdown';

export interface HostThermalState {
  condition: HostThermalCondition;
  /** Share of nominal capacity left: 1, throttledCapacity or 0. */
  capacityFactor: number;
}

/** A host's condition at an inlet temperature; the limits are exclusive (32 °C itself is normal). */
export function hostThermalState(inletC: number, limits: Partial<HostThermalLimits> = {}): HostThermalState {
  const { throttleC, shutdownC, throttledCapacity } = { ...defaultHostThermalLimits, ...limits };
  checkLimits(throttleC, shutdownC, throttledCapacity);
  if (Number.isNaN(inletC))
    throw new InputError('invalid inlet', [{ field: 'inletC', message: 'must be a number' }]);
  if (inletC > shutdownC) return { condition: 'shutdown', capacityFactor: 0 };
  if (inletC > throttleC) return { condition: 'throttled', capacityFactor: throttledCapacity };
  return { condition: 'normal', capacityFactor: 1 };
}

function checkLimits(throttleC: number, shutdownC: number, throttledCapacity: number): void {
  const issues = [];
  if (!Number.isFinite(throttleC)) issues.push({ field: 'throttleC', message: 'must be finite' });
  if (!(shutdownC > throttleC)) issues.push({ field: 'shutdownC', message: 'must be above throttleC' });
  if (!(throttledCapacity >= 0 && throttledCapacity <= 1)) {
    issues.push({ field: 'throttledCapacity', message: 'must be in [0, 1]' });
  }
  if (issues.length > 0) throw new InputError('invalid host thermal limits', issues);
}
