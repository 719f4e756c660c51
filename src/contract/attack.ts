import { type Static, Type } from '@sinclair/typebox';

const Probability = Type.Number({ minimum: 0, maximum: 1 });

export const AttackStepSchema = Type.Object({
  rule: Type.Integer({ description: 'the rule’s number in docs/attack.md' }),
  ruleName: Type.String(),
  technique: Type.Optional(Type.String({ description: 'MITRE ATT&CK technique id' })),
  gains: Type.String({ description: 'what the step derives, e.g. execCode(host:db-1,root)' }),
  entities: Type.Array(Type.String()),
  probability: Probability,
  evidence: Type.Array(Type.Object({ fact: Type.String(), relation: Type.Optional(Type.String()) })),
});

export const AttackPathSchema = Type.Object({
  probability: Probability,
  length: Type.Integer({ description: 'attacker actions' }),
  steps: Type.Array(AttackStepSchema),
  cutBy: Type.Array(Type.String(), { description: 'fix ids, any one of which cuts the path' }),
});
export type AttackPath = Static<typeof AttackPathSchema>;

export const CompromiseOddsSchema = Type.Object({
  probability: Probability,
  low: Probability,
  high: Probability,
  meanSteps: Type.Union([Type.Number(), Type.Null()]),
  byStep: Type.Array(Probability, { description: 'P(compromised within k steps), k = 0, 1, …' }),
});

export const JewelReportSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  assets: Type.Array(Type.String()),
  reachable: Type.Boolean(),
  odds: Type.Optional(CompromiseOddsSchema),
  mostLikely: Type.Optional(AttackPathSchema),
  shortest: Type.Optional(AttackPathSchema),
  paths: Type.Array(AttackPathSchema),
});

const AssetExposureSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  privilege: Type.Union([Type.Literal('user'), Type.Literal('root')]),
  odds: Type.Optional(CompromiseOddsSchema),
});

const ManagementPlaneSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  privilege: Type.Union([Type.Literal('user'), Type.Literal('root')]),
  effect: Type.String(),
  blastRadius: Type.Object({
    failed: Type.Integer(),
    degraded: Type.Integer(),
    examples: Type.Array(Type.String()),
  }),
  path: Type.Optional(AttackPathSchema),
});

const FixSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  target: Type.String(),
  description: Type.String(),
  cost: Type.Number(),
});

const HardeningSchema = Type.Object({
  method: Type.Union([Type.Literal('exact'), Type.Literal('greedy')]),
  optimal: Type.Boolean(),
  cost: Type.Number(),
  lowerBound: Type.Number(),
  fixes: Type.Array(FixSchema),
  alternatives: Type.Optional(Type.Array(Type.Array(Type.String()))),
  uncuttable: Type.Array(Type.String()),
  seconds: Type.Number(),
});

export const AttackAnalysisSchema = Type.Object({
  view: Type.String(),
  summary: Type.Object({
    assets: Type.Integer(),
    segments: Type.Integer(),
    reachRules: Type.Integer(),
    vulnerabilityInstances: Type.Integer(),
    credentials: Type.Integer(),
    graphNodes: Type.Integer(),
    graphEdges: Type.Integer(),
    fixes: Type.Integer(),
    compromisable: Type.Integer(),
    jewels: Type.Integer(),
    jewelsReachable: Type.Integer(),
  }),
  jewels: Type.Array(JewelReportSchema),
  assets: Type.Array(AssetExposureSchema),
  managementPlane: Type.Array(ManagementPlaneSchema),
  hardening: Type.Optional(HardeningSchema),
  monteCarlo: Type.Optional(
    Type.Object({
      trials: Type.Integer(),
      seed: Type.Integer(),
      maxSteps: Type.Union([Type.Integer(), Type.Null()]),
      confidence: Type.Number(),
    }),
  ),
  problems: Type.Array(Type.Object({ ref: Type.String(), problem: Type.String() })),
  timings: Type.Record(Type.String(), Type.Number()),
});
export type AttackAnalysisResult = Static<typeof AttackAnalysisSchema>;

export const AttackAnalysisRequestSchema = Type.Object({
  fork: Type.Optional(Type.String({ description: 'analyse this fork instead of the live twin' })),
  jewels: Type.Optional(
    Type.String({ description: 'label selector of the crown jewels; default crown-jewel=true' }),
  ),
  footholds: Type.Optional(
    Type.String({ description: 'label selector of assets the attacker already holds' }),
  ),
  maxPaths: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 5 })),
  rankBy: Type.Optional(
    Type.Union([Type.Literal('likelihood'), Type.Literal('length')], {
      default: 'likelihood',
      description: 'rank the listed paths most likely first, or fewest attacker actions first',
    }),
  ),
  trials: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      description: 'Monte Carlo trials; by default 10,000 on small estates, fewer on large ones (about 2 s)',
    }),
  ),
  seed: Type.Optional(Type.Integer({ default: 1 })),
  maxSteps: Type.Optional(Type.Integer({ minimum: 1 })),
  hardening: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal('exact'), Type.Literal('greedy'), Type.Literal('none')]),
  ),
  keepFixes: Type.Optional(
    Type.Array(Type.String(), { description: 'fix ids the hardening set may not use' }),
  ),
});
export type AttackAnalysisRequest = Static<typeof AttackAnalysisRequestSchema>;

