import { type TSchema, Type } from '@sinclair/typebox';

/** One page of a longer result: `total` counts every match, `items` holds `limit` from `offset`. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    offset: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 0 }),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

/** A complete, unpaged list; an object rather than a bare array so fields can be added later. */
export function ListSchema<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item) });
}

export interface List<T> {
  items: T[];
}
