import { describe, expect, it } from 'vitest';
import type { Alert } from '../../contract';
import {
  formatClaim,
  formatDuration,
  formatEvidenceValue,
  formatExpected,
  formatPercent,
  formatRelative,
} from './alert-format';

const minute = 60_000;
const hour = 60 * minute;

describe('alert formats', () => {
  it('writes durations in their two largest units', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * minute)).toBe('12 min');
    expect(formatDuration(2 * hour + 30 * minute)).toBe('2 h 30 min');
    expect(formatDuration(3 * hour)).toBe('3 h');
    expect(formatDuration(76 * hour)).toBe('3 d 4 h');
    expect(formatDuration(48 * hour)).toBe('2 d');
    expect(formatDuration(-5 * minute)).toBe('5 min');
  });

  it('writes moments relative to now', () => {
    expect(formatRelative(1_000 + 5 * minute, 1_000)).toBe('in 5 min');
    expect(formatRelative(1_000, 1_000 + 5 * minute)).toBe('5 min ago');
    expect(formatRelative(1_500, 1_000)).toBe('now');
  });

  it("writes a prediction's expected time with its 80 % interval", () => {
    const now = 1_000_000;
    const alert = {
      expectedAtMs: now + 76 * hour,
      expectedRange: [now + 68 * hour, now + 87 * hour],
    } as Alert;
    expect(formatExpected(alert, now)).toEqual({ when: 'in 3 d 4 h', range: '80 %: 2 d 20 h – 3 d 15 h' });
    expect(formatExpected({} as Alert, now)).toBeUndefined();
    expect(formatExpected({ expectedAtMs: now - 5 * minute } as Alert, now)).toEqual({ when: '5 min ago' });
  });

  it('writes confidences, evidence and claims', () => {
    expect(formatPercent(0.934)).toBe('93 %');
    expect(formatEvidenceValue(0.123456)).toBe('0.1235');
    expect(formatEvidenceValue('rack:dc1/a/r01')).toBe('rack:dc1/a/r01');
    expect(formatEvidenceValue(['a', 'b'])).toBe('["a","b"]');
    expect(formatEvidenceValue(null)).toBe('—');
    expect(formatEvidenceValue(true)).toBe('yes');
    expect(formatClaim({ metric: 'disk_used_ratio', direction: 'above', threshold: 0.95 })).toBe(
      'disk_used_ratio above 0.95',
    );
  });
});
