// Typed reads of parsed JSON for the inventory importers, in two flavours over the same checks:
//
// - JsonFields reports a field of the wrong type at its path and goes on without it: Terraform
//   state and AWS describe output, where one odd attribute should not cost the resource.
// - The throwing readers (requireString, optionalStringMap…) throw a FieldError naming the
//   field's path; the caller catches it per item, reports it and skips the item: Kubernetes
//   objects, where a malformed field makes the object's meaning unknown.
//
// NetBox's ItemReader (netbox/netbox-item-reader.ts) is a third reader on purpose; see there.
import { type FieldPath, formatFieldPath } from '../../model/index.js';

/** Where a reader reports a field it cannot use: the formatted path, and what is wrong. */
export type ReportProblem = (path: string, message: string) => void;

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A child of an object, own properties only (a `__proto__` or `constructor` key is data, not the prototype's). */
export function field(object: Readonly<JsonObject>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Absent and null read the same: Terraform writes null for every unset attribute, manifests too. */
function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** What a value is, for a problem: `null`, `an array`, `string "x"` (cut to 40 characters of JSON). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

/** `must be a string, found number 7`. */
function mustBe(expected: string, value: unknown): string {
  return `must be ${expected}, found ${describe(value)}`;
}

/**
 * A map of strings: each other value goes to `refuse` (which reports or throws). Built with
 * fromEntries, which defines properties, so a `__proto__` key stays an ordinary own key.
 */
function stringMapOf(
  object: Readonly<JsonObject>,
  refuse: (key: string, value: unknown) => void,
): Record<string, string> {
  const entries: [string, string][] = [];
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (typeof value === 'string') entries.push([key, value]);
    else refuse(key, value);
  }
  return Object.fromEntries(entries);
}

/**
 * Typed reads of one JSON object (a Terraform resource's attributes, an instance in AWS describe
 * output) that report a field of the wrong type at its path — `resources[3].instances[0].attributes.instance_type`,
 * `instances: Reservations[0].Instances[1].InstanceType` — and go on without it. Null and absent
 * fields read as undefined (Terraform writes null for every unset attribute).
 */
export class JsonFields {
  constructor(
    readonly value: Readonly<JsonObject>,
    readonly path: FieldPath,
    readonly report: ReportProblem,
    /** Put before every path: the input's name, e.g. `instances: `. */
    readonly prefix = '',
  ) {}

  /** The fields of `value`, or undefined (and a problem) when it is not an object. */
  static of(value: unknown, path: FieldPath, report: ReportProblem, prefix = ''): JsonFields | undefined {
    if (isRecord(value)) return new JsonFields(value, path, report, prefix);
    report(prefix + formatFieldPath(path), mustBe('an object', value));
    return undefined;
  }

  where(...parts: Array<string | number>): string {
    return this.prefix + formatFieldPath([...this.path, ...parts]);
  }

  problem(key: string | number | undefined, message: string): void {
    this.report(key === undefined ? this.where() : this.where(key), message);
  }

  has(key: string): boolean {
    return !absent(field(this.value, key));
  }

  /** A present value, or undefined; `required` reports an absent (or empty-string) one. */
  #present(key: string, required: boolean): unknown {
    const value = field(this.value, key);
    if (!absent(value) && value !== '') return value;
    if (required) this.problem(key, 'is required');
    return undefined;
  }

  /** A non-empty string; `required` reports a missing one. */
  string(key: string, required = false): string | undefined {
    const value = this.#present(key, required);
    if (value === undefined || typeof value === 'string') return value;
    this.problem(key, mustBe('a string', value));
    return undefined;
  }

  /** A finite number, or a string holding an integer (some providers write ports as strings). */
  number(key: string, required = false): number | undefined {
    const value = this.#present(key, required);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
    this.problem(key, mustBe('a number', value));
    return undefined;
  }

  integer(key: string, required = false): number | undefined {
    const value = this.number(key, required);
    if (value === undefined || Number.isInteger(value)) return value;
    this.problem(key, `must be an integer, found ${value}`);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const value = field(this.value, key);
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    if (!absent(value)) this.problem(key, mustBe('a boolean', value));
    return undefined;
  }

  /** An array of strings; empty strings are dropped, other entries reported. */
  strings(key: string): string[] {
    const value = field(this.value, key);
    if (absent(value)) return [];
    if (!Array.isArray(value)) {
      this.problem(key, mustBe('an array of strings', value));
      return [];
    }
    const out: string[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string') {
        if (item !== '') out.push(item);
      } else this.report(this.where(key, index), mustBe('a string', item));
    });
    return out;
  }

  /** Nested objects: Terraform's blocks are arrays of objects; a lone object counts as one. */
  objects(key: string): JsonFields[] {
    const value = field(this.value, key);
    if (absent(value)) return [];
    if (isRecord(value)) return [new JsonFields(value, [...this.path, key], this.report, this.prefix)];
    if (!Array.isArray(value)) {
      this.problem(key, mustBe('an array of objects', value));
      return [];
    }
    const out: JsonFields[] = [];
    value.forEach((item, index) => {
      const fields = JsonFields.of(item, [...this.path, key, index], this.report, this.prefix);
      if (fields) out.push(fields);
    });
    return out;
  }

  object(key: string): JsonFields | undefined {
    const value = field(this.value, key);
    if (absent(value)) return undefined;
    return JsonFields.of(value, [...this.path, key], this.report, this.prefix);
  }

  /** A map of strings (Terraform's `tags`); other values are reported and left out. */
  stringMap(key: string): Record<string, string> {
    const value = field(this.value, key);
    if (absent(value)) return {};
    if (!isRecord(value)) {
      this.problem(key, mustBe('a map of strings', value));
      return {};
    }
    return stringMapOf(value, (name, item) => this.report(this.where(key, name), mustBe('a string', item)));
  }
}

