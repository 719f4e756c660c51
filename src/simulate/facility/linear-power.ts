import { InputError } from '../../model/index.js';

/**
 * Power of a host that is switched on, by the linear model P = idle + (max − idle)·u.
 * Utilisation is clamped to [0, 1]: telemetry overshoots (CPU steal, rounding) must not
 * extrapolate past the rated maximum. At u = 0 the host draws `idleWatts`; a host that is
 * off draws 0 and is modelled by `hostPowerWatts`, not by u = 0 (CloudSim's quirk).
 */
export function linearPowerWatts(idleWatts: number, maxWatts: number, utilisation: number): number {
  checkLinearModel(idleWatts, maxWatts);
  return idleWatts + (maxWatts - idleWatts) * clampUtilisation(utilisation);
}

/** Clamps to [0, 1]; NaN counts as idle so a missing sample cannot poison a sum. */
export function clampUtilisation(utilisation: number): number {
  if (!(utilisation > 0)) return 0;
  return Math.min(utilisation, 1);
}

function checkLinearModel(idleWatts: number, maxWatts: number): void {
  const issues = [];
  if (!Number.isFinite(idleWatts) || idleWatts < 0) {
    issues.push({ field: 'idleWatts', message: 'must be a finite number ≥ 0' });
  }
  if (!Number.isFinite(maxWatts) || maxWatts < idleWatts) {
    issues.push({ field: 'maxWatts', message: 'must be a finite number ≥ idleWatts' });
  }
  if (issues.length > 0) throw new InputError('invalid linear power model', issues);
}
