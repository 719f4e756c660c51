import { describe, expect, it } from 'vitest';
import { normalQuantile, studentTQuantile } from './student-t.js';

describe('quantiles', () => {
  it('match tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 6);
    expect(normalQuantile(0.5)).toBe(0);
    // t tables, 97.5 % point.
    expect(studentTQuantile(0.975, 19)).toBeCloseTo(2.093024, 4);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.04523, 4);
    expect(studentTQuantile(0.975, 99)).toBeCloseTo(1.984217, 5);
    expect(studentTQuantile(0.995, 29)).toBeCloseTo(2.756386, 3);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
