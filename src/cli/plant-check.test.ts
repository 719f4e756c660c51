import { describe, expect, it } from 'vitest';
import { predictionKindsByFault, runPlantCheck } from './plant-check.js';

describe('runPlantCheck', () => {
  it('injects one fault of every kind per episode and foresees each before it becomes a failure', async () => {
    const report = await runPlantCheck({ seed: 3, faultsPerType: 2, hosts: 40 });
    expect(report.kinds.map((kind) => kind.type)).toStrictEqual(Object.keys(predictionKindsByFault));
    for (const kind of report.kinds) {
      expect(kind.faults).toBe(2);
      expect(kind.foreseen, `${kind.type} foreseen`).toBe(2);
    }
    for (const fault of report.faults) {
      expect(fault.predictedMs).toBeGreaterThanOrEqual(fault.startMs);
      if (fault.failureMs !== undefined)
        expect(fault.leadMs).toBe(fault.failureMs - (fault.predictedMs as number));
    }
    const slow = report.kinds.find((kind) => kind.type === 'disk-fill');
    // A disk filling at 8 to 25 % an hour gives hours of warning, not minutes.
    expect(slow?.minLeadMs).toBeGreaterThan(3_600_000);
  }, 120_000);
});
