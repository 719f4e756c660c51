import { describe, expect, it } from 'vitest';
import { formatMetric } from './format-metric';
import { formatCount, formatNumber } from './format-number';

describe('formatMetric', () => {
  it('writes each unit of the kind catalog as people read it', () => {
    expect(formatMetric(0.037, 'ratio')).toBe('3.7 %');
    expect(formatMetric(33.77, 'celsius')).toBe('33.8 °C');
    expect(formatMetric(5256609, 'bytes/s')).toBe('5.01 MiB/s');
    expect(formatMetric(412316860416, 'bytes')).toBe('384 GiB');
    expect(formatMetric(185.4, 'watts')).toBe('185 W');
    expect(formatMetric(30000, 'watts')).toBe('30 kW');
    expect(formatMetric(10e9, 'bit/s')).toBe('10 Gbit/s');
    expect(formatMetric(0.25, 's')).toBe('250 ms');
    expect(formatMetric(42, 'req/s')).toBe('42 req/s');
    expect(formatMetric(7, undefined)).toBe('7');
  });
});

describe('formatNumber and formatCount', () => {
  it('keep three significant digits and group thousands', () => {
    expect(formatNumber(0.0371)).toBe('0.0371');
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatCount(2548)).toBe('2,548');
  });
});