// No additionalProperties: false in the branches: Fastify's Ajv removes additional properties while
// it tries each branch of an anyOf, so the first branch would strip the field the right one needs.
export const DefenseSchema = Type.Union([
  Type.Object({ patch: Type.Object({ vulnerability: Type.String(), on: Type.Optional(Type.String()) }) }),
  Type.Object({ patchRelation: Type.String() }),
  Type.Object({ blockRule: Type.String() }),
  Type.Object({
    addRule: Type.Object({
      from: Type.String(),
      to: Type.String(),
      ports: Type.Optional(Type.String()),
      protocol: Type.Optional(Type.String()),
    }),
  }),
  Type.Object({ isolate: Type.String() }),
  Type.Object({ rotateCredential: Type.String() }),
  Type.Object({ removeTrust: Type.String() }),
  Type.Object({ unexpose: Type.String() }),
]);

export const DefenseRequestSchema = Type.Intersect([
  AttackAnalysisRequestSchema,
  Type.Object({
    defenses: Type.Array(DefenseSchema, { minItems: 1, maxItems: 1000 }),
    keepFork: Type.Optional(Type.Boolean({ default: true })),
  }),
]);
export type DefenseRequest = Static<typeof DefenseRequestSchema>;

export const DefenseEvaluationSchema = Type.Object({
  fork: Type.String(),
  base: Type.String(),
  defenses: Type.Array(DefenseSchema),
  before: AttackAnalysisSchema,
  after: AttackAnalysisSchema,
  comparison: Type.Object({
    jewels: Type.Array(
      Type.Object({
        id: Type.String(),
        reachableBefore: Type.Boolean(),
        reachableAfter: Type.Boolean(),
        probabilityBefore: Type.Union([Type.Number(), Type.Null()]),
        probabilityAfter: Type.Union([Type.Number(), Type.Null()]),
        pathsBefore: Type.Integer(),
        pathsAfter: Type.Integer(),
        shortestBefore: Type.Union([Type.Integer(), Type.Null()]),
        shortestAfter: Type.Union([Type.Integer(), Type.Null()]),
        pathsCut: Type.Array(Type.String(), { description: 'listed paths the defenses cut, one line each' }),
        pathsOpened: Type.Array(Type.String(), { description: 'listed paths that were not there before' }),
      }),
    ),
    secured: Type.Array(Type.String()),
    exposed: Type.Array(Type.String()),
    compromisableBefore: Type.Integer(),
    compromisableAfter: Type.Integer(),
    meanJewelRiskBefore: Type.Union([Type.Number(), Type.Null()]),
    meanJewelRiskAfter: Type.Union([Type.Number(), Type.Null()]),
  }),
});
export type DefenseEvaluationResult = Static<typeof DefenseEvaluationSchema>;

export const ExplanationSchema = Type.Recursive((This) =>
  Type.Object({
    fact: Type.String(),
    kind: Type.Union([Type.Literal('fact'), Type.Literal('derived')]),
    rule: Type.Optional(
      Type.Object({
        number: Type.Integer(),
        name: Type.String(),
        form: Type.String(),
        technique: Type.Optional(Type.String()),
      }),
    ),
    probability: Type.Optional(Type.Number()),
    relation: Type.Optional(Type.String()),
    because: Type.Optional(Type.Array(This)),
    explainedAbove: Type.Optional(Type.Boolean()),
  }),
);

export const ExplanationRequestSchema = Type.Object({
  asset: Type.String({ description: 'the asset: a host, VM, container, cloud instance or device' }),
  privilege: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('root')], { default: 'user' })),
  fork: Type.Optional(Type.String()),
  footholds: Type.Optional(
    Type.String({ description: 'label selector of assets the attacker already holds' }),
  ),
});
export type ExplanationRequest = Static<typeof ExplanationRequestSchema>;

export const AssetExplanationSchema = Type.Object({
  asset: Type.String(),
  privilege: Type.Union([Type.Literal('user'), Type.Literal('root')]),
  holds: Type.Boolean(),
  explanation: Type.Optional(ExplanationSchema),
});
export type AssetExplanationResult = Static<typeof AssetExplanationSchema>;
