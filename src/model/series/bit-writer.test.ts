import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';

type Field = { kind: 'bits'; n: number; value: number } | { kind: 'wide'; n: number; value: number };

const field: fc.Arbitrary<Field> = fc.oneof(
  fc.integer({ min: 1, max: 32 }).chain((n) =>
    fc.record({
      kind: fc.constant('bits' as const),
      n: fc.constant(n),
      value: fc.integer({ min: 0, max: 2 ** n - 1 }),
    }),
  ),
  fc.integer({ min: 0, max: 53 }).chain((n) =>
    fc.record({
      kind: fc.constant('wide' as const),
      n: fc.constant(n),
      value: fc.integer({ min: 0, max: 2 ** n - 1 }),
    }),
  ),
);

describe('bit writer and reader', () => {
  it('read back every field written, from any start position (property)', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 40 }), fc.integer({ min: 0, max: 95 }), (fields, start) => {
        const words = new Uint32Array(80);
        const writer = new BitWriter();
        let position = start;
        for (const f of fields) {
          if (f.kind === 'bits') writer.write(f.value, f.n);
          else writer.writeWide(f.value, f.n);
          // Flush now and then, so fields are written at every alignment, not only from one flush.
          if (writer.bits > 20) position = writer.flushTo(words, 2, position);
        }
        const end = writer.flushTo(words, 2, position);
        const reader = new BitReader();
        reader.reset(words, 2, start);
        for (const f of fields) {
          expect(f.kind === 'bits' ? reader.read(f.n) : reader.readWide(f.n)).toBe(f.value);
        }
        expect(reader.position).toBe(end);
        expect(words[0]).toBe(0);
        expect(words[1]).toBe(0);
      }),
    );
  });

  it('writes a slice of a 64-bit pattern', () => {
    const writer = new BitWriter();
    writer.writeSlice64(0x12345678, 0x9abcdef0, 4, 56); // drops the low nibble and the top nibble
    writer.writeSlice64(0xffff0000, 0, 44, 8); // bits 44..51: 0xf0
    writer.writeSlice64(0, 0x80000001, 0, 32);
    const words = new Uint32Array(4);
    writer.flushTo(words, 0, 0);
    const reader = new BitReader();
    reader.reset(words, 0);
    expect(reader.read(24)).toBe(0x234567);
    expect(reader.read(32)).toBe(0x89abcdef);
    expect(reader.read(8)).toBe(0xf0);
    expect(reader.read(32)).toBe(0x80000001);
  });

  it('puts a field before the staged ones', () => {
    const writer = new BitWriter();
    writer.write(0, 1);
    writer.write(0b101, 3);
    writer.insertHead(0b10, 2);
    expect(writer.bits).toBe(6);
    const words = new Uint32Array(1);
    writer.flushTo(words, 0, 0);
    expect(words[0]! >>> 26).toBe(0b100101);
  });
});