// The throwing readers. Each takes the value and its path (`field(object, key)`, `[...at, key]`).

/** A field that makes its item unusable: the caller reports it at `path` and skips the item. */
export class FieldError extends Error {
  override readonly name = 'FieldError';
  constructor(
    readonly path: FieldPath,
    message: string,
  ) {
    super(message);
  }
}

function wrongType(path: FieldPath, expected: string, value: unknown): FieldError {
  return new FieldError(path, mustBe(expected, value));
}

export function requireObject(value: unknown, path: FieldPath): JsonObject {
  if (!isRecord(value)) throw wrongType(path, 'an object', value);
  return value;
}

/** Absent and null read as undefined: the API server omits empty fields, manifests write null. */
export function optionalObject(value: unknown, path: FieldPath): JsonObject | undefined {
  return absent(value) ? undefined : requireObject(value, path);
}

export function requireString(value: unknown, path: FieldPath): string {
  if (typeof value !== 'string' || value === '') throw wrongType(path, 'a non-empty string', value);
  return value;
}

/** A string, the empty one included (unlike JsonFields.string, which reads it as absent). */
export function optionalString(value: unknown, path: FieldPath): string | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'string') throw wrongType(path, 'a string', value);
  return value;
}

/** A JSON boolean (unlike JsonFields.boolean, not `"true"`: typed APIs write real ones). */
export function optionalBoolean(value: unknown, path: FieldPath): boolean | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'boolean') throw wrongType(path, 'a boolean', value);
  return value;
}

/** A JSON integer from `min` to `max` (unlike JsonFields.integer, not one written as a string). */
export function optionalInteger(
  value: unknown,
  path: FieldPath,
  min = 0,
  max = 2 ** 31 - 1,
): number | undefined {
  if (absent(value)) return undefined;
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
  if (absent(value)) return [];
  if (!Array.isArray(value)) throw wrongType(path, 'an array', value);
  return value.map((element, index) => read(element, [...path, index]));
}

/** A map of strings (labels, a selector's matchLabels); the first other value throws. */
export function optionalStringMap(value: unknown, path: FieldPath): Record<string, string> {
  const object = optionalObject(value, path);
  if (object === undefined) return {};
  return stringMapOf(object, (key, entry) => {
    throw wrongType([...path, key], 'a string', entry);
  });
}

/** A problem's path: `items[3].status.addresses`, after a prefix naming the response when there is one. */
export function problemPath(prefix: string | undefined, path: FieldPath): string {
  const text = formatFieldPath(path);
  return prefix ? (text === '' ? prefix : `${prefix}: ${text}`) : text || '(document)';
}
