import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';

export const healthValues = ['ok', 'warning', 'critical', 'unknown'] as const;
export const HealthSchema = StringEnum(healthValues);
export type Health = Static<typeof HealthSchema>;

export const HealthReasonSchema = Type.Object({
  metric: Type.String(),
  value: Type.Number(),
  level: StringEnum(['warning', 'critical'] as const),
  limit: Type.Number(),
});
export type HealthReason = Static<typeof HealthReasonSchema>;
