import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { assertDistribution, distributionIssues } from './distribution-spec.js';

describe('distributionIssues', () => {
  it('accepts every valid kind', () => {
    const valid = [
      { type: 'exponential', mean: 1 },
      { type: 'deterministic', value: 0 },
      { type: 'uniform', min: 0, max: 2 },
      { type: 'erlang', mean: 2, k: 3 },
      { type: 'gamma', mean: 1, cv: 0.5 },
      { type: 'lognormal', mean: 1, cv: 2 },
      { type: 'hyperexponential', mean: 1, cv: 1.5 },
      { type: 'empirical', samples: [0, 1, 2.5] },
    ];
    for (const spec of valid) expect(distributionIssues(spec, 'd')).toEqual([]);
  });

  it('names the offending field', () => {
    expect(distributionIssues({ type: 'exponential', mean: -1 }, 'stations[2].service')).toEqual([
      { field: 'stations[2].service.mean', message: 'must be a finite number > 0' },
    ]);
    expect(distributionIssues({ type: 'erlang', mean: 1, k: 1.5 }, 's')[0]?.field).toBe('s.k');
    expect(distributionIssues({ type: 'hyperexponential', mean: 1, cv: 1 }, 's')[0]?.field).toBe('s.cv');
    expect(distributionIssues({ type: 'uniform', min: 3, max: 2 }, 's')[0]?.field).toBe('s.max');
    expect(distributionIssues({ type: 'empirical', samples: [1, Number.NaN] }, 's')[0]?.field).toBe(
      's.samples[1]',
    );
    expect(distributionIssues({ type: 'empirical', samples: [0, 0] }, 's')[0]?.field).toBe('s.samples');
    expect(distributionIssues({ type: 'weibull', mean: 1 }, 's')[0]?.field).toBe('s.type');
    expect(distributionIssues(null, 's')[0]?.field).toBe('s');
    expect(distributionIssues({ type: 'gamma' }, 's').map((issue) => issue.field)).toEqual([
      's.mean',
      's.cv',
    ]);
  });

  it('throws an InputError carrying the issues', () => {
    try {
      assertDistribution({ type: 'lognormal', mean: 1, cv: 0 }, 'service');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues).toEqual([
        { field: 'service.cv', message: 'must be a finite number > 0' },
      ]);
    }
  });
});
