import { InputError, type InputIssue } from '../../model/index.js';
import { type AirProperties, airHeatCapacityFlow, standardAir } from './air-heat-balance.js';
import { type FirstOrderThermal, steadyStateC } from './first-order-thermal.js';

export interface CoolingUnit {
  id: string;
  /** Sensible cooling capacity in watts. */
  capacityWatts: number;
  /** Supply air temperature the unit holds while it has capacity to spare. */
  setpointC: number;
  /** false: failed or switched off. */
  running: boolean;
}

export interface RoomThermal {
  /** IT (and other) heat released into the room air, watts. */
  heatLoadWatts: number;
  /** Air moved through the IT equipment, m³/s; sets the supply → return rise. */
  airflowM3PerS: number;
  /** Heat capacity of what warms with the air (air, raised floor, equipment mass), J/K. */
  thermalMassJPerK: number;
  /** Loss from the room to the building per kelvin above the pre-failure state, K/W; default Infinity. */
  envelopeResistanceKPerW?: number;
  air?: AirProperties;
}

export interface RoomCoolingResult {
  runningCapacityWatts: number;
  uncoveredWatts: number;
  /** Capacity-weighted setpoint of the running units (of all units when none runs). */
  setpointC: number;
  /** Steady supply temperature: the setpoint when covered, else T_sp + uncovered·R (Infinity if R is). */
  steadySupplyC: number;
  /** Return (hot-aisle) temperature at the steady supply: supply + P/(ρ·c_p·V̇). */
  steadyReturnC: number;
  /** Rate at which the supply starts to rise after the loss of capacity, K/s. */
  initialRiseKPerS: number;
  /** The supply temperature's transient from the setpoint; use `temperatureAt` / `timeToTemperature`. */
  supplyTransient: FirstOrderThermal;
}

/**
 * Room cooling as one well-mixed air volume. While the running units' capacity covers the heat,
 * they hold the supply at the setpoint. Otherwise the uncovered heat Q_u = P − ΣC_running warms
 * the room's thermal mass: C·dT/dt = Q_u − (T − T_sp)/R, so the supply rises at Q_u/C at first
 * and settles at T_sp + Q_u·R, or climbs without bound in a room with no envelope loss. The
 * units are assumed to keep removing their full capacity as the air warms (capacity that grows
 * with return temperature is ignored, which errs on the hot side).
 */
export function roomCooling(units: readonly CoolingUnit[], room: RoomThermal): RoomCoolingResult {
  checkRoom(units, room);
  const running = units.filter((unit) => unit.running);
  const runningCapacityWatts = running.reduce((sum, unit) => sum + unit.capacityWatts, 0);
  const setpointC = weightedSetpoint(running.length > 0 ? running : units);
  const uncoveredWatts = Math.max(0, room.heatLoadWatts - runningCapacityWatts);
  const supplyTransient: FirstOrderThermal = {
    capacitanceJPerK: room.thermalMassJPerK,
    resistanceKPerW: room.envelopeResistanceKPerW ?? Number.POSITIVE_INFINITY,
    powerWatts: uncoveredWatts,
    ambientC: setpointC,
    initialC: setpointC,
  };
  const steadySupplyC = steadyStateC(supplyTransient);
  const rise = room.heatLoadWatts / airHeatCapacityFlow(room.airflowM3PerS, room.air ?? standardAir);
  return {
    runningCapacityWatts,
    uncoveredWatts,
    setpointC,
    steadySupplyC,
    steadyReturnC: steadySupplyC + rise,
    initialRiseKPerS: uncoveredWatts / room.thermalMassJPerK,
    supplyTransient,
  };
}

function weightedSetpoint(units: readonly CoolingUnit[]): number {
  const capacity = units.reduce((sum, unit) => sum + unit.capacityWatts, 0);
  if (capacity === 0) return units.reduce((sum, unit) => sum + unit.setpointC, 0) / units.length;
  return units.reduce((sum, unit) => sum + unit.setpointC * unit.capacityWatts, 0) / capacity;
}

function checkRoom(units: readonly CoolingUnit[], room: RoomThermal): void {
  const issues: InputIssue[] = [];
  if (units.length === 0) issues.push({ field: 'units', message: 'needs at least one cooling unit' });
  units.forEach((unit, at) => {
    if (!(unit.capacityWatts >= 0) || !Number.isFinite(unit.capacityWatts)) {
      issues.push({ field: `units[${at}].capacityWatts`, message: 'must be a finite number ≥ 0' });
    }
    if (!Number.isFinite(unit.setpointC))
      issues.push({ field: `units[${at}].setpointC`, message: 'must be finite' });
  });
  if (!(room.heatLoadWatts >= 0) || !Number.isFinite(room.heatLoadWatts)) {
    issues.push({ field: 'room.heatLoadWatts', message: 'must be a finite number ≥ 0' });
  }
  if (!(room.airflowM3PerS > 0)) issues.push({ field: 'room.airflowM3PerS', message: 'must be > 0' });
  if (!(room.thermalMassJPerK > 0) || !Number.isFinite(room.thermalMassJPerK)) {
    issues.push({ field: 'room.thermalMassJPerK', message: 'must be a finite number > 0' });
  }
  if (room.envelopeResistanceKPerW !== undefined && !(room.envelopeResistanceKPerW > 0)) {
    issues.push({ field: 'room.envelopeResistanceKPerW', message: 'must be > 0' });
  }
  if (issues.length > 0) throw new InputError('invalid room', issues);
}
