import { describe, expect, it } from 'vitest';
import type { TwinSummary } from '../../contract';
import { HealthChangeDetector } from './health-change-detector';

const summary = {
  byKind: {
    host: { total: 3, ok: 3, warning: 0, critical: 0, unknown: 0 },
    rack: { total: 2, ok: 1, warning: 1, critical: 0, unknown: 0 },
  },
} as unknown as TwinSummary;

describe('HealthChangeDetector', () => {
  it('ignores first sightings that match the whole kind, and every repeat of the same health', () => {
    const detector = new HealthChangeDetector();
    detector.compareWith(summary);
    expect(detector.observe('host:a', 'host', 'ok')).toBe(false);
    expect(detector.observe('host:a', 'host', 'ok')).toBe(false);
  });

  it('flags a change of health, and a first sighting its kind does not settle', () => {
    const detector = new HealthChangeDetector();
    detector.compareWith(summary);
    expect(detector.observe('host:a', 'host', 'critical')).toBe(true);
    expect(detector.observe('rack:r1', 'rack', 'ok')).toBe(true);
    expect(detector.observe('rack:r1', 'rack', 'ok')).toBe(false);
    expect(detector.observe('rack:r1', 'rack', 'warning')).toBe(true);
    expect(detector.observe('pdu:new', 'pdu', 'ok')).toBe(true);
  });

  it('flags everything until it has a summary to compare with', () => {
    expect(new HealthChangeDetector().observe('host:a', 'host', 'ok')).toBe(true);
  });
});
