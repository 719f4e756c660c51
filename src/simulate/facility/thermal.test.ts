import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { airTemperatureRiseKelvin, cubicMetresPerSecondPerCfm } from './air-heat-balance.js';
import { steadyStateC, temperatureAt, timeToTemperature } from './first-order-thermal.js';
import { inletTemperatures, powerHeadroomKw } from './heat-recirculation.js';
import { hostThermalState } from './host-thermal-state.js';
import { dataCenterInfrastructureEfficiency, powerUsageEffectiveness } from './power-usage-effectiveness.js';
import { roomCooling } from './room-cooling.js';

describe('facility definitions', () => {
  it('definition (Uptime Institute 2023 average): 1580 kW facility / 1000 kW IT ⇒ PUE 1.58, DCiE 0.633', () => {
    expect(powerUsageEffectiveness(1_580_000, 1_000_000)).toBeCloseTo(1.58, 12);
    expect(dataCenterInfrastructureEfficiency(1_580_000, 1_000_000)).toBeCloseTo(0.633, 3);
    expect(() => powerUsageEffectiveness(900, 1000)).toThrow(InputError);
  });

  it('definition (air-side heat balance): 10 kW at 1000 CFM (0.472 m³/s) ⇒ ΔT 17.6 K, exhaust 35.6 °C from 18 °C', () => {
    const airflow = 1000 * cubicMetresPerSecondPerCfm;
    expect(airflow).toBeCloseTo(0.472, 3);
    const rise = airTemperatureRiseKelvin(10_000, airflow);
    expect(rise).toBeCloseTo(17.6, 1);
    expect(18 + rise).toBeCloseTo(35.6, 1);
    expect(airTemperatureRiseKelvin(10_000, 0.472)).toBeCloseTo(17.6, 1);
  });
});

describe('inletTemperatures (linear recirculation)', () => {
  const model = {
    supplyC: 18,
    kelvinPerKilowatt: [
      [0.5, 0.2],
      [0.1, 0.3],
    ],
  };

  it('definition (Tang et al. heat-recirculation matrix): D = [[0.5,0.2],[0.1,0.3]], P = [10,5] kW, T_sup 18 °C ⇒ [24.0, 20.5] °C', () => {
    const [first, second] = inletTemperatures(model, [10, 5]);
    expect(first).toBeCloseTo(24.0, 12);
    expect(second).toBeCloseTo(20.5, 12);
  });

  it('definition: rack 1 crosses ASHRAE 27 °C once P₁ > 16 kW', () => {
    expect(10 + powerHeadroomKw(model, [10, 5], 0, 27)).toBeCloseTo(16, 12);
    expect(inletTemperatures(model, [16, 5])[0]).toBeCloseTo(27, 12);
    expect(inletTemperatures(model, [16.1, 5])[0]).toBeGreaterThan(27);
  });

  it('refuses a matrix of the wrong shape with the offending row', () => {
    try {
      inletTemperatures({ supplyC: 18, kelvinPerKilowatt: [[0.5, 0.2], [0.1]] }, [10, 5]);
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.field)).toEqual(['kelvinPerKilowatt[1]']);
    }
  });

  it('at the headroom, the hottest affected inlet sits exactly on the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (matrix, powers, rack) => {
          const recirculation = { supplyC: 18, kelvinPerKilowatt: matrix };
          const headroom = powerHeadroomKw(recirculation, powers, rack, 40);
          const grown = powers.map((p, k) => (k === rack ? p + headroom : p));
          expect(Math.max(...inletTemperatures(recirculation, grown))).toBeCloseTo(40, 6);
        },
      ),
    );
  });
});

