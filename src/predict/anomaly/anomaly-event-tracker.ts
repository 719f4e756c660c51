import type { AnomalyEvidence } from './anomaly-detector.js';

/** One anomaly episode: from the first point at or above the threshold to the last before it calmed. */
export interface AnomalyEvent {
  readonly startMs: number;
  readonly endMs: number;
  readonly peakScore: number;
  readonly peakAtMs: number;
  /** The detector's evidence at the peak: what was expected there and which test fired. */
  readonly evidence: AnomalyEvidence;
}

export interface AnomalyEventTrackerOptions {
  /** A score at or above this opens (or extends) an event. */
  readonly threshold: number;
  /** An open event closes after this long without a score at or above the threshold. */
  readonly quietMs: number;
}

export const DEFAULT_ANOMALY_EVENT_OPTIONS: AnomalyEventTrackerOptions = {
  threshold: 0.5,
  quietMs: 60 * 60_000,
};

/**
 * Turns per-point scores into events. The detector suppresses repeated alarms, so an episode
 * usually shows as one high score and a few later ones; points within `quietMs` of each other
 * belong to the same event.
 */
export class AnomalyEventTracker {
  private readonly options: AnomalyEventTrackerOptions;
  private open:
    | { startMs: number; endMs: number; peakScore: number; peakAtMs: number; evidence: AnomalyEvidence }
    | undefined;

  constructor(options: Partial<AnomalyEventTrackerOptions> = {}) {
    this.options = { ...DEFAULT_ANOMALY_EVENT_OPTIONS, ...options };
  }

  /**
   * Feeds one scored point; returns the event it closed, if any. `evidence` is only called for
   * points at or above the threshold, so tracking costs nothing on normal points.
   */
  update(timestampMs: number, score: number, evidence: () => AnomalyEvidence): AnomalyEvent | undefined {
    const open = this.open;
    const closed = open && timestampMs - open.endMs > this.options.quietMs ? this.flush() : undefined;
    if (!(score >= this.options.threshold)) return closed;
    const current = this.open;
    if (!current) {
      this.open = {
        startMs: timestampMs,
        endMs: timestampMs,
        peakScore: score,
        peakAtMs: timestampMs,
        evidence: evidence(),
      };
      return closed;
    }
    current.endMs = timestampMs;
    if (score > current.peakScore) {
      current.peakScore = score;
      current.peakAtMs = timestampMs;
      current.evidence = evidence();
    }
    return closed;
  }

  /** Closes and returns the open event, if any (at the end of a series). */
  flush(): AnomalyEvent | undefined {
    const open = this.open;
    this.open = undefined;
    return open ? { ...open } : undefined;
  }
}
