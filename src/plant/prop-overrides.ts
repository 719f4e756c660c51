import type { JsonValue } from '../model/index.js';

/**
 * Props a misconfiguration has changed, by estate index: the emulator reads these before the
 * estate's own props, so the plant behaves as the wrong configuration makes it behave.
 */
export type PropOverrides = ReadonlyMap<number, Readonly<Record<string, JsonValue>>>;

export function overriddenNumber(
  overrides: PropOverrides,
  entity: number,
  prop: string,
  fallback: number,
): number {
  const value = overrides.get(entity)?.[prop];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
