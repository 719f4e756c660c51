import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFailSpec,
  buildMigrateSpec,
  buildSpec,
  buildTrafficSpec,
  emptyForms,
  formFieldOfIssue,
  parseSpecText,
  specText,
} from './scenario-templates';

describe('scenario templates', () => {
  it('builds a global traffic step from a percentage', () => {
    expect(buildTrafficSpec({ percent: '50', service: '' })).toEqual({
      ok: true,
      spec: {
        name: 'traffic +50 %',
        description: 'every entry point: ×1.5 traffic',
        steps: [{ traffic: { multiplier: 1.5 } }],
      },
    });
  });

  it('builds a traffic step for one service, and less traffic with a negative percentage', () => {
    const built = buildTrafficSpec({ percent: '-20', service: 'service:cart' });
    expect(built).toMatchObject({
      ok: true,
      spec: {
        name: 'traffic −20 % on service:cart',
        steps: [{ traffic: { multiplier: 0.8, service: 'service:cart' } }],
      },
    });
  });

  it('turns any percentage the API accepts into its multiplier, and refuses the rest by field', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 99_900, noNaN: true }), (percent) => {
        const built = buildTrafficSpec({ percent: String(percent), service: '' });
        if (!built.ok) return false;
        const step = built.spec.steps[0];
        return (
          step !== undefined &&
          'traffic' in step &&
          Math.abs(step.traffic.multiplier - (1 + percent / 100)) < 1e-6
        );
      }),
    );
    for (const percent of ['', 'lots', '-150', '100000'])
      expect(buildTrafficSpec({ percent, service: '' })).toMatchObject({
        ok: false,
        problems: [{ field: 'percent' }],
      });
  });

  it('builds a failure, at once or after some minutes', () => {
    expect(buildFailSpec({ entity: 'rack:dc1/a/r01', atMinutes: '' })).toMatchObject({
      ok: true,
      spec: { name: 'fail rack:dc1/a/r01', steps: [{ fail: { entity: 'rack:dc1/a/r01' } }] },
    });
    expect(buildFailSpec({ entity: 'host:h1', atMinutes: '10' })).toMatchObject({
      ok: true,
      spec: { steps: [{ fail: { entity: 'host:h1', at: '10m' } }] },
    });
    expect(buildFailSpec({ entity: ' ', atMinutes: '-1' })).toEqual({
      ok: false,
      problems: [
        { field: 'entity', message: 'pick what fails' },
        { field: 'atMinutes', message: 'minutes from the start, 0 or more' },
      ],
    });
  });

  it('builds a migration with its instance type and optional cores', () => {
    expect(
      buildMigrateSpec({
        service: 'service:cart',
        region: 'cloud-region:eu-west-1',
        instanceType: 'm6i.xlarge',
        cores: '4',
      }),
    ).toMatchObject({
      ok: true,
      spec: {
        steps: [
          {
            migrate: {
              service: 'service:cart',
              region: 'cloud-region:eu-west-1',
              instanceType: 'm6i.xlarge',
              cores: 4,
            },
          },
        ],
      },
    });
    const missing = buildMigrateSpec({ service: '', region: '', instanceType: '', cores: '2.5' });
    expect(missing.ok ? [] : missing.problems.map((problem) => problem.field)).toEqual([
      'service',
      'region',
      'instanceType',
      'cores',
    ]);
  });

  it('shows a spec as JSON that reads back to the same spec', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 1000 }), fc.string(), (percent, service) => {
        const built = buildSpec('traffic', { ...emptyForms, traffic: { percent: String(percent), service } });
        if (!built.ok) return true;
        const parsed = parseSpecText(specText(built.spec));
        return parsed.ok && JSON.stringify(parsed.spec) === JSON.stringify(built.spec);
      }),
    );
  });

  it('refuses editor text that is not a scenario object, saying why', () => {
    expect(parseSpecText('{')).toMatchObject({ ok: false, message: expect.stringMatching(/^not JSON/) });
    expect(parseSpecText('[]')).toMatchObject({ ok: false, message: expect.stringContaining('JSON object') });
    expect(parseSpecText('{"steps": []}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"name"'),
    });
    expect(parseSpecText('{"name": "x", "steps": []}')).toEqual({ ok: true, spec: { name: 'x', steps: [] } });
  });

  it("maps the API's field paths to the template's fields", () => {
    expect(formFieldOfIssue('traffic', 'steps[0].traffic.multiplier')).toBe('percent');
    expect(formFieldOfIssue('fail', 'steps[0].fail.entity')).toBe('entity');
    expect(formFieldOfIssue('migrate', 'steps[0].migrate.region')).toBe('region');
    expect(formFieldOfIssue('fail', 'steps[0].traffic.multiplier')).toBeUndefined();
    expect(formFieldOfIssue('fail', 'name')).toBeUndefined();
    expect(formFieldOfIssue('fail', undefined)).toBeUndefined();
  });
});
