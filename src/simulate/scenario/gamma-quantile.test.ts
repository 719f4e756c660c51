import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gammaQuantile, logGamma, regularizedLowerGamma } from './gamma-quantile.js';

describe('gammaQuantile', () => {
  it('is the exponential quantile when the variance is the mean squared (shape 1)', () => {
    expect(gammaQuantile(2, 4, 0.99)).toBeCloseTo(-2 * Math.log(0.01), 9);
  });

  it('matches the chi-square table: χ²(4) has shape 2, scale 2 and its 0.99 quantile is 13.2767', () => {
    expect(gammaQuantile(4, 8, 0.99)).toBeCloseTo(13.2767, 3);
  });

  it('is monotone in q and tends to the mean as the variance vanishes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        (mean, cv, q) => {
          const variance = (cv * mean) ** 2;
          expect(gammaQuantile(mean, variance, q)).toBeLessThanOrEqual(
            gammaQuantile(mean, variance, q + 0.05) + 1e-12,
          );
        },
      ),
    );
    expect(gammaQuantile(5, 1e-10, 0.99)).toBeCloseTo(5, 3);
  });
});

describe('regularizedLowerGamma and logGamma', () => {
  it('match closed forms: P(1, x) = 1 − e^(−x), Γ(5) = 24, Γ(1/2) = √π', () => {
    for (const x of [0.1, 1, 3, 10]) expect(regularizedLowerGamma(1, x)).toBeCloseTo(1 - Math.exp(-x), 12);
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 9);
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 9);
  });
});
