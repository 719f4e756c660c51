import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { solveClosedNetwork } from './solve-closed-network.js';
import { solveClosedNetworkSchweitzer } from './solve-closed-network-schweitzer.js';

const qsp117 = {
  stations: [{ serviceTime: 0.605 }, { serviceTime: 2.1 }, { serviceTime: 1.35 }],
  population: 3,
  thinkTime: 15,
};

describe('solveClosedNetworkSchweitzer', () => {
  it('reproduces QSP (Lazowska et al.) p. 117, Bard–Schweitzer column (Octave qncsmvaap.m): X0 = 0.1510, R = 4.87', () => {
    const result = solveClosedNetworkSchweitzer(qsp117);
    expect(result.converged).toBe(true);
    expect(Math.abs(result.throughput - 0.151)).toBeLessThan(1e-4);
    expect(Math.abs(result.responseTime / 4.87 - 1)).toBeLessThan(5e-3);
    [0.0973, 0.4021, 0.2359].forEach((q, k) => {
      expect(Math.abs((result.stations[k]?.queueLength ?? 0) - q)).toBeLessThan(1e-4);
    });
    // The approximation differs from exact MVA (X0 0.1515) — otherwise this test would prove nothing.
    expect(Math.abs(result.throughput - solveClosedNetwork(qsp117).throughput)).toBeGreaterThan(1e-4);
  });

  it('stops at its fixed point: one more step moves no queue length by more than 1e-10', () => {
    const result = solveClosedNetworkSchweitzer(qsp117);
    const share = (3 - 1) / 3;
    const residence = qsp117.stations.map(
      (s, k) => s.serviceTime * (1 + share * (result.stations[k]?.queueLength ?? 0)),
    );
    const x = 3 / (15 + residence.reduce((sum, r) => sum + r, 0));
    residence.forEach((r, k) => {
      expect(Math.abs(x * r - (result.stations[k]?.queueLength ?? 0))).toBeLessThan(1e-9);
    });
  });

  it('is close to exact MVA for a large population and refuses multi-server stations', () => {
    const big = {
      stations: [{ serviceTime: 0.2 }, { serviceTime: 0.1 }, { serviceTime: 1, servers: 'delay' as const }],
      population: 500,
    };
    expect(
      Math.abs(solveClosedNetworkSchweitzer(big).throughput / solveClosedNetwork(big).throughput - 1),
    ).toBeLessThan(0.01);
    expect(() =>
      solveClosedNetworkSchweitzer({ stations: [{ serviceTime: 1, servers: 2 }], population: 2 }),
    ).toThrow(InputError);
  });
});
