import { InputError, type InputIssue } from '../../model/index.js';

/**
 * A lumped thermal mass: C·dT/dt = P − (T − T_amb)/R. R = Infinity is an insulated mass (no loss),
 * whose temperature ramps at P/C without bound.
 */
export interface FirstOrderThermal {
  capacitanceJPerK: number;
  resistanceKPerW: number;
  powerWatts: number;
  ambientC: number;
  initialC: number;
}

/** τ = R·C in seconds (Infinity for an insulated mass). */
export function timeConstantSeconds(model: FirstOrderThermal): number {
  checkThermal(model);
  return model.resistanceKPerW * model.capacitanceJPerK;
}

/** T(∞) = T_amb + P·R; ±Infinity for an insulated mass with net power, T0 with none. */
export function steadyStateC(model: FirstOrderThermal): number {
  checkThermal(model);
  if (model.resistanceKPerW === Number.POSITIVE_INFINITY) {
    if (model.powerWatts === 0) return model.initialC;
    return model.powerWatts > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return model.ambientC + model.powerWatts * model.resistanceKPerW;
}

/** T(t) = T∞ + (T0 − T∞)·e^(−t/τ), or T0 + P·t/C for an insulated mass. */
export function temperatureAt(model: FirstOrderThermal, seconds: number): number {
  checkThermal(model);
  if (model.resistanceKPerW === Number.POSITIVE_INFINITY) {
    return model.initialC + (model.powerWatts * seconds) / model.capacitanceJPerK;
  }
  const final = steadyStateC(model);
  return final + (model.initialC - final) * Math.exp(-seconds / timeConstantSeconds(model));
}

/**
 * Seconds until T reaches `thresholdC` from T0, in either direction:
 * t = −τ·ln((T∞ − T_th)/(T∞ − T0)). 0 when T0 is already at the threshold; Infinity when the
 * threshold is not between T0 and T∞ (approached only asymptotically or never).
 */
export function timeToTemperature(model: FirstOrderThermal, thresholdC: number): number {
  const final = steadyStateC(model);
  const start = model.initialC;
  if (thresholdC === start) return 0;
  const between = start < thresholdC ? thresholdC < final : thresholdC > final;
  if (!between) return Number.POSITIVE_INFINITY;
  if (model.resistanceKPerW === Number.POSITIVE_INFINITY) {
    return ((thresholdC - start) * model.capacitanceJPerK) / model.powerWatts;
  }
  return -timeConstantSeconds(model) * Math.log((final - thresholdC) / (final - start));
}

function checkThermal(model: FirstOrderThermal): void {
  const issues: InputIssue[] = [];
  if (!(model.capacitanceJPerK > 0) || !Number.isFinite(model.capacitanceJPerK)) {
    issues.push({ field: 'capacitanceJPerK', message: 'must be a finite number > 0' });
  }
  if (!(model.resistanceKPerW > 0))
    issues.push({ field: 'resistanceKPerW', message: 'must be > 0 (Infinity: insulated)' });
  for (const field of ['powerWatts', 'ambientC', 'initialC'] as const) {
    if (!Number.isFinite(model[field])) issues.push({ field, message: 'must be finite' });
  }
  if (issues.length > 0) throw new InputError('invalid thermal model', issues);
}
