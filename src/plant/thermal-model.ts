import type { EstateIndex } from './estate-index.js';
import { overriddenNumber, type PropOverrides } from './prop-overrides.js';

/** Inlet rise per kW of rack heat that recirculates over and around the rack. */
const recirculationCelsiusPerKilowatt = 0.5;
/** How much worse recirculation gets when the rack's nearby cooling airflow is gone. */
const airflowPenalty = 2.5;
/** Room air above normal, in equilibrium, when no cooling works at all (a share of it for a partial shortfall). */
const totalLossCelsius = 25;
const rackTimeConstantSeconds = 180;
const roomTimeConstantSeconds = 300;
/** Supply air warms as a unit's coil nears its limit: +2.5 °C at full load. */
const supplyDriftCelsius = 2.5;
/** Return minus supply at full load and full fan speed. */
const designDeltaCelsius = 12;
const defaultSetpointCelsius = 20;
const defaultUnitWatts = 50_000;

interface Room {
  readonly entity: number;
  /** Rack slots. */
  readonly racks: number[];
  /** Cooling-unit slots, in id order (their order along the wall). */
  readonly units: number[];
  /** Estate indexes of powered devices standing in the room outside racks (spine switches). */
  readonly devices: number[];
  /** Per rack (row) and unit (column) of this room: how much of the rack's air comes from the unit. */
  readonly weights: Float64Array;
  excessCelsius: number;
}

/** Per-rack targets of one room, for a given set of failed units. */
export interface RoomCondition {
  heatWatts: number;
  workingWatts: number;
  excessCelsius: number;
  inletTargets: Float64Array;
  supply: Float64Array;
}

/**
 * Air temperatures of the white space. Each room's working cooling units supply air at their
 * setpoint, warmer as they near their capacity; a rack's inlet is the supply air reaching it
 * (weighted by distance to each unit) plus recirculation proportional to its heat, worse when
 * nearby units have stopped. When the working capacity falls below the heat load the whole room
 * warms. Inlets and room air follow their targets with time constants of a few minutes, so this
 * model has state: the same step times in the same sequence give the same temperatures.
 */
export class ThermalModel {
  /** Estate indexes by slot. */
  readonly racks: number[];
  readonly units: number[];
  readonly rooms: Room[] = [];
  readonly rackRoom: Int32Array;
  readonly unitRoom: Int32Array;
  readonly rackInlet: Float64Array;
  readonly unitSupply: Float64Array;
  readonly unitReturn: Float64Array;
  readonly unitCooling: Float64Array;
  readonly unitFan: Float64Array;
  readonly unitPower: Float64Array;
  readonly roomTemperature: Float64Array;
  private readonly rackSlot = new Map<number, number>();
  private readonly unitSlot = new Map<number, number>();
  private lastMs: number | undefined;

  constructor(private readonly estate: EstateIndex) {
    this.racks = estate.ofKind('rack');
    this.units = estate.ofKind('cooling-unit');
    this.racks.forEach((rack, slot) => {
      this.rackSlot.set(rack, slot);
    });
    this.units.forEach((unit, slot) => {
      this.unitSlot.set(unit, slot);
    });
    this.rackRoom = new Int32Array(this.racks.length).fill(-1);
    this.unitRoom = new Int32Array(this.units.length).fill(-1);
    for (const room of estate.ofKind('room')) this.addRoom(room);
    this.rackInlet = new Float64Array(this.racks.length);
    this.unitSupply = new Float64Array(this.units.length);
    this.unitReturn = new Float64Array(this.units.length);
    this.unitCooling = new Float64Array(this.units.length);
    this.unitFan = new Float64Array(this.units.length);
    this.unitPower = new Float64Array(this.units.length);
    this.roomTemperature = new Float64Array(this.rooms.length);
  }

  rackSlotOf(rack: number): number | undefined {
    return this.rackSlot.get(rack);
  }

  unitSlotOf(unit: number): number | undefined {
    return this.unitSlot.get(unit);
  }

  capacityOf(slot: number, overrides: PropOverrides): number {
    const unit = this.units[slot] as number;
    return Math.max(
      0,
      overriddenNumber(
        overrides,
        unit,
        'capacityWatts',
        this.estate.numberProp(unit, 'capacityWatts', defaultUnitWatts),
      ),
    );
  }

  setpointOf(slot: number, overrides: PropOverrides): number {
    const unit = this.units[slot] as number;
    return overriddenNumber(
      overrides,
      unit,
      'setpointCelsius',
      this.estate.numberProp(unit, 'setpointCelsius', defaultSetpointCelsius),
    );
  }

