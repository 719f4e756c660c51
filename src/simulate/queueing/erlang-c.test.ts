import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { erlangB } from './erlang-b.js';
import { erlangC } from './erlang-c.js';

/** Uniform on [min, max]: fc.double is uniform over representable doubles, so almost always tiny. */
function uniform(min: number, max: number) {
  return fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);
}

/** Erlang B straight from its definition, in logarithms: the reference for the recursion. */
function erlangBByDefinition(servers: number, load: number): number {
  const logTerms = Array.from({ length: servers + 1 }, (_, k) => {
    let logTerm = k * Math.log(load);
    for (let i = 2; i <= k; i++) logTerm -= Math.log(i);
    return logTerm;
  });
  const largest = Math.max(...logTerms);
  const total = logTerms.reduce((sum, logTerm) => sum + Math.exp(logTerm - largest), 0);
  return Math.exp((logTerms[servers] as number) - largest) / total;
}

describe('erlangB and erlangC', () => {
  it('match the closed forms C(2, A=1) = 1/3 and C(3, A=2) = 4/9 (queueing-textbook.md F9 anchors)', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 14);
    expect(erlangB(1, 3)).toBeCloseTo(3 / 4, 14);
  });

  it('reproduce ETH ASL 2017 "M/M/x queues" (Octave qsmmm.m): λ=9, μ=5 gives C = 0.853 (c=2), 0.129 (c=4)', () => {
    expect(Math.abs(erlangC(2, 9 / 5) - 0.853)).toBeLessThan(1e-3);
    expect(Math.abs(erlangC(4, 9 / 5) - 0.129)).toBeLessThan(1e-3);
  });

  it('stay finite and in (0, 1) for 10,000 servers with a load just below c', () => {
    const blocking = erlangB(10_000, 9_990);
    const wait = erlangC(10_000, 9_990);
    expect(blocking).toBeGreaterThan(0);
    expect(blocking).toBeLessThan(1);
    expect(wait).toBeGreaterThan(blocking);
    expect(wait).toBeLessThan(1);
    // Near c the Erlang C of c servers tends to 1 as the load tends to c.
    expect(erlangC(10_000, 9_999.999)).toBeGreaterThan(0.99);
    expect(erlangC(10_000, 10_000)).toBe(1);
  });

  it('equal the definition ΣA^k/k! for random servers and loads (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0.01, max: 400, noNaN: true }),
        (c, a) => {
          const reference = erlangBByDefinition(c, a);
          expect(Math.abs(erlangB(c, a) - reference)).toBeLessThanOrEqual(1e-12 + 1e-10 * reference);
        },
      ),
    );
  });

  it('Erlang C ≥ Erlang B, both in [0, 1], and both grow with the load (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), uniform(0, 1), uniform(0, 1), (c, u, v) => {
        const [low, high] = [Math.min(u, v) * c, Math.max(u, v) * c];
        expect(erlangC(c, low)).toBeGreaterThanOrEqual(erlangB(c, low));
        expect(erlangC(c, high)).toBeLessThanOrEqual(1);
        expect(erlangB(c, high)).toBeGreaterThanOrEqual(erlangB(c, low));
        expect(erlangC(c, high)).toBeGreaterThanOrEqual(erlangC(c, low) - 1e-15);
      }),
    );
  });

  it('refuse a fractional server count with the field named', () => {
    expect(() => erlangC(2.5, 1)).toThrow(InputError);
    try {
      erlangB(0, -1);
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.field)).toEqual(['servers', 'offeredLoad']);
    }
  });
});
