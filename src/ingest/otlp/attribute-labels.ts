import { int64ToBigInt } from './int64.js';
import type { AnyValue, KeyValue } from './otlp-types.js';

export type Labels = Record<string, string>;

/**
 * Adds OTLP attributes to `labels` as strings, later ones winning. Scalars print as themselves;
 * arrays and key-value lists as JSON, and bytes as base64, as the OpenTelemetry spec asks of
 * protocols without those types ("AnyValue representation for non-OTLP protocols").
 */
export function addAttributes(labels: Labels, attributes: readonly KeyValue[] | null | undefined): void {
  if (!attributes) return;
  for (const attribute of attributes) {
    const key = attribute.key;
    if (key) setLabel(labels, key, anyValueToLabel(attribute.value));
  }
}

/** Assignment would call the `__proto__` setter instead of adding a label of that name. */
export function setLabel(labels: Labels, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(labels, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    labels[key] = value;
  }
}

export function anyValueToLabel(value: AnyValue | null | undefined): string {
  switch (value?.value) {
    case 'stringValue':
      return value.stringValue ?? '';
    case 'arrayValue':
    case 'kvlistValue':
      return JSON.stringify(anyValueToJson(value));
    case undefined:
      return '';
    default:
      return String(anyValueToJson(value));
  }
}

type JsonLike = string | number | boolean | null | JsonLike[] | { [key: string]: JsonLike };

function anyValueToJson(value: AnyValue | null | undefined): JsonLike {
  switch (value?.value) {
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue === true;
    case 'intValue':
      return intToJson(value.intValue);
    case 'doubleValue':
      return doubleToJson(value.doubleValue ?? 0);
    case 'bytesValue':
      return Buffer.from(value.bytesValue ?? []).toString('base64');
    case 'arrayValue':
      return (value.arrayValue?.values ?? []).map(anyValueToJson);
    case 'kvlistValue':
      // fromEntries defines own properties, so a key named __proto__ stays a key.
      return Object.fromEntries(
        (value.kvlistValue?.values ?? []).map((entry) => [entry.key ?? '', anyValueToJson(entry.value)]),
      );
    default:
      return null;
  }
}

/** Integers beyond 2^53 keep their digits as a string rather than round in JSON. */
function intToJson(value: AnyValue['intValue']): number | string {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  const exact = int64ToBigInt(value);
  const number = Number(exact);
  return Number.isSafeInteger(number) ? number : exact.toString();
}

/** JSON has no NaN or infinities; print them as JavaScript does. */
function doubleToJson(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}
