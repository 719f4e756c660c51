import { type TUnsafe, Type } from '@sinclair/typebox';

/**
 * A string enum as `{ type: 'string', enum: [...] }`: TypeBox's literal unions become `anyOf` of
 * `const`s, which reads poorly in the OpenAPI document and gives one validation error per branch.
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
