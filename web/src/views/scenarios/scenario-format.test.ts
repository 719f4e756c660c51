import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChange, formatOffset, formatRelative, formatValue } from './scenario-format';

describe('scenario formatting', () => {
  it('writes values in their units, infinite as ∞', () => {
    expect(formatValue('latency_p99_seconds', 0.16467)).toBe('165 ms');
    expect(formatValue('latency_p99_seconds', null)).toBe('∞');
    expect(formatValue('cpu_utilization', 0.0407)).toBe('4.07 %');
    expect(formatValue('power_watts', 2830.5)).toBe('2.83 kW');
    expect(formatValue('inlet_temperature_celsius', 20.47)).toBe('20.5 °C');
    expect(formatValue('replicas', 19)).toBe('19');
  });

  it('writes changes with their sign, ratios in percentage points', () => {
    expect(formatChange('latency_p99_seconds', 0.0064237)).toBe('+6.42 ms');
    expect(formatChange('power_watts', -187.029)).toBe('−187 W');
    expect(formatChange('cpu_utilization', 0.0396)).toBe('+3.96 pp');
    expect(formatChange('replicas', 0)).toBe('±0');
    expect(formatChange('replicas', null)).toBe('∞');
    expect(formatRelative(0.5)).toBe('+50 %');
    expect(formatRelative(-1)).toBe('−100 %');
    expect(formatRelative(null)).toBe('–');
  });

  it('writes offsets as the chain does, and reads back the seconds', () => {
    expect(formatOffset(0)).toBe('t+0s');
    expect(formatOffset(276)).toBe('t+4m36s');
    expect(formatOffset(3600)).toBe('t+1h');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 90 * 86_400 }), (seconds) => {
        const match = /^t\+(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(formatOffset(seconds));
        if (match === null) return false;
        const [, h = '0', m = '0', s = '0'] = match;
        return Number(h) * 3600 + Number(m) * 60 + Number(s) === seconds;
      }),
    );
  });
});
