import { InputError } from '../../model/index.js';

/** Properties of the cooling air; defaults are dry air at about 20 °C and sea level. */
export interface AirProperties {
  densityKgPerM3: number;
  specificHeatJPerKgK: number;
}

export const standardAir: AirProperties = { densityKgPerM3: 1.2, specificHeatJPerKgK: 1005 };

/** One cubic foot per minute in m³/s (for airflow quoted in CFM). */
export const cubicMetresPerSecondPerCfm = 0.028316846592 / 60;

/**
 * Temperature rise of the air through equipment dissipating `watts` at a volumetric airflow:
 * ΔT = P / (ρ·c_p·V̇). Steady state, all electrical power becomes heat in the air stream.
 */
export function airTemperatureRiseKelvin(
  watts: number,
  airflowM3PerS: number,
  air: AirProperties = standardAir,
): number {
  if (!(airflowM3PerS > 0)) {
    throw new InputError('invalid airflow', [{ field: 'airflowM3PerS', message: 'must be > 0' }]);
  }
  return watts / (air.densityKgPerM3 * air.specificHeatJPerKgK * airflowM3PerS);
}

/** Heat capacity flow ρ·c_p·V̇ in W/K: watts carried away per kelvin of rise. */
export function airHeatCapacityFlow(airflowM3PerS: number, air: AirProperties = standardAir): number {
  return air.densityKgPerM3 * air.specificHeatJPerKgK * airflowM3PerS;
}