  /**
   * `rackPower` by rack slot and `power` by estate index (NaN where unknown), in watts;
   * `failed(unitSlot)` says whether a unit has stopped.
   */
  step(
    timeMs: number,
    rackPower: Float64Array,
    power: Float64Array,
    failed: (slot: number) => boolean,
    overrides: PropOverrides,
  ): void {
    const elapsedSeconds =
      this.lastMs === undefined ? Number.POSITIVE_INFINITY : Math.max(0, timeMs - this.lastMs) / 1000;
    const first = this.lastMs === undefined;
    this.lastMs = timeMs;
    const roomDecay = Math.exp(-elapsedSeconds / roomTimeConstantSeconds);
    const rackDecay = Math.exp(-elapsedSeconds / rackTimeConstantSeconds);
    this.rooms.forEach((room, r) => {
      const equilibrium = this.condition(r, rackPower, power, failed, overrides, undefined);
      room.excessCelsius = first
        ? equilibrium.excessCelsius
        : equilibrium.excessCelsius + (room.excessCelsius - equilibrium.excessCelsius) * roomDecay;
      const now = this.condition(r, rackPower, power, failed, overrides, room.excessCelsius);
      let inletSum = 0;
      room.racks.forEach((rack, k) => {
        const target = now.inletTargets[k] as number;
        const previous = this.rackInlet[rack] as number;
        const inlet = first ? target : target + (previous - target) * rackDecay;
        this.rackInlet[rack] = inlet;
        inletSum += inlet;
      });
      const meanInlet =
        room.racks.length > 0 ? inletSum / room.racks.length : (now.supply[0] ?? defaultSetpointCelsius);
      this.roomTemperature[r] = meanInlet;
      room.units.forEach((unit, k) => {
        this.unitOutputs(unit, failed(unit), now, k, meanInlet, overrides);
      });
    });
    this.racks.forEach((_, slot) => {
      if (this.rackRoom[slot] !== -1) return;
      // A rack in no modelled room: room-temperature air plus its own recirculation.
      const target =
        defaultSetpointCelsius + 2 + ((rackPower[slot] as number) / 1000) * recirculationCelsiusPerKilowatt;
      this.rackInlet[slot] = first
        ? target
        : target + ((this.rackInlet[slot] as number) - target) * rackDecay;
    });
  }

  /**
   * The room's heat, working capacity and per-rack inlet targets, for the units `failed` says
   * have stopped; with `excessCelsius` undefined, the room-air excess it would settle at.
   */
  condition(
    r: number,
    rackPower: Float64Array,
    power: Float64Array,
    failed: (slot: number) => boolean,
    overrides: PropOverrides,
    excessCelsius: number | undefined,
  ): RoomCondition {
    const room = this.rooms[r] as Room;
    let heat = 0;
    for (const rack of room.racks) heat += rackPower[rack] as number;
    for (const device of room.devices) {
      const watts = power[device] as number;
      if (!Number.isNaN(watts)) heat += watts;
    }
    let working = 0;
    for (const unit of room.units) if (!failed(unit)) working += this.capacityOf(unit, overrides);
    const load = working > 0 ? Math.min(1, heat / working) : 1;
    const shortfall = Math.max(0, heat - working);
    const excess = excessCelsius ?? (heat > 0 ? (totalLossCelsius * shortfall) / heat : 0);
    const supply = new Float64Array(room.units.length);
    room.units.forEach((unit, k) => {
      supply[k] = this.setpointOf(unit, overrides) + supplyDriftCelsius * load * load + excess;
    });
    const unitCount = room.units.length;
    const inletTargets = new Float64Array(room.racks.length);
    room.racks.forEach((rack, i) => {
      let all = 0;
      let live = 0;
      let mixed = 0;
      for (let k = 0; k < unitCount; k++) {
        const weight = room.weights[i * unitCount + k] as number;
        all += weight;
        if (failed(room.units[k] as number) || this.capacityOf(room.units[k] as number, overrides) <= 0)
          continue;
        live += weight;
        mixed += weight * (supply[k] as number);
      }
      const reaching = live > 0 ? mixed / live : defaultSetpointCelsius + excess;
      const share = all > 0 ? live / all : 1;
      const recirculation =
        ((rackPower[rack] as number) / 1000) *
        recirculationCelsiusPerKilowatt *
        (1 + airflowPenalty * (1 - share));
      inletTargets[i] = (unitCount > 0 ? reaching : defaultSetpointCelsius) + recirculation;
    });
    return { heatWatts: heat, workingWatts: working, excessCelsius: excess, inletTargets, supply };
  }

