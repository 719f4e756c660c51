import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBytes, SeriesKeyTable } from './series-key-table.js';

/** Keys as byte strings; a JavaScript Map over their latin1 text is the reference. */
const keyArb = fc.uint8Array({ minLength: 0, maxLength: 40 });

function put(table: SeriesKeyTable, key: Uint8Array, value: number): void {
  table.set(key, 0, key.length, hashBytes(key, 0, key.length), value);
}

function get(table: SeriesKeyTable, key: Uint8Array): number | undefined {
  return table.get(key, 0, key.length, hashBytes(key, 0, key.length));
}

const text = (key: Uint8Array) => Buffer.from(key).toString('latin1');

describe('SeriesKeyTable', () => {
  it('behaves as a Map over the key bytes through growth, overwrites and deletions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(keyArb, fc.integer({ min: -5, max: 1_000_000 })), { maxLength: 400 }),
        fc.array(keyArb, { maxLength: 50 }),
        (entries, probes) => {
          const table = new SeriesKeyTable(4);
          const reference = new Map<string, number>();
          for (const [key, value] of entries) {
            put(table, key, value);
            reference.set(text(key), value);
          }
          expect(table.size).toBe(reference.size);
          for (const [key] of entries) expect(get(table, key)).toBe(reference.get(text(key)));
          for (const key of probes) expect(get(table, key)).toBe(reference.get(text(key)));
          const removed = table.deleteWhere((value) => value < 0);
          const negatives = [...reference].filter(([, value]) => value < 0);
          expect(removed).toBe(negatives.length);
          for (const [key, value] of reference) {
            expect(get(table, Buffer.from(key, 'latin1'))).toBe(value < 0 ? undefined : value);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds a key by its bytes wherever they sit in a larger buffer', () => {
    const table = new SeriesKeyTable();
    const stored = Buffer.from('xx__name__up', 'latin1');
    table.set(stored, 2, stored.length, hashBytes(stored, 2, stored.length), 7);
    const elsewhere = Buffer.from('__name__up-and-more', 'latin1');
    expect(table.get(elsewhere, 0, 10, hashBytes(elsewhere, 0, 10))).toBe(7);
    expect(table.get(elsewhere, 0, 11, hashBytes(elsewhere, 0, 11))).toBeUndefined();
  });

  it('tells apart keys of equal length and equal hash by their bytes, short and long', () => {
    // The hash is the caller's: give every key the same one, so only the bytes decide.
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (key, at, flip) => {
          const table = new SeriesKeyTable();
          table.set(key, 0, key.length, 42, 1);
          const other = Uint8Array.from(key);
          const index = at % key.length;
          other[index] = (other[index] as number) ^ flip;
          expect(table.get(other, 0, other.length, 42)).toBeUndefined();
          expect(table.get(Uint8Array.from(key), 0, key.length, 42)).toBe(1);
        },
      ),
    );
  });

  it('is empty after clear, and usable again', () => {
    const table = new SeriesKeyTable();
    const key = Buffer.from('k');
    put(table, key, 1);
    table.clear();
    expect(get(table, key)).toBeUndefined();
    put(table, key, 2);
    expect(get(table, key)).toBe(2);
  });
});

describe('hashBytes', () => {
  it('is MurmurHash3 x86 32-bit with seed 0 (the reference implementation’s test vectors)', () => {
    const hash = (text: string) => hashBytes(Buffer.from(text, 'latin1'), 0, text.length) >>> 0;
    // From the published vectors for MurmurHash3_x86_32 (seed 0), which cover every tail length.
    expect(hash('')).toBe(0);
    expect(hash('a')).toBe(0x3c2569b2);
    expect(hash('ab')).toBe(0x9bbfd75f);
    expect(hash('abc')).toBe(0xb3dd93fa);
    expect(hash('abcd')).toBe(0x43ed676a);
    expect(hash('Hello, world!')).toBe(0xc0363e43);
    expect(hash('The quick brown fox jumps over the lazy dog')).toBe(0x2e4ff723);
  });

  it('hashes a key the same wherever it lies in a buffer', () => {
    fc.assert(
      fc.property(keyArb, fc.nat(7), (key, offset) => {
        const placed = new Uint8Array(offset + key.length);
        placed.set(key, offset);
        expect(hashBytes(placed, offset, placed.length)).toBe(hashBytes(key, 0, key.length));
      }),
    );
  });
});
