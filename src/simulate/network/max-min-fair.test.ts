import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { type FairShareFlow, maxMinFairShare } from './max-min-fair.js';

const single = (demand: number, resources: number[]): FairShareFlow => ({
  demand,
  resources,
  fractions: resources.map(() => 1),
});

describe('maxMinFairShare', () => {
  it('hand-checked classic: three flows share link 0, flow 0 also crosses link 1 ⇒ 1/3, 1/3, 1/3, 2/3', () => {
    const { rates, saturated } = maxMinFairShare(
      [1, 1],
      [single(Infinity, [0, 1]), single(Infinity, [0]), single(Infinity, [0]), single(Infinity, [1])],
    );
    expect([...rates].map((r) => r.toFixed(6))).toEqual(['0.333333', '0.333333', '0.333333', '0.666667']);
    expect([...saturated]).toEqual([1, 1]);
  });

  it('a demand-capped flow keeps its demand and leaves the rest to the others', () => {
    const { rates, loads } = maxMinFairShare([10], [single(2, [0]), single(Infinity, [0]), single(5, [0])]);
    expect([...rates]).toEqual([2, 4, 4]);
    expect(loads[0]).toBeCloseTo(10, 12);
  });

  it('counts a split flow by its fraction on each resource', () => {
    const split: FairShareFlow = { demand: Infinity, resources: [0, 1], fractions: [0.5, 0.5] };
    const { rates } = maxMinFairShare([1, 1], [split, single(Infinity, [1])]);
    // Resource 1 fills when 0.5·r + r = 1: r = 2/3 for both.
    expect(rates[0]).toBeCloseTo(2 / 3, 12);
    expect(rates[1]).toBeCloseTo(2 / 3, 12);
  });

  it('gives nothing through a resource of capacity 0 and its demand to a flow with no resources', () => {
    const { rates } = maxMinFairShare([0], [single(3, [0]), single(4, [])]);
    expect([...rates]).toEqual([0, 4]);
  });

  it('refuses a negative demand or an unknown resource with the field', () => {
    expect(() => maxMinFairShare([1], [single(-1, [0])])).toThrow(InputError);
    expect(() => maxMinFairShare([1], [single(1, [3])])).toThrow(/invalid flow/);
  });

  it('is max-min fair: within capacity, and every flow has its demand or a saturated bottleneck where none gets more (property)', () => {
    fc.assert(
      fc.property(fairShareProblem(), ({ capacities, flows }) => {
        const { rates, loads, saturated } = maxMinFairShare(capacities, flows);
        capacities.forEach((capacity, r) => {
          expect(loads[r]).toBeLessThanOrEqual(capacity * (1 + 1e-9) + 1e-9);
        });
        flows.forEach((flow, f) => {
          const rate = rates[f]!;
          expect(rate).toBeLessThanOrEqual(flow.demand * (1 + 1e-12));
          if (rate >= flow.demand * (1 - 1e-9)) return;
          const bottleneck = Array.from(flow.resources).some(
            (r) =>
              saturated[r] === 1 &&
              loads[r]! >= capacities[r]! * (1 - 1e-6) &&
              flows.every(
                (other, g) =>
                  !Array.from(other.resources).includes(r) || rates[g]! <= rate * (1 + 1e-9) + 1e-12,
              ),
          );
          expect(bottleneck).toBe(true);
        });
      }),
    );
  });
});

function fairShareProblem() {
  return fc
    .record({
      capacities: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }),
      flows: fc.array(
        fc.record({
          demand: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.constant(Number.POSITIVE_INFINITY)),
          resources: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 4 }),
          weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }),
        }),
        { maxLength: 12 },
      ),
    })
    .map(({ capacities, flows }) => ({
      capacities,
      flows: flows.map((flow): FairShareFlow => {
        const resources = [...new Set(flow.resources.map((r) => r % capacities.length))];
        return { demand: flow.demand, resources, fractions: resources.map((_, k) => flow.weights[k]! / 4) };
      }),
    }));
}
