import { describe, expect, it } from 'vitest';
import { trafficRates } from './traffic-equations.js';

describe('trafficRates', () => {
  it('solves a central-server network for its visit ratios', () => {
    // CPU → disk A 7/16, disk B 8/16, exit 1/16; disks return to the CPU: visits 16, 7, 8.
    const routing = [
      [0, 7 / 16, 8 / 16],
      [1, 0, 0],
      [1, 0, 0],
    ];
    const rates = trafficRates([3, 0, 0], routing);
    expect(rates[0]).toBeCloseTo(48, 9);
    expect(rates[1]).toBeCloseTo(21, 9);
    expect(rates[2]).toBeCloseTo(24, 9);
    expect(trafficRates([1, 2], undefined)).toEqual([1, 2]);
  });
});
