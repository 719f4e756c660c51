import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { parseDurationSeconds } from './duration-seconds.js';
import { parseScenario } from './parse-scenario.js';
import { defaultLimits } from './scenario-spec.js';

function issuesOf(value: unknown): Array<{ field?: string; message: string; line?: number }> {
  try {
    parseScenario(value, (path) => ({ line: path.length, column: 1 }));
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}

describe('parseScenario', () => {
  it('reads every kind of step with its defaults', () => {
    const spec = parseScenario({
      name: 'all',
      duration: '2h',
      step: '5m',
      failover: '90s',
      limits: { inletCelsius: 30 },
      headroom: { max: 4 },
      steps: [
        { traffic: { multiplier: 1.5 } },
        { traffic: { service: 'service:web', ramp: { to: 3, start: '1h', end: '2h' } } },
        { traffic: { daily: { peak: 1.4 } } },
        {
          deploy: {
            service: 'service:new',
            replicas: 2,
            demandSeconds: 0.01,
            calledBy: [{ service: 'service:web' }],
          },
        },
        { remove: { service: 'service:old' } },
        { scale: { service: 'service:web', replicas: 6 } },
        { fail: { entity: 'rack:dc1/r1', at: '10m' } },
        { migrate: { service: 'service:web', region: 'cloud-region:eu', instanceType: 'm6i.large' } },
        { addHosts: { count: 2, like: 'host:h1' } },
        { setpoint: { coolingUnit: 'cooling-unit:c1', celsius: 22 } },
        { instanceType: { entity: 'cloud-instance:i1', to: 'm6i.xlarge', cores: 4 } },
      ],
    });
    expect(spec.durationSeconds).toBe(7200);
    expect(spec.stepSeconds).toBe(300);
    expect(spec.failoverSeconds).toBe(90);
    expect(spec.limits).toEqual({ ...defaultLimits, inletCelsius: 30 });
    expect(spec.headroomMax).toBe(4);
    expect(spec.steps.map((step) => step.kind)).toEqual([
      'traffic',
      'traffic',
      'traffic',
      'deploy',
      'remove',
      'scale',
      'fail',
      'migrate',
      'add-hosts',
      'setpoint',
      'instance-type',
    ]);
    expect(spec.steps[1]).toEqual({
      kind: 'traffic',
      service: 'service:web',
      profile: { type: 'ramp', from: 1, to: 3, startSeconds: 3600, endSeconds: 7200 },
    });
    expect(spec.steps[3]).toMatchObject({
      kind: 'deploy',
      coresPerReplica: 2,
      calledBy: [{ service: 'service:web', callsPerRequest: 1 }],
    });
    expect(spec.steps[6]).toEqual({ kind: 'fail', entity: 'rack:dc1/r1', atSeconds: 600 });
  });

  it('names every problem at once, with its path and the line the locator gives', () => {
    const issues = issuesOf({
      name: '',
      duration: 'soon',
      limits: { utilization: 3, colour: 'red' },
      steps: [
        { traffic: { multiplier: -1 } },
        { fail: { entity: 'not an id' } },
        { explode: {} },
        { deploy: { service: 'service:x', replicas: 0 } },
      ],
    });
    const fields = issues.map((issue) => issue.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'duration',
        'limits.utilization',
        'limits.colour',
        'steps[0].traffic.multiplier',
        'steps[1].fail.entity',
        'steps[2]',
        'steps[3].deploy.replicas',
        'steps[3].deploy.demandSeconds',
      ]),
    );
    expect(issues.find((issue) => issue.field === 'steps[1].fail.entity')?.line).toBe(4);
  });

  it('bounds the timeline: at most 10,000 samples and 90 days', () => {
    expect(issuesOf({ name: 'x', duration: '30d', step: '1s' }).map((issue) => issue.field)).toEqual([
      'step',
    ]);
    expect(issuesOf({ name: 'x', duration: '100d', step: '1d' }).map((issue) => issue.field)).toEqual([
      'duration',
    ]);
    expect(parseScenario({ name: 'x', duration: '30d', step: '1h' }).durationSeconds).toBe(30 * 86_400);
  });

  it('refuses a traffic step with two shapes, and prices with a bad field', () => {
    const fields = issuesOf({
      name: 'x',
      prices: { instanceHourly: { 'm6i.large': -1 } },
      steps: [{ traffic: { multiplier: 2, daily: { peak: 2 } } }],
    }).map((issue) => issue.field);
    expect(fields).toContain('steps[0].traffic');
    expect(fields.some((field) => field?.startsWith('prices'))).toBe(true);
  });
});

describe('parseDurationSeconds', () => {
  it('reads numbers as seconds and text with units', () => {
    expect(parseDurationSeconds(90)).toBe(90);
    expect(parseDurationSeconds('1h30m')).toBe(5400);
    expect(parseDurationSeconds('250ms')).toBe(0.25);
    expect(parseDurationSeconds('2d')).toBe(172_800);
    expect(parseDurationSeconds('-5')).toBeUndefined();
    expect(parseDurationSeconds('5 minutes')).toBeUndefined();
    expect(parseDurationSeconds(-1)).toBeUndefined();
  });

  it('adds up the parts of any well-formed duration', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(59), fc.nat(59), (hours, minutes, seconds) => {
        expect(parseDurationSeconds(`${hours}h${minutes}m${seconds}s`)).toBe(
          hours * 3600 + minutes * 60 + seconds,
        );
      }),
    );
  });
});