  private unitOutputs(
    slot: number,
    stopped: boolean,
    condition: RoomCondition,
    k: number,
    meanInlet: number,
    overrides: PropOverrides,
  ): void {
    const capacity = this.capacityOf(slot, overrides);
    if (stopped || capacity <= 0) {
      // A stopped unit's sensors read the warm room air drifting through it.
      this.unitFan[slot] = stopped ? 0 : 0.25;
      this.unitCooling[slot] = 0;
      this.unitPower[slot] = stopped ? 40 : 300;
      this.unitSupply[slot] = meanInlet + 6;
      this.unitReturn[slot] = meanInlet + 6;
      return;
    }
    const cooling =
      condition.workingWatts > 0
        ? Math.min(capacity, (condition.heatWatts * capacity) / condition.workingWatts)
        : 0;
    const ratio = cooling / capacity;
    const fan = Math.min(1, 0.25 + 0.75 * ratio);
    const supply = condition.supply[k] as number;
    this.unitCooling[slot] = cooling;
    this.unitFan[slot] = fan;
    this.unitSupply[slot] = supply;
    this.unitReturn[slot] = supply + (designDeltaCelsius * ratio) / Math.max(fan, 0.25);
    // Fans follow the cube law; pumps and controls scale with the heat moved.
    this.unitPower[slot] = 50 + capacity * (0.02 * fan ** 3 + 0.03 * ratio);
  }

  private addRoom(room: number): void {
    const estate = this.estate;
    const r = this.rooms.length;
    const racks: number[] = [];
    const devices: number[] = [];
    const unitSet = new Set<number>();
    for (const child of estate.targets(room, 'contains')) {
      const kind = estate.kinds[child];
      const rackSlot = this.rackSlot.get(child);
      const unitSlot = this.unitSlot.get(child);
      if (rackSlot !== undefined && this.rackRoom[rackSlot] === -1) racks.push(rackSlot);
      else if (unitSlot !== undefined && this.unitRoom[unitSlot] === -1) unitSet.add(unitSlot);
      else if (
        kind === 'switch' ||
        kind === 'router' ||
        kind === 'firewall' ||
        kind === 'load-balancer' ||
        kind === 'host'
      ) {
        devices.push(child);
      }
    }
    for (const rack of racks) {
      this.rackRoom[rack] = r;
      for (const unit of estate.targets(this.racks[rack] as number, 'cooled-by')) {
        const slot = this.unitSlot.get(unit);
        if (slot !== undefined && (this.unitRoom[slot] === -1 || unitSet.has(slot))) unitSet.add(slot);
      }
    }
    const units = [...unitSet].sort((a, b) =>
      (estate.ids[this.units[a] as number] as string).localeCompare(
        estate.ids[this.units[b] as number] as string,
      ),
    );
    for (const unit of units) this.unitRoom[unit] = r;
    this.rooms.push({
      entity: room,
      racks,
      units,
      devices,
      weights: this.weights(room, racks, units),
      excessCelsius: 0,
    });
  }

  /**
   * Units are taken to stand along the room's front wall, evenly spaced in id order; racks sit
   * at their row and column. A unit's share of a rack's air falls off with distance, and only
   * units the rack is `cooled-by` count (all of the room's when it names none).
   */
  private weights(room: number, racks: readonly number[], units: readonly number[]): Float64Array {
    const estate = this.estate;
    const weights = new Float64Array(racks.length * units.length);
    if (units.length === 0) return weights;
    const maxColumn = racks.reduce(
      (max, rack) => Math.max(max, estate.numberProp(this.racks[rack] as number, 'column', 0)),
      0,
    );
    const columns = Math.max(1, estate.numberProp(room, 'columns', maxColumn || racks.length));
    const spacing = Math.max(1, columns / units.length);
    racks.forEach((rack, i) => {
      const entity = this.racks[rack] as number;
      const x = estate.numberProp(entity, 'column', (i % columns) + 1) - 0.5;
      const y = estate.numberProp(entity, 'row', Math.floor(i / columns) + 1);
      const coolers = new Set(estate.targets(entity, 'cooled-by').map((unit) => this.unitSlot.get(unit)));
      units.forEach((unit, k) => {
        if (coolers.size > 0 && !coolers.has(unit)) return;
        const ux = ((k + 0.5) * columns) / units.length;
        const distance = Math.hypot(x - ux, y) / spacing;
        weights[i * units.length + k] = 1 / (1 + distance * distance);
      });
    });
    return weights;
  }
}
