import { describe, expect, it } from 'vitest';
import { SharedBodySlots } from './shared-body-slots.js';

describe('SharedBodySlots', () => {
  it('copies a body into a free slot, and has none for a body too large or when all are taken', () => {
    const slots = new SharedBodySlots(2, 8);
    const first = slots.put(Uint8Array.of(1, 2, 3));
    const second = slots.put(Uint8Array.of(4, 5));
    expect(new Set([first, second])).toEqual(new Set([0, 1]));
    expect([...new Uint8Array(slots.buffer, first * 8, 3)]).toEqual([1, 2, 3]);
    expect([...new Uint8Array(slots.buffer, second * 8, 2)]).toEqual([4, 5]);
    expect(slots.put(Uint8Array.of(6))).toBe(-1);
    slots.release(first);
    expect(slots.put(new Uint8Array(9))).toBe(-1);
    expect(slots.put(Uint8Array.of(7))).toBe(first);
    expect(new Uint8Array(slots.buffer, first * 8, 1)[0]).toBe(7);
    expect(slots.freeSlots).toBe(0);
  });
});
