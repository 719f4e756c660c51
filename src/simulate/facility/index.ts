export type { AirProperties } from './air-heat-balance.js';
export {
  airHeatCapacityFlow,
  airTemperatureRiseKelvin,
  cubicMetresPerSecondPerCfm,
  standardAir,
} from './air-heat-balance.js';
export type { PowerSegment } from './energy.js';
export { energyJoules, joulesPerKilowattHour, joulesToKilowattHours } from './energy.js';
export { executionSeconds } from './execution-time.js';
export type { FirstOrderThermal } from './first-order-thermal.js';
export {
  steadyStateC,
  temperatureAt,
  timeConstantSeconds,
  timeToTemperature,
} from './first-order-thermal.js';
export type { RecirculationModel } from './heat-recirculation.js';
export { inletTemperatures, powerHeadroomKw } from './heat-recirculation.js';
export type { HostPowerState, PowerModel } from './host-power.js';
export { hostPowerWatts, modelPowerWatts } from './host-power.js';
export type { HostThermalCondition, HostThermalLimits, HostThermalState } from './host-thermal-state.js';
export { defaultHostThermalLimits, hostThermalState } from './host-thermal-state.js';
export { clampUtilisation, linearPowerWatts } from './linear-power.js';
export { checkPowerTable, tablePowerWatts } from './power-table.js';
export type {
  PowerLoadResult,
  PowerNodeKind,
  PowerNodeResult,
  PowerTreeInput,
  PowerTreeLoad,
  PowerTreeNode,
  PowerTreeOptions,
  PowerTreeResult,
} from './power-tree.js';
export { analysePowerTree } from './power-tree.js';
export { dataCenterInfrastructureEfficiency, powerUsageEffectiveness } from './power-usage-effectiveness.js';
export type { CoolingUnit, RoomCoolingResult, RoomThermal } from './room-cooling.js';
export { roomCooling } from './room-cooling.js';
export type { SpecPowerTableName } from './spec-power-tables.js';
export { specPowerTables } from './spec-power-tables.js';
