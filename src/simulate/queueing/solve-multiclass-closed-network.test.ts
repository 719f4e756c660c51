import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { solveClosedNetwork } from './solve-closed-network.js';
import { solveMulticlassClosedNetwork } from './solve-multiclass-closed-network.js';

function near(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

describe('solveMulticlassClosedNetwork', () => {
  it('reproduces QSP (Lazowska et al.) p. 142 two-class example (Octave qncmmva.m): Q, X_c and residence times', () => {
    const result = solveMulticlassClosedNetwork({
      population: [1, 1],
      demand: [
        [1, 3],
        [2, 4],
      ],
    });
    const q = [
      [4 / 19, 15 / 19],
      [5 / 19, 14 / 19],
    ];
    q.forEach((row, c) => {
      row.forEach((value, k) => {
        near(result.queueLength[c]?.[k] ?? 0, value, 1e-12);
      });
    });
    near(result.throughput[0] ?? 0, 3 / 19, 1e-12);
    near(result.throughput[1] ?? 0, 2 / 19, 1e-12);
    [
      [4 / 3, 5],
      [5 / 2, 7],
    ].forEach((row, c) => {
      row.forEach((value, k) => {
        near(result.residenceTime[c]?.[k] ?? 0, value, 1e-12);
      });
    });
  });

  it('with one class equals single-class exact MVA; two identical classes equal one class of their sum (property)', () => {
    const network = fc.record({
      demand: fc.array(
        fc.integer({ min: 1, max: 500 }).map((i) => i / 100),
        { minLength: 1, maxLength: 4 },
      ),
      delayFirst: fc.boolean(),
      n1: fc.integer({ min: 0, max: 8 }),
      n2: fc.integer({ min: 1, max: 8 }),
      think: fc.integer({ min: 0, max: 20 }).map((i) => i / 2),
    });
    fc.assert(
      fc.property(network, ({ demand, delayFirst, n1, n2, think }) => {
        const servers = demand.map((_, k) => (k === 0 && delayFirst ? ('delay' as const) : (1 as const)));
        const single = solveClosedNetwork({
          stations: demand.map((serviceTime, k) => ({ serviceTime, servers: servers[k] })),
          population: n1 + n2,
          thinkTime: think,
        });
        const one = solveMulticlassClosedNetwork({
          population: [n1 + n2],
          demand: [demand],
          thinkTime: [think],
          servers,
        });
        near(one.throughput[0] ?? 0, single.throughput, 1e-12 * single.throughput);
        const two = solveMulticlassClosedNetwork({
          population: [n1, n2],
          demand: [demand, demand],
          thinkTime: [think, think],
          servers,
        });
        near(
          (two.throughput[0] ?? 0) + (two.throughput[1] ?? 0),
          single.throughput,
          1e-9 * single.throughput,
        );
        two.stationQueueLength.forEach((q, k) => {
          near(q, single.stations[k]?.queueLength ?? 0, 1e-9 * Math.max(1, q));
        });
      }),
    );
  });

  it('refuses ragged demand rows and too many population vectors', () => {
    expect(() => solveMulticlassClosedNetwork({ population: [1, 1], demand: [[1, 2], [1]] })).toThrow(
      InputError,
    );
    try {
      solveMulticlassClosedNetwork({ population: [500, 500, 500], demand: [[1], [1], [1]] });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues[0]?.message).toMatch(/too many population vectors/);
    }
  });
});
