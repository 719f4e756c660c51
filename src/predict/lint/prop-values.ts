import type { Entity, JsonValue, Relation } from '../../model/index.js';

/** Props as the lint rules read them: written by hand or by importers, so never trusted to be typed. */
export function numberProp(owner: Entity | Relation, name: string): number | undefined {
  const value = owner.props[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringProp(owner: Entity | Relation, name: string): string | undefined {
  const value = owner.props[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A JSON object prop, or undefined for anything else. */
export function objectValue(value: JsonValue | undefined): Record<string, JsonValue> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/** `a, b, c and 7 more`: findings on big groups stay readable. */
export function listNames(names: readonly string[], shown = 5): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
