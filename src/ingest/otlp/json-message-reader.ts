import protobuf from 'protobufjs';
import type { FieldPath } from '../source-position.js';

/**
 * Reads a parsed OTLP/JSON value into protobufjs's message model, driven by the schema's
 * reflection, so a JSON body and a protobuf body come out alike. protobufjs's own fromObject is
 * not used because it accepts anything (`Number("abc")` is NaN, a bad 64-bit string wraps) and
 * cannot say where a problem is; this reader checks every value and throws `JsonFieldError` with
 * the field path of the first bad one.
 *
 * OTLP/JSON rules (OTLP spec, "JSON Protobuf Encoding"): keys are lowerCamelCase field names (the
 * proto names are accepted too, as the Collector does); unknown keys are ignored; 64-bit integers
 * are decimal strings or numbers; enums are integers (names are accepted too); bytes are base64,
 * except trace and span ids, which are hex; null stands for an absent field.
 */
export class JsonFieldError extends Error {
  override readonly name = 'JsonFieldError';
  constructor(
    message: string,
    readonly path: FieldPath,
  ) {
    super(message);
  }
}

export type JsonMessage = Record<string, unknown>;

/** protobufjs's own limit on nested messages (AnyValue can nest without end). */
const maxDepth = protobuf.util.recursionLimit;

export function readJsonMessage(json: unknown, type: protobuf.Type): JsonMessage {
  return readMessage(json, type, [], 0);
}

type ValueReader = (value: unknown, path: Array<string | number>, depth: number) => unknown;

interface FieldPlan {
  name: string;
  repeated: boolean;
  /** The oneof this field belongs to: the reader sets its discriminator, as protobufjs does. */
  oneof: string | undefined;
  read: ValueReader;
}

const plans = new WeakMap<protobuf.Type, Map<string, FieldPlan>>();

function readMessage(
  json: unknown,
  type: protobuf.Type,
  path: Array<string | number>,
  depth: number,
): JsonMessage {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new JsonFieldError(`expected an object (${type.name}), found ${describe(json)}`, [...path]);
  }
  if (depth > maxDepth) throw new JsonFieldError(`nested deeper than ${maxDepth} messages`, [...path]);
  const plan = planOf(type);
  const message: JsonMessage = {};
  const object = json as Record<string, unknown>;
  // for-in sees exactly JSON.parse's own keys, without the array Object.entries would build.
  for (const key in object) {
    const value = object[key];
    const field = plan.get(key);
    if (field === undefined || value === null) continue;
    path.push(key);
    message[field.name] = field.repeated
      ? readList(value, field, path, depth)
      : field.read(value, path, depth);
    if (field.oneof !== undefined) message[field.oneof] = field.name;
    path.pop();
  }
  return message;
}

function readList(value: unknown, field: FieldPlan, path: Array<string | number>, depth: number): unknown[] {
  if (!Array.isArray(value)) throw new JsonFieldError(`expected a list, found ${describe(value)}`, [...path]);
  const items = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    path.push(i);
    if (value[i] === null) throw new JsonFieldError('null is not allowed in a list', [...path]);
    items[i] = field.read(value[i], path, depth);
    path.pop();
  }
  return items;
}

function planOf(type: protobuf.Type): Map<string, FieldPlan> {
  let plan = plans.get(type);
  if (plan === undefined) {
    plan = new Map();
    for (const field of type.fieldsArray) {
      const fieldPlan: FieldPlan = {
        name: field.name,
        repeated: field.repeated,
        oneof: field.partOf?.name,
        read: valueReader(field),
      };
      plan.set(field.name, fieldPlan);
      plan.set(
        field.name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
        fieldPlan,
      );
    }
    plans.set(type, plan);
  }
  return plan;
}

/** Exemplar ids: the one place where OTLP/JSON departs from proto3's base64. */
const hexFields = new Set(['traceId', 'spanId']);

function valueReader(field: protobuf.Field): ValueReader {
  const resolved = field.resolve().resolvedType;
  if (resolved instanceof protobuf.Type) {
    return (value, path, depth) => readMessage(value, resolved, path, depth + 1);
  }
  if (resolved instanceof protobuf.Enum) return (value, path) => readEnum(value, resolved, path);
  if (field.type === 'bytes') return hexFields.has(field.name) ? readHex : readBase64;
  const scalar = scalarReaders[field.type];
  if (scalar === undefined) throw new Error(`no JSON reader for protobuf type ${field.type}`);
  return scalar;
}

