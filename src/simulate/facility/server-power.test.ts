import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { energyJoules, joulesToKilowattHours } from './energy.js';
import { executionSeconds } from './execution-time.js';
import { hostPowerWatts, modelPowerWatts } from './host-power.js';
import { linearPowerWatts } from './linear-power.js';
import { tablePowerWatts } from './power-table.js';
import { specPowerTables } from './spec-power-tables.js';

describe('linearPowerWatts', () => {
  it('an idle host that is on draws its idle power, not 0 (unlike CloudSim PowerModelLinear)', () => {
    expect(linearPowerWatts(100, 200, 0)).toBe(100);
    expect(
      hostPowerWatts({ kind: 'linear', idleWatts: 100, maxWatts: 200 }, { on: true, utilisation: 0 }),
    ).toBe(100);
  });

  it('a host that is off draws 0 whatever its model', () => {
    expect(hostPowerWatts({ kind: 'linear', idleWatts: 100, maxWatts: 200 }, { on: false })).toBe(0);
    expect(hostPowerWatts({ kind: 'spec', table: 'ibmX3550XeonX5675' }, { on: false })).toBe(0);
  });

  it('clamps utilisation to [0, 1]', () => {
    expect(linearPowerWatts(100, 200, 1.7)).toBe(200);
    expect(linearPowerWatts(100, 200, -0.3)).toBe(100);
    expect(linearPowerWatts(100, 200, Number.NaN)).toBe(100);
  });

  it('OpenDC BatteryTest.testBattery1: 100–200 W host at u = 0.5 for 600 s ⇒ 150 W and 90,000 J', () => {
    const model = { kind: 'linear', idleWatts: 100, maxWatts: 200 } as const;
    const utilisation = 1000 / 2000;
    expect(modelPowerWatts(model, utilisation)).toBe(150);
    const joules = energyJoules(model, [{ durationSeconds: 600, state: { on: true, utilisation } }]);
    expect(joules).toBe(90_000);
    expect(joulesToKilowattHours(joules)).toBeCloseTo(0.025, 9);
  });

  it('refuses a model whose maximum is below its idle power', () => {
    expect(() => linearPowerWatts(200, 100, 0.5)).toThrow(InputError);
  });

  it('is monotone in utilisation and stays within [idle, max] (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (a, b, u, v) => {
          const [idle, max] = a <= b ? [a, b] : [b, a];
          const [low, high] = u <= v ? [u, v] : [v, u];
          const pLow = linearPowerWatts(idle, max, low);
          const pHigh = linearPowerWatts(idle, max, high);
          expect(pLow).toBeLessThanOrEqual(pHigh + 1e-9);
          expect(pLow).toBeGreaterThanOrEqual(idle - 1e-9);
          expect(pHigh).toBeLessThanOrEqual(max + 1e-9);
        },
      ),
    );
  });
});

describe('tablePowerWatts (CloudSim SPECpower tables)', () => {
  it('CloudSim PowerModelSpecPowerIbmX3550XeonX5675 unit test: P(0)=58.4, P(0.02)=66.32, P(0.5)=140, P(0.8)=189, P(0.87)=200.2 W', () => {
    const table = specPowerTables.ibmX3550XeonX5675;
    expect(tablePowerWatts(table, 0)).toBeCloseTo(58.4, 9);
    expect(tablePowerWatts(table, 0.02)).toBeCloseTo(66.32, 9);
    expect(tablePowerWatts(table, 0.5)).toBeCloseTo(140, 9);
    expect(tablePowerWatts(table, 0.8)).toBeCloseTo(189, 9);
    expect(tablePowerWatts(table, 0.87)).toBeCloseTo(200.2, 9);
    expect(tablePowerWatts(table, 1)).toBe(222);
  });

  it('CloudSim HP ML110 G4 at u = 0.25: table 94.3 W vs linear 93.75 W', () => {
    const table = specPowerTables.hpProLiantMl110G4;
    expect(tablePowerWatts(table, 0.25)).toBeCloseTo(94.3, 9);
    expect(linearPowerWatts(table[0], table[10], 0.25)).toBeCloseTo(93.75, 9);
  });

  it('hits every table point exactly and interpolates linearly between them (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(specPowerTables)),
        fc.integer({ min: 0, max: 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (table, step, t) => {
          expect(tablePowerWatts(table, step / 10)).toBeCloseTo(table[step]!, 9);
          const between = tablePowerWatts(table, (step + t) / 10);
          expect(between).toBeCloseTo(table[step]! + (table[step + 1]! - table[step]!) * t, 9);
        },
      ),
    );
  });

  it('refuses a table with one point or a negative value, naming the field', () => {
    expect(() => tablePowerWatts([100], 0.5)).toThrow(InputError);
    try {
      tablePowerWatts([100, -1, 120], 0.5);
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues[0]?.field).toBe('wattsAtSteps[1]');
    }
  });
});

describe('energy', () => {
  it('CloudSim PlanetLab NonPowerAware 20110303: 400 ML110 G4 at 117 W + 400 G5 at 135 W for 86,100 s ⇒ 2410.80 kWh', () => {
    const busy = { durationSeconds: 86_100, state: { on: true, utilisation: 1 } } as const;
    const g4 = energyJoules({ kind: 'spec', table: 'hpProLiantMl110G4' }, [busy]);
    const g5 = energyJoules({ kind: 'spec', table: 'hpProLiantMl110G5' }, [busy]);
    expect(joulesToKilowattHours(400 * g4 + 400 * g5)).toBeCloseTo(2410.8, 6);
  });

  it('counts nothing while the host is off and sums segments', () => {
    const model = { kind: 'linear', idleWatts: 100, maxWatts: 200 } as const;
    const joules = energyJoules(model, [
      { durationSeconds: 10, state: { on: true, utilisation: 0 } },
      { durationSeconds: 50, state: { on: false } },
      { durationSeconds: 10, state: { on: true, utilisation: 1 } },
    ]);
    expect(joules).toBe(3000);
  });

  it('refuses a negative duration with its path', () => {
    expect(() =>
      energyJoules({ kind: 'linear', idleWatts: 1, maxWatts: 2 }, [
        { durationSeconds: -1, state: { on: false } },
      ]),
    ).toThrow(/invalid power segment/);
  });
});

describe('executionSeconds', () => {
  it('CloudSim examples 1–3: 400,000 MI at 1000 MIPS = 400 s; 250,000 MI at 250 = 1000 s; 40,000 MI at 250 / 500 = 160 / 80 s', () => {
    expect(executionSeconds(400_000, 1000)).toBe(400);
    expect(executionSeconds(250_000, 250)).toBe(1000);
    expect(executionSeconds(40_000, 250)).toBe(160);
    expect(executionSeconds(40_000, 500)).toBe(80);
  });

  it('refuses a VM with no MIPS', () => {
    expect(() => executionSeconds(1, 0)).toThrow(InputError);
  });
});
