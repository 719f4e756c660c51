import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelSize, wrapped } from './plan-paint';

/** Every character one unit wide: what fits is easy to tell. */
const monospace = { measureText: (text: string) => ({ width: text.length }) as TextMetrics };

describe('labels in the plan', () => {
  it('breaks between words where it can and anywhere where it must', () => {
    expect(wrapped(monospace, 'recommendations-11', 10, 2)).toEqual(['recommenda', 'tions-11']);
    expect(wrapped(monospace, 'blob gateway 46', 10, 2)).toEqual(['blob', 'gateway 46']);
    expect(wrapped(monospace, 'vm1', 10, 2)).toEqual(['vm1']);
  });

  it('cuts what does not fit in the last line with an ellipsis', () => {
    expect(wrapped(monospace, 'catalog-db-replica-3-extra-long', 10, 2)).toEqual([
      'catalog-db',
      '-replica-…',
    ]);
  });

  it('never answers more lines than asked, nor a line wider than the width, and loses nothing that fits', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (text, width, lines) => {
          const answer = wrapped(monospace, text, width, lines);
          expect(answer.length).toBeLessThanOrEqual(lines);
          for (const line of answer) expect(line.length).toBeLessThanOrEqual(width);
          if (!answer.some((line) => line.endsWith('…'))) {
            expect(answer.join('').replaceAll(' ', '')).toBe(text.trimStart().replaceAll(' ', ''));
          }
        },
      ),
    );
  });

  it('sizes box labels by kind, biggest for the biggest boxes', () => {
    expect(labelSize({ box: true, kind: 'site' })).toBeGreaterThan(labelSize({ box: true, kind: 'room' }));
    expect(labelSize({ box: true, kind: 'room' })).toBeGreaterThan(labelSize({ box: true, kind: 'rack' }));
    expect(labelSize({ box: false, kind: 'vm' })).toBeLessThan(labelSize({ box: true, kind: 'host' }));
  });
});