const scalarReaders: Record<string, ValueReader> = {
  double: readDouble,
  float: readDouble,
  int32: (value, path) => readInt32(value, path, -(2 ** 31), 2 ** 31 - 1),
  sint32: (value, path) => readInt32(value, path, -(2 ** 31), 2 ** 31 - 1),
  sfixed32: (value, path) => readInt32(value, path, -(2 ** 31), 2 ** 31 - 1),
  uint32: (value, path) => readInt32(value, path, 0, 2 ** 32 - 1),
  fixed32: (value, path) => readInt32(value, path, 0, 2 ** 32 - 1),
  int64: (value, path) => readInt64(value, path, false),
  sint64: (value, path) => readInt64(value, path, false),
  sfixed64: (value, path) => readInt64(value, path, false),
  uint64: (value, path) => readInt64(value, path, true),
  fixed64: (value, path) => readInt64(value, path, true),
  bool: (value, path) => {
    if (typeof value !== 'boolean')
      throw new JsonFieldError(`expected true or false, found ${describe(value)}`, [...path]);
    return value;
  },
  string: (value, path) => {
    if (typeof value !== 'string')
      throw new JsonFieldError(`expected a string, found ${describe(value)}`, [...path]);
    return value;
  },
};

const specialDoubles: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};
const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function readDouble(value: unknown, path: Array<string | number>): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const special = specialDoubles[value];
    if (special !== undefined) return special;
    if (jsonNumber.test(value)) return Number(value);
  }
  throw new JsonFieldError(`expected a number, found ${describe(value)}`, [...path]);
}

function readInt32(value: unknown, path: Array<string | number>, min: number, max: number): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max) return number;
  const what = min < 0 ? 'a 32-bit integer' : 'an unsigned 32-bit integer';
  throw new JsonFieldError(`expected ${what}, found ${describe(value)}`, [...path]);
}

const digits = /^-?\d+$/;
const int64Limits = {
  signed: ['9223372036854775807', '9223372036854775808'],
  unsigned: ['18446744073709551615', ''],
};

/**
 * A decimal string or a number, checked for range (protobufjs would wrap silently). Kept as the
 * canonical decimal string, which is all the mapping needs and exact at any size; a number stays
 * a number.
 */
function readInt64(value: unknown, path: Array<string | number>, unsigned: boolean): string | number {
  if (typeof value === 'number' ? Number.isInteger(value) && int64NumberInRange(value, unsigned) : false) {
    return value as number;
  }
  if (typeof value === 'string' && digits.test(value)) {
    const canonical = canonicalDigits(value);
    if (int64StringInRange(canonical, unsigned)) return canonical;
  }
  const what = unsigned ? 'an unsigned 64-bit integer' : 'a 64-bit integer';
  throw new JsonFieldError(`expected ${what} (a decimal string or a number), found ${describe(value)}`, [
    ...path,
  ]);
}

function int64NumberInRange(value: number, unsigned: boolean): boolean {
  return unsigned ? value >= 0 && value < 2 ** 64 : value >= -(2 ** 63) && value < 2 ** 63;
}

/** Without leading zeros or a negative zero, so "007" labels and compares as protobuf's 7 does. */
function canonicalDigits(value: string): string {
  if (!/^-?0./.test(value) && value !== '-0') return value;
  const negative = value.startsWith('-');
  const magnitude = value.replace(/^-?0*/, '') || '0';
  return negative && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

/** Same-length decimal strings compare as their numbers do. */
function int64StringInRange(value: string, unsigned: boolean): boolean {
  const negative = value.startsWith('-');
  if (negative && unsigned) return false;
  const magnitude = negative ? value.slice(1) : value;
  const limit = unsigned ? int64Limits.unsigned[0] : int64Limits.signed[negative ? 1 : 0];
  const max = limit as string;
  return magnitude.length < max.length || (magnitude.length === max.length && magnitude <= max);
}

function readEnum(value: unknown, type: protobuf.Enum, path: Array<string | number>): number {
  // Open enums: an integer the schema does not name is kept, as protobuf does.
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31) return value;
  const named = typeof value === 'string' ? type.values[value] : undefined;
  if (named !== undefined) return named;
  throw new JsonFieldError(`expected a ${type.name} (an integer), found ${describe(value)}`, [...path]);
}

const base64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const hex = /^(?:[0-9a-fA-F]{2})*$/;

function readBase64(value: unknown, path: Array<string | number>): Buffer {
  if (typeof value === 'string' && base64.test(value)) return Buffer.from(value, 'base64');
  throw new JsonFieldError(`expected base64 bytes, found ${describe(value)}`, [...path]);
}

function readHex(value: unknown, path: Array<string | number>): Buffer {
  if (typeof value === 'string' && hex.test(value)) return Buffer.from(value, 'hex');
  throw new JsonFieldError(`expected hex bytes, found ${describe(value)}`, [...path]);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
