import { type Static, Type } from '@sinclair/typebox';
import { JsonValueSchema } from './json-value.js';

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

export const FaultSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    target: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), JsonValueSchema)),
    startedAt: Type.Optional(Type.Number()),
    endsAt: Type.Optional(Type.Number()),
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
