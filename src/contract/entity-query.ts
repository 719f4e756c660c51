import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import { ViewQuerySchema } from './view-query.js';

const paging = {
  limit: Type.Integer({ minimum: 0, maximum: 10_000, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
};

export const EntityListQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({
    kind: Type.Optional(Type.String()),
    selector: Type.Optional(
      Type.String({ description: 'Kubernetes label selector, e.g. `env=prod,tier in (web,api)`' }),
    ),
    search: Type.Optional(Type.String({ description: 'substring of id or name, case-insensitive' })),
    ...paging,
  }),
]);
export type EntityListQuery = Static<typeof EntityListQuerySchema>;

export const EntityParamsSchema = Type.Object({
  id: Type.String({ description: 'entity id, URL-encoded (`rack%3Adc1%2Fa%2Fr01`) or with raw slashes' }),
});
export type EntityParams = Static<typeof EntityParamsSchema>;

export const ContainmentQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({ depth: Type.Integer({ minimum: 1, maximum: 64, default: 1 }) }),
]);
export type ContainmentQuery = Static<typeof ContainmentQuerySchema>;

export const DependencyQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({
    direction: StringEnum(['providers', 'dependents'] as const, {
      default: 'providers',
      description: 'what this entity needs (providers) or what needs it (dependents)',
    }),
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
  }),
]);
export type DependencyQuery = Static<typeof DependencyQuerySchema>;

export const PathQuerySchema = Type.Composite([
  ViewQuerySchema,
  Type.Object({
    from: Type.String({ minLength: 1 }),
    to: Type.String({ minLength: 1 }),
    types: Type.Optional(
      Type.Array(Type.String(), {
        description: 'relation types to follow, repeated or comma-separated; default all',
      }),
    ),
    maxDepth: Type.Integer({ minimum: 1, maximum: 64, default: 12 }),
  }),
]);
export type PathQuery = Static<typeof PathQuerySchema>;
