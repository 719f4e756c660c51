import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';

export const PropSpecSchema = Type.Object({
  type: StringEnum(['string', 'number', 'integer', 'boolean', 'object', 'array'] as const),
  unit: Type.Optional(Type.String()),
  description: Type.String(),
});
export type PropSpec = Static<typeof PropSpecSchema>;

export const ThresholdsSchema = Type.Object({
  warning: Type.Number(),
  critical: Type.Number(),
  direction: Type.Optional(StringEnum(['above', 'below'] as const)),
  basis: Type.Optional(Type.String()),
});
export type Thresholds = Static<typeof ThresholdsSchema>;

export const MetricSpecSchema = Type.Object({
  unit: Type.String(),
  description: Type.String(),
  thresholds: Type.Optional(ThresholdsSchema),
});
export type MetricSpec = Static<typeof MetricSpecSchema>;

/** A kind of the catalog: its props, metrics with units and thresholds, and allowed relations. */
export const KindSpecSchema = Type.Object({
  kind: Type.String(),
  description: Type.String(),
  props: Type.Record(Type.String(), PropSpecSchema),
  metrics: Type.Record(Type.String(), MetricSpecSchema),
  relations: Type.Record(Type.String(), Type.Array(Type.String()), {
    description: 'outgoing relation type → kinds allowed at the other end (`*` any)',
  }),
  dtmi: Type.Optional(
    Type.String({ description: 'for a kind defined from DTDL: its interface id with version' }),
  ),
  displayName: Type.Optional(Type.String()),
  dtdl: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'for a kind defined from DTDL: the interface as uploaded',
    }),
  ),
});
export type KindSpec = Static<typeof KindSpecSchema>;
