import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';

export const origins = ['declared', 'observed', 'predicted'] as const;
export const OriginSchema = StringEnum(origins, {
  description: 'declared by a source of truth, observed by telemetry or discovery, or predicted',
});
export type Origin = Static<typeof OriginSchema>;

export const ProvenanceSchema = Type.Object({
  origin: OriginSchema,
  source: Type.String({ description: 'the source that wrote it, e.g. `estate:prod.yaml`, `plant`' }),
  at: Type.Number({ description: 'epoch milliseconds' }),
  changeSet: Type.Optional(
    Type.Integer({ description: 'live sequence number of the change set that wrote it' }),
  ),
  confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});
export type Provenance = Static<typeof ProvenanceSchema>;