describe('first-order RC thermal model', () => {
  const rc = { capacitanceJPerK: 30_000, resistanceKPerW: 0.01, powerWatts: 150, ambientC: 25, initialC: 25 };

  it('definition (first-order RC): R 0.01 K/W, C 30,000 J/K, 150 W, 25 °C ⇒ T(∞) 26.5 °C, T(300 s) 25.9 °C', () => {
    expect(steadyStateC(rc)).toBeCloseTo(26.5, 12);
    expect(temperatureAt(rc, 300)).toBeCloseTo(25.9, 1);
    expect((temperatureAt(rc, 300) - 25) / 1.5).toBeCloseTo(1 - Math.exp(-1), 12);
  });

  it('time to a threshold: −τ·ln((T∞ − T_th)/(T∞ − T0)); Infinity when never reached; 0 when already there', () => {
    expect(timeToTemperature(rc, 26)).toBeCloseTo(300 * Math.log(3), 9);
    expect(timeToTemperature(rc, 26.5)).toBe(Number.POSITIVE_INFINITY);
    expect(timeToTemperature(rc, 30)).toBe(Number.POSITIVE_INFINITY);
    expect(timeToTemperature(rc, 20)).toBe(Number.POSITIVE_INFINITY);
    expect(timeToTemperature(rc, 25)).toBe(0);
    expect(timeToTemperature({ ...rc, initialC: 30 }, 27)).toBeCloseTo(-300 * Math.log(0.5 / 3.5), 9);
  });

  it('an insulated mass ramps linearly at P/C', () => {
    const insulated = { ...rc, resistanceKPerW: Number.POSITIVE_INFINITY };
    expect(temperatureAt(insulated, 200)).toBeCloseTo(26, 12);
    expect(timeToTemperature(insulated, 26)).toBeCloseTo(200, 9);
  });

  it('temperatureAt inverts timeToTemperature (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e3, max: 1e7, noNaN: true }),
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (capacitance, resistance, power, share) => {
          const model = {
            capacitanceJPerK: capacitance,
            resistanceKPerW: resistance,
            powerWatts: power,
            ambientC: 20,
            initialC: 22,
          };
          const final = steadyStateC(model);
          fc.pre(Math.abs(final - 22) > 1e-3);
          const threshold = 22 + (final - 22) * share;
          expect(temperatureAt(model, timeToTemperature(model, threshold))).toBeCloseTo(threshold, 6);
        },
      ),
    );
  });
});

describe('roomCooling', () => {
  const units = [
    { id: 'crac-1', capacityWatts: 100_000, setpointC: 18, running: true },
    { id: 'crac-2', capacityWatts: 100_000, setpointC: 18, running: true },
  ];
  const room = { heatLoadWatts: 150_000, airflowM3PerS: 10, thermalMassJPerK: 2e6 };

  it('holds the setpoint while running capacity covers the heat', () => {
    const result = roomCooling(units, room);
    expect(result.uncoveredWatts).toBe(0);
    expect(result.steadySupplyC).toBe(18);
    expect(result.steadyReturnC).toBeCloseTo(18 + 150_000 / (1.2 * 1005 * 10), 9);
    expect(result.initialRiseKPerS).toBe(0);
  });

  it('after losing a unit, the uncovered 50 kW warms 2 MJ/K at 0.025 K/s: 27 °C in 360 s', () => {
    const result = roomCooling([units[0]!, { ...units[1]!, running: false }], room);
    expect(result.uncoveredWatts).toBe(50_000);
    expect(result.initialRiseKPerS).toBeCloseTo(0.025, 12);
    expect(result.steadySupplyC).toBe(Number.POSITIVE_INFINITY);
    expect(timeToTemperature(result.supplyTransient, 27)).toBeCloseTo(360, 9);
  });

  it('with envelope loss, the supply settles at setpoint + uncovered·R', () => {
    const result = roomCooling([units[0]!, { ...units[1]!, running: false }], {
      ...room,
      envelopeResistanceKPerW: 1e-4,
    });
    expect(result.steadySupplyC).toBeCloseTo(23, 12);
    expect(timeToTemperature(result.supplyTransient, 27)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses a room with no airflow, naming the field', () => {
    expect(() => roomCooling(units, { ...room, airflowM3PerS: 0 })).toThrow(InputError);
  });
});

describe('hostThermalState', () => {
  it('is normal up to 32 °C (ASHRAE A1 allowable), throttled above it, shut down above 45 °C', () => {
    expect(hostThermalState(32)).toEqual({ condition: 'normal', capacityFactor: 1 });
    expect(hostThermalState(32.1)).toEqual({ condition: 'throttled', capacityFactor: 0.5 });
    expect(hostThermalState(45)).toEqual({ condition: 'throttled', capacityFactor: 0.5 });
    expect(hostThermalState(45.1)).toEqual({ condition: 'shutdown', capacityFactor: 0 });
  });

  it('takes configured limits and refuses inconsistent ones', () => {
    expect(hostThermalState(30, { throttleC: 27, throttledCapacity: 0.7 })).toEqual({
      condition: 'throttled',
      capacityFactor: 0.7,
    });
    expect(() => hostThermalState(30, { throttleC: 50 })).toThrow(InputError);
  });

  it('capacity never rises with inlet temperature (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 80, noNaN: true }),
        fc.double({ min: -20, max: 80, noNaN: true }),
        (a, b) => {
          const [cool, hot] = a <= b ? [a, b] : [b, a];
          expect(hostThermalState(hot).capacityFactor).toBeLessThanOrEqual(
            hostThermalState(cool).capacityFactor,
          );
        },
      ),
    );
  });
});
