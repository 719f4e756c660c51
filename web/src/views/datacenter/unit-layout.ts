/**
 * A rack's elevation: its units from the top down, each device over the `heightUnits` above its
 * `position` (the lowest unit it occupies), the units nobody holds left empty. A device without a
 * position (a zero-U PDU, a sensor), or that would overlap another or stick out of the rack, is
 * listed apart instead of drawn wrongly.
 */

export interface RackDevice {
  id: string;
  position: unknown;
  heightUnits: unknown;
}

export type UnitSlot =
  /** A device from unit `bottom` up to unit `top`, both included. */
  { type: 'device'; id: string; bottom: number; top: number } | { type: 'empty'; unit: number };

export interface UnlaidDevice {
  id: string;
  reason: string;
}

export interface UnitLayout {
  units: number;
  /** Top to bottom; together they cover units `units` down to 1, each once. */
  slots: UnitSlot[];
  unlaid: UnlaidDevice[];
}

/** The height used when a rack does not say: the most common cabinet. */
export const defaultRackUnits = 42;
/** Beyond this a `units` prop is a typo, not a rack. */
const tallestRack = 100;

function wholeAtLeastOne(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

const natural = new Intl.Collator('en', { numeric: true });

/** Lays devices out in a rack of `rackUnits` (the rack's `units` prop) units. */
export function layoutUnits(rackUnits: unknown, devices: readonly RackDevice[]): UnitLayout {
  const declared = wholeAtLeastOne(rackUnits);
  const units = declared !== undefined && declared <= tallestRack ? declared : defaultRackUnits;
  const holder: (string | undefined)[] = new Array(units + 1).fill(undefined);
  const placed = new Map<number, { id: string; top: number }>();
  const unlaid: UnlaidDevice[] = [];
  const ordered = [...devices].sort(
    (a, b) =>
      (wholeAtLeastOne(a.position) ?? Number.POSITIVE_INFINITY) -
        (wholeAtLeastOne(b.position) ?? Number.POSITIVE_INFINITY) || natural.compare(a.id, b.id),
  );
  for (const device of ordered) {
    const bottom = wholeAtLeastOne(device.position);
    if (bottom === undefined) {
      unlaid.push({ id: device.id, reason: 'no position in the rack' });
      continue;
    }
    const height = wholeAtLeastOne(device.heightUnits) ?? 1;
    const top = bottom + height - 1;
    if (top > units) {
      unlaid.push({ id: device.id, reason: `U${bottom}–U${top} is beyond the rack’s ${units} U` });
      continue;
    }
    const clash = holder.slice(bottom, top + 1).find((id) => id !== undefined);
    if (clash !== undefined) {
      unlaid.push({ id: device.id, reason: `U${bottom}–U${top} overlaps ${clash}` });
      continue;
    }
    for (let unit = bottom; unit <= top; unit++) holder[unit] = device.id;
    placed.set(top, { id: device.id, top });
  }

  const slots: UnitSlot[] = [];
  for (let unit = units; unit >= 1; ) {
    const device = placed.get(unit);
    if (device === undefined) {
      slots.push({ type: 'empty', unit });
      unit--;
      continue;
    }
    let bottom = unit;
    while (bottom > 1 && holder[bottom - 1] === device.id) bottom--;
    slots.push({ type: 'device', id: device.id, bottom, top: unit });
    unit = bottom - 1;
  }
  return { units, slots, unlaid };
}

/** "U7" or "U7–U8". */
export function unitRange(bottom: number, top: number): string {
  return bottom === top ? `U${bottom}` : `U${bottom}–U${top}`;
}
