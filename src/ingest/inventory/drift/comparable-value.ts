// Two sources write the same fact differently: NetBox `10.0.0.5/24`, SNMP `10.0.0.5`; a serial in
// upper or lower case; a list in another order. Drift compares values in one normal form so only
// real differences are reported.
import { type JsonValue, jsonEqual } from '../../../model/index.js';

const addressWithPrefix = /^([0-9a-f.:]+)\/\d{1,3}$/i;

/** The normal form: strings trimmed and lower-cased without a prefix length, lists sorted and unique. */
export function comparableValue(value: JsonValue): JsonValue {
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    return addressWithPrefix.exec(text)?.[1] ?? text;
  }
  if (Array.isArray(value)) {
    const items = value.map(comparableValue);
    if (items.every((item) => typeof item !== 'object' || item === null)) {
      return [...new Set(items.map((item) => JSON.stringify(item)))].sort().map((item) => JSON.parse(item));
    }
    return items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparableValue(item)]));
  }
  return value;
}

export function sameComparable(a: JsonValue, b: JsonValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return jsonEqual(comparableValue(a), comparableValue(b));
}
