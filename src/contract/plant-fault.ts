import { type Static, Type } from '@sinclair/typebox';
import { JsonValueSchema } from './json-value.js';
import { StringEnum } from './string-enum.js';

/** A fault to inject into the demo plant's emulator: ground truth for prediction. */
export const FaultSpecSchema = Type.Object(
  {
    type: Type.String({ description: 'one of GET /api/plant/fault-types' }),
    target: Type.String({ description: 'entity id' }),
    params: Type.Optional(Type.Record(Type.String(), JsonValueSchema)),
    durationSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  { additionalProperties: false },
);
export type FaultSpec = Static<typeof FaultSpecSchema>;

/** One effect the fault is known to cause: the ground truth a detector is scored against. */
export const ExpectedEffectSchema = Type.Object({
  entityId: Type.String(),
  metric: Type.Optional(Type.String({ description: 'the metric that moves' })),
  prop: Type.Optional(Type.String({ description: 'for misconfigurations: the prop that was patched' })),
  change: StringEnum(['rises', 'falls', 'set'] as const),
  by: Type.Optional(Type.Number({ description: 'size of the change, in the metric’s unit' })),
  threshold: Type.Optional(Type.Number({ description: 'a level the metric is expected to cross' })),
  atMs: Type.Optional(Type.Number({ description: 'when that level is expected to be crossed, epoch ms' })),
  expected: Type.String({ description: 'the same in words' }),
});
export type ExpectedEffect = Static<typeof ExpectedEffectSchema>;

export const FaultSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    target: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), JsonValueSchema)),
    startedAt: Type.Optional(Type.Number()),
    endsAt: Type.Optional(Type.Number()),
    groundTruth: Type.Optional(Type.Array(ExpectedEffectSchema)),
  },
  { additionalProperties: true },
);
export type Fault = Static<typeof FaultSchema>;

export const FaultTypeSchema = Type.Object(
  {
    type: Type.String(),
    description: Type.String(),
    targetKinds: Type.Optional(Type.Array(Type.String())),
    params: Type.Optional(Type.Record(Type.String(), JsonValueSchema)),
  },
  { additionalProperties: true },
);
export type FaultType = Static<typeof FaultTypeSchema>;
