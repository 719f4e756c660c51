import { describe, expect, it } from 'vitest';
import { solveClosedNetworkConvolution } from './solve-closed-network-convolution.js';

describe('solveClosedNetworkConvolution', () => {
  it('reproduces Bolch et al. Ex. 8.1 p. 318 (Octave qncsconv.m): G(0..3) = [1, 2.861, 4.218, 4.465], X₁ = 0.945', () => {
    const result = solveClosedNetworkConvolution({
      stations: [
        { serviceTime: 1 / 0.8, visits: 1, servers: 2 },
        { serviceTime: 1 / 0.6, visits: 2 / 3, servers: 3 },
        { serviceTime: 1 / 0.4, visits: 0.2, servers: 1 },
      ],
      population: 3,
    });
    [1, 2.861, 4.218, 4.465].forEach((g, n) => {
      expect(Math.abs((result.normalizationConstants[n] ?? 0) - g)).toBeLessThan(5e-3);
    });
    expect(Math.abs(result.throughput - 0.945)).toBeLessThan(1e-3);
    [1.29, 1.05, 0.66].forEach((q, k) => {
      expect(Math.abs((result.stations[k]?.queueLength ?? 0) - q)).toBeLessThan(1e-3);
    });
  });

  it('does not overflow for 5,000 jobs, where G itself exceeds a double', () => {
    const result = solveClosedNetworkConvolution({
      stations: [{ serviceTime: 2 }, { serviceTime: 1, servers: 4 }],
      population: 5_000,
      thinkTime: 1,
    });
    expect(result.normalizationConstants.at(-1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(result.logNormalizationConstants.at(-1))).toBe(true);
    expect(Math.abs(result.throughput - 0.5)).toBeLessThan(1e-9);
  });
});
