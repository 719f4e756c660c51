import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';

const nullableNumber = (description?: string) =>
  Type.Union([Type.Number(), Type.Null()], description ? { description } : {});

export const violationKinds = [
  'latency',
  'saturated',
  'down',
  'utilization',
  'memory',
  'disk',
  'network',
  'inlet',
  'power',
] as const;
export const serviceStatuses = ['ok', 'saturated', 'down', 'unmodelled'] as const;
export const chainEvents = [
  'failed',
  'power-lost',
  'tripped',
  'on-battery',
  'battery-exhausted',
  'throttled',
  'shut-down',
  'replica-lost',
  'failed-over',
  'failover-impossible',
  'limit-broken',
] as const;

export const ScenarioViolationSchema = Type.Object({
  kind: StringEnum(violationKinds, {
    description: 'which limit: p99 SLO, saturation, down, utilisation, inlet, power',
  }),
  entity: Type.String(),
  value: Type.Number({ description: 'the figure that broke the limit (a saturated queue reports its load)' }),
  limit: Type.Number(),
  message: Type.String(),
});
export type ScenarioViolation = Static<typeof ScenarioViolationSchema>;

export const HeadroomSchema = Type.Object({
  multiplier: Type.Number({
    description:
      'the largest factor on traffic before a limit that holds at factor 1 breaks: on today’s traffic for the base, on the scenario’s peak traffic for the scenario',
  }),
  bounded: Type.Boolean({ description: 'false when nothing broke up to the search’s maximum' }),
  bottlenecks: Type.Array(ScenarioViolationSchema, {
    description: 'what breaks first just above the headroom',
  }),
  alreadyBroken: Type.Array(ScenarioViolationSchema, {
    description: 'limits broken already at factor 1 (the first 50), which the search does not wait for',
  }),
});

export const ChainStepSchema = Type.Object({
  atSeconds: Type.Number({ description: 'seconds after the scenario’s start' }),
  entity: Type.String(),
  event: StringEnum(chainEvents),
  cause: Type.String({ description: 'the entity or step that caused it' }),
  detail: Type.String(),
});

export const TimelineSampleSchema = Type.Object({
  atSeconds: Type.Number(),
  multiplier: Type.Number({ description: 'mean traffic multiplier over entry points' }),
  violations: Type.Integer(),
  servicesDown: Type.Integer(),
  hostsDown: Type.Integer(),
  maxInletCelsius: Type.Number(),
  maxHostUtilization: Type.Number(),
});

export const MetricComparisonSchema = Type.Object({
  base: nullableNumber('the model’s figure for the base at today’s traffic; null where infinite or absent'),
  scenario: nullableNumber('the worst figure during the scenario; null where infinite (saturated)'),
  change: nullableNumber(),
});

export const EntityPredictionSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.Optional(
    Type.Object({
      base: Type.Union([StringEnum(serviceStatuses), Type.Null()]),
      scenario: StringEnum(serviceStatuses),
    }),
  ),
  metrics: Type.Record(Type.String(), MetricComparisonSchema),
});

/** What `POST /api/scenarios` answers: predictions, violations, the cascade and the headroom. */
export const ScenarioResultSchema = Type.Object({
  scenario: Type.Object({ name: Type.String(), description: Type.Optional(Type.String()) }),
  fork: Type.String({ description: 'the fork holding the scenario’s changes and predicted metrics' }),
  base: Type.String({ description: '`live` or the fork the scenario started from' }),
  durationSeconds: Type.Number(),
  summary: Type.Object({
    services: Type.Integer(),
    hosts: Type.Integer(),
    servicesDown: Type.Integer(),
    servicesSaturated: Type.Integer(),
    violations: Type.Integer(),
    headroomBase: Type.Number(),
    headroomScenario: Type.Number(),
  }),
  headroom: Type.Object({ base: HeadroomSchema, scenario: HeadroomSchema }),
  violations: Type.Array(
    Type.Composite([ScenarioViolationSchema, Type.Object({ atSeconds: Type.Number() })]),
  ),
  chain: Type.Array(ChainStepSchema),
  timeline: Type.Array(TimelineSampleSchema),
  entities: Type.Array(EntityPredictionSchema),
  stationChecks: Type.Optional(
    Type.Array(
      Type.Object({
        service: Type.String(),
        arrivalRate: Type.Number(),
        servers: Type.Integer(),
        utilization: Type.Number(),
        serviceTimeScv: Type.Number(),
        analytic: Type.Object({ meanSeconds: Type.Number(), p99Seconds: Type.Number() }),
        simulated: Type.Object({
          meanSeconds: Type.Number(),
          ciLowSeconds: Type.Number(),
          ciHighSeconds: Type.Number(),
          p99Seconds: Type.Number(),
        }),
        meanError: Type.Number(),
        p99Error: Type.Number(),
      }),
      {
        description:
          'with `check`: the busiest replica stations simulated by the discrete-event engine beside the closed forms',
      },
    ),
  ),
  cost: Type.Optional(
    Type.Object(
      {
        currency: Type.String(),
        before: Type.Number({ description: 'monthly cost of the base' }),
        after: Type.Number({ description: 'monthly cost of the scenario' }),
        delta: Type.Number(),
        changed: Type.Array(
          Type.Object({
            category: StringEnum(['instance', 'storage', 'egress'] as const),
            id: Type.String(),
            item: Type.String(),
            before: Type.Number(),
            after: Type.Number(),
            delta: Type.Number(),
          }),
        ),
      },
      { description: 'monthly cost at list prices (730 h), when the scenario gives prices' },
    ),
  ),
  notes: Type.Array(Type.Object({ entity: Type.String(), message: Type.String() })),
  elapsedMs: Type.Number(),
});
export type ScenarioResult = Static<typeof ScenarioResultSchema>;

export const ScenarioSummarySchema = Type.Object({
  fork: Type.String(),
  name: Type.String(),
  ranAt: Type.Number(),
  summary: ScenarioResultSchema.properties.summary,
});
export type ScenarioSummary = Static<typeof ScenarioSummarySchema>;
