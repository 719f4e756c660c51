import { describe, expect, it } from 'vitest';
import { PageArena } from './page-arena.js';

describe('page arena', () => {
  it('hands out zeroed pages, reuses freed ones, and grows by slabs', () => {
    const arena = new PageArena(64);
    const first = arena.allocate();
    arena.words(first).fill(0xffffffff, arena.baseWord(first), arena.baseWord(first) + arena.pageWords);
    arena.setFill(first, 99, 5);
    expect([arena.usedBitsOf(first), arena.samplesOf(first)]).toEqual([99, 5]);
    arena.addSample(first, 120);
    expect([arena.usedBitsOf(first), arena.samplesOf(first)]).toEqual([120, 6]);
    arena.free(first);
    const again = arena.allocate();
    expect(again).toBe(first);
    const words = arena.words(again).subarray(arena.baseWord(again), arena.baseWord(again) + arena.pageWords);
    expect(Array.from(words).every((word) => word === 0)).toBe(true);
    expect([arena.nextOf(again), arena.usedBitsOf(again), arena.samplesOf(again)]).toEqual([again, 0, 0]);
    const pages = new Set([again]);
    for (let i = 0; i < 20_000; i++) pages.add(arena.allocate());
    expect(pages.size).toBe(20_001);
    expect(arena.pagesInUse).toBe(20_001);
    expect(arena.reservedBytes).toBeGreaterThanOrEqual(20_001 * 64);
    expect(arena.metadataBytes).toBe((arena.reservedBytes / 64) * 8);
  });

  it('keeps neighbouring pages apart', () => {
    const arena = new PageArena(32);
    const a = arena.allocate();
    const b = arena.allocate();
    arena.words(a).fill(0xffffffff, arena.baseWord(a), arena.baseWord(a) + arena.pageWords);
    expect(arena.words(b)[arena.baseWord(b)]).toBe(0);
    expect(Math.abs(arena.baseWord(a) - arena.baseWord(b))).toBeGreaterThanOrEqual(arena.pageWords);
  });

  it('refuses page sizes it cannot address', () => {
    for (const size of [0, 30, 33, 8192]) expect(() => new PageArena(size)).toThrow(RangeError);
  });
});
