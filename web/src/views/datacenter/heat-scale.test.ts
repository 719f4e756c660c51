import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../contract';
import { heatLevel, inletScale, levelCount, levelLabels, powerScale, rackReading } from './heat-scale';

function rack(metrics: Record<string, number>, props: Entity['props'] = { powerBudgetWatts: 6000 }): Entity {
  return {
    id: 'rack:dc1/a/r01',
    kind: 'rack',
    name: 'dc1/a/r01',
    labels: {},
    props,
    provenance: { origin: 'declared', source: 'test', at: 0, changeSet: 1 },
    state: {
      metrics: Object.fromEntries(
        Object.entries(metrics).map(([name, value]) => [
          name,
          { value, ts: 1, origin: 'observed', source: 'mqtt' },
        ]),
      ),
      health: 'ok',
      reasons: [],
    },
  };
}

describe('heat scales', () => {
  it('puts the two hottest inlet levels at the warning and critical limits', () => {
    const scale = inletScale({ warning: 27, critical: 32 });
    expect(scale.bounds).toEqual([18, 21, 24, 27, 32]);
    expect(heatLevel(17.9, scale)).toBe(0);
    expect(heatLevel(20, scale)).toBe(1);
    expect(heatLevel(26.99, scale)).toBe(3);
    expect(heatLevel(27, scale)).toBe(4);
    expect(heatLevel(32, scale)).toBe(5);
    expect(heatLevel(undefined, scale)).toBeUndefined();
    expect(heatLevel(Number.NaN, scale)).toBeUndefined();
    expect(levelLabels(scale)).toEqual([
      '< 18 °C',
      '18–21 °C',
      '21–24 °C',
      '24–27 °C',
      '27–32 °C',
      '≥ 32 °C',
    ]);
  });

  it('reads power as a share of the budget', () => {
    expect(levelLabels(powerScale)).toEqual([
      '< 20 %',
      '20–40 %',
      '40–60 %',
      '60–80 %',
      '80–100 %',
      '≥ 100 %',
    ]);
    const reading = rackReading(rack({ power_watts: 3180 }), 'power');
    expect(reading.value).toBeCloseTo(0.53);
    expect(reading.short).toBe('53 %');
    expect(reading.long).toBe('power 3.18 kW of a 6 kW budget (53 %)');
    expect(heatLevel(reading.value, powerScale)).toBe(2);
    expect(rackReading(rack({ power_watts: 3180 }, {}), 'power')).toMatchObject({
      value: undefined,
      short: '3.18 kW',
    });
    expect(rackReading(rack({}), 'power').short).toBe('no data');
  });

  it('writes the inlet temperature', () => {
    expect(rackReading(rack({ inlet_temperature_celsius: 24.31 }), 'inlet')).toEqual({
      value: 24.31,
      short: '24.3 °C',
      long: 'inlet temperature 24.3 °C',
    });
    expect(rackReading(rack({}), 'inlet').value).toBeUndefined();
  });

  it('gives every finite value a level from 0 to the last, never falling as the value rises', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        fc.double({ noNaN: true, min: 0, max: 50 }),
        (a, rise) => {
          for (const scale of [inletScale(undefined), powerScale]) {
            const low = heatLevel(a, scale) as number;
            const high = heatLevel(a + rise, scale) as number;
            expect(low).toBeGreaterThanOrEqual(0);
            expect(high).toBeLessThan(levelCount);
            expect(high).toBeGreaterThanOrEqual(low);
          }
        },
      ),
    );
  });
});
