import { Type } from '@sinclair/typebox';

/** Any JSON value: props are typed by the kind catalog (GET /api/kinds), not by the contract. */
export const JsonValueSchema = Type.Unknown({ description: 'any JSON value' });

export const LabelsSchema = Type.Record(Type.String(), Type.String(), {
  description: 'Kubernetes-style labels: key → value',
});
export type Labels = Record<string, string>;

export const PropsSchema = Type.Record(Type.String(), JsonValueSchema, {
  description: 'static configuration, typed by the kind catalog',
});
export type Props = Record<string, unknown>;
