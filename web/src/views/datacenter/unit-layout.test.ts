import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRackUnits, layoutUnits, type RackDevice, unitRange } from './unit-layout';

describe('layoutUnits', () => {
  it('draws devices from the top down over their height, with the empty units between', () => {
    const layout = layoutUnits(6, [
      { id: 'host:a', position: 2, heightUnits: 2 },
      { id: 'host:b', position: 5, heightUnits: 1 },
    ]);
    expect(layout.slots).toEqual([
      { type: 'empty', unit: 6 },
      { type: 'device', id: 'host:b', bottom: 5, top: 5 },
      { type: 'empty', unit: 4 },
      { type: 'device', id: 'host:a', bottom: 2, top: 3 },
      { type: 'empty', unit: 1 },
    ]);
    expect(layout.unlaid).toEqual([]);
  });

  it('lists apart devices without a position, overlapping another, or beyond the top', () => {
    const layout = layoutUnits(4, [
      { id: 'pdu:a', position: undefined, heightUnits: undefined },
      { id: 'host:a', position: 1, heightUnits: 2 },
      { id: 'host:b', position: 2, heightUnits: 1 },
      { id: 'host:c', position: 4, heightUnits: 2 },
    ]);
    expect(layout.slots.filter((slot) => slot.type === 'device').map((slot) => slot.id)).toEqual(['host:a']);
    expect(layout.unlaid).toEqual([
      { id: 'host:b', reason: 'U2–U2 overlaps host:a' },
      { id: 'host:c', reason: 'U4–U5 is beyond the rack’s 4 U' },
      { id: 'pdu:a', reason: 'no position in the rack' },
    ]);
  });

  it('takes a height of one unit when none is given, and 42 units when the rack does not say', () => {
    const layout = layoutUnits(undefined, [{ id: 'switch:a', position: 42, heightUnits: undefined }]);
    expect(layout.units).toBe(defaultRackUnits);
    expect(layout.slots[0]).toEqual({ type: 'device', id: 'switch:a', bottom: 42, top: 42 });
  });

  it('writes unit ranges', () => {
    expect(unitRange(7, 7)).toBe('U7');
    expect(unitRange(7, 8)).toBe('U7–U8');
  });

  it('covers every unit once, never overlaps, and draws or lists every device exactly once', () => {
    const device = fc.record({
      id: fc.string({ minLength: 1, maxLength: 5 }),
      position: fc.oneof(fc.integer({ min: -1, max: 50 }), fc.constant(undefined), fc.constant('3')),
      heightUnits: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(undefined)),
    });
    const devices = fc.uniqueArray(device, { selector: (d) => d.id, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(undefined)),
        devices,
        (units, list) => {
          const layout = layoutUnits(units, list as RackDevice[]);
          // The slots run from the top unit down to 1 without gap or overlap.
          let next = layout.units;
          for (const slot of layout.slots) {
            const top = slot.type === 'device' ? slot.top : slot.unit;
            const bottom = slot.type === 'device' ? slot.bottom : slot.unit;
            expect(top).toBe(next);
            expect(bottom).toBeLessThanOrEqual(top);
            next = bottom - 1;
          }
          expect(next).toBe(0);
          const drawn = layout.slots.flatMap((slot) => (slot.type === 'device' ? [slot.id] : []));
          const ids = [...drawn, ...layout.unlaid.map((d) => d.id)];
          expect(ids.sort()).toEqual(list.map((d) => d.id).sort());
          for (const slot of layout.slots) {
            if (slot.type !== 'device') continue;
            const source = list.find((d) => d.id === slot.id);
            expect(slot.bottom).toBe(source?.position);
            const height =
              typeof source?.heightUnits === 'number' && source.heightUnits >= 1 ? source.heightUnits : 1;
            expect(slot.top - slot.bottom + 1).toBe(height);
          }
        },
      ),
    );
  });
});
