// Typed reads of the few fields the importer maps out of a parsed Kubernetes object. A read that
// finds the wrong type throws a FieldError naming the field's path; the reader catches it per item,
// reports it and skips the item, so one malformed object never hides the others.
import { type FieldPath, formatFieldPath } from '../../../model/index.js';

export class FieldError extends Error {
  override readonly name = 'FieldError';
  constructor(
    readonly path: FieldPath,
    message: string,
  ) {
    super(message);
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

function wrongType(path: FieldPath, expected: string, value: unknown): FieldError {
  return new FieldError(path, `must be ${expected}, found ${describe(value)}`);
}

/** A child of an object, own properties only (a `__proto__` key in JSON is data, not a prototype). */
export function field(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function requireObject(value: unknown, path: FieldPath): JsonObject {
  if (!isObject(value)) throw wrongType(path, 'an object', value);
  return value;
}

/** Absent and null read as undefined: the API server omits empty fields, manifests write null. */
export function optionalObject(value: unknown, path: FieldPath): JsonObject | undefined {
  return value === undefined || value === null ? undefined : requireObject(value, path);
}

export function requireString(value: unknown, path: FieldPath): string {
  if (typeof value !== 'string' || value === '') throw wrongType(path, 'a non-empty string', value);
  return value;
}

export function optionalString(value: unknown, path: FieldPath): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(path, 'a string', value);
  return value;
}

export function optionalBoolean(value: unknown, path: FieldPath): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(path, 'a boolean', value);
  return value;
}

export function optionalInteger(
  value: unknown,
  path: FieldPath,
  min = 0,
  max = 2 ** 31 - 1,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw wrongType(path, `an integer from ${min} to ${max}`, value);
  }
  return value as number;
}

/** Each element read by `read` with its own path; absent or null is an empty list. */
export function optionalArray<T>(
  value: unknown,
  path: FieldPath,
  read: (element: unknown, path: FieldPath) => T,
): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrongType(path, 'an array', value);
  return value.map((element, index) => read(element, [...path, index]));
}

/** A map of strings (labels, a selector's matchLabels), built without a prototype-setting key. */
export function optionalStringMap(value: unknown, path: FieldPath): Record<string, string> {
  const object = optionalObject(value, path);
  if (object === undefined) return {};
  const entries: [string, string][] = [];
  for (const key of Object.keys(object)) {
    const entry = object[key];
    if (typeof entry !== 'string') throw wrongType([...path, key], 'a string', entry);
    entries.push([key, entry]);
  }
  // fromEntries defines properties, so a "__proto__" key stays an ordinary own key.
  return Object.fromEntries(entries);
}

/** A problem's path: `items[3].status.addresses`, after a prefix naming the response when there is one. */
export function problemPath(prefix: string | undefined, path: FieldPath): string {
  const text = formatFieldPath(path);
  return prefix ? (text === '' ? prefix : `${prefix}: ${text}`) : text || '(document)';
}
