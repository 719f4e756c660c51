import { describe, expect, it } from 'vitest';
import type { AnomalyEvidence } from './anomaly-detector.js';
import { AnomalyEventTracker } from './anomaly-event-tracker.js';

const MINUTE = 60_000;
const evidence =
  (value: number): (() => AnomalyEvidence) =>
  () => ({
    reason: 'unexpected-value',
    value,
    expected: 1,
    typicalError: 0.1,
    likelihoodZ: 5,
  });

describe('AnomalyEventTracker', () => {
  it('groups nearby alarms into one event and keeps the evidence of its peak', () => {
    const tracker = new AnomalyEventTracker({ threshold: 0.5, quietMs: 10 * MINUTE });
    const closed = [
      tracker.update(0, 0.1, evidence(0)),
      tracker.update(1 * MINUTE, 0.6, evidence(1)),
      tracker.update(5 * MINUTE, 0.9, evidence(2)),
      tracker.update(8 * MINUTE, 0.7, evidence(3)),
      tracker.update(30 * MINUTE, 0.1, evidence(4)),
    ];
    expect(closed.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(closed[4]).toMatchObject({
      startMs: MINUTE,
      endMs: 8 * MINUTE,
      peakScore: 0.9,
      peakAtMs: 5 * MINUTE,
    });
    expect(closed[4]?.evidence.value).toBe(2);
    expect(tracker.flush()).toBeUndefined();
  });

  it('closes an open event on flush, and asks for evidence only above the threshold', () => {
    const tracker = new AnomalyEventTracker({ threshold: 0.5 });
    let asked = 0;
    tracker.update(0, 0.2, () => {
      asked++;
      return evidence(0)();
    });
    tracker.update(MINUTE, 0.8, evidence(7));
    expect(asked).toBe(0);
    expect(tracker.flush()).toMatchObject({ startMs: MINUTE, endMs: MINUTE, peakScore: 0.8 });
  });
});
