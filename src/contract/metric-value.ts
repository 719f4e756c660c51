import { type Static, Type } from '@sinclair/typebox';
import { OriginSchema } from './provenance.js';

/** The latest value of one metric of one entity. */
export const MetricValueSchema = Type.Object({
  value: Type.Number(),
  ts: Type.Number({ description: 'epoch milliseconds of the sample' }),
  origin: OriginSchema,
  source: Type.String(),
  confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});
export type MetricValue = Static<typeof MetricValueSchema>;

export const MetricsSchema = Type.Record(Type.String(), MetricValueSchema, {
  description: 'metric name → latest value',
});
export type Metrics = Static<typeof MetricsSchema>;
