import type { EntityId } from '../../model/index.js';

/** A source strict mode would not admit: nothing in the twin answers to its name. */
export interface QuarantineEntry {
  /** The entity it would be, were it admitted. */
  proposedId: EntityId;
  kind: string;
  /** The label that named it and its value: `instance=10.0.0.7:9100`. */
  label: string;
  value: string;
  source: string;
  firstSeen: number;
  lastSeen: number;
  samples: number;
  /** A few of its series, to help recognise it. */
  exampleSeries: string[];
}

/** Sources held aside in strict mode, bounded so a flood of names cannot exhaust memory. */
export class Quarantine {
  readonly #entries = new Map<EntityId, QuarantineEntry>();
  #overflow = 0;

  constructor(readonly maxEntries = 10_000) {}

  record(
    entry: Omit<QuarantineEntry, 'firstSeen' | 'lastSeen' | 'samples' | 'exampleSeries'>,
    series: string,
    samples: number,
    nowMs: number,
  ): void {
    const existing = this.#entries.get(entry.proposedId);
    if (existing) {
      existing.lastSeen = nowMs;
      existing.samples += samples;
      if (existing.exampleSeries.length < 5 && !existing.exampleSeries.includes(series))
        existing.exampleSeries.push(series);
      return;
    }
    if (this.#entries.size >= this.maxEntries) {
      this.#overflow++;
      return;
    }
    this.#entries.set(entry.proposedId, {
      ...entry,
      firstSeen: nowMs,
      lastSeen: nowMs,
      samples,
      exampleSeries: [series],
    });
  }

  addSamples(proposedId: EntityId, samples: number, nowMs: number): void {
    const entry = this.#entries.get(proposedId);
    if (!entry) return;
    entry.samples += samples;
    entry.lastSeen = nowMs;
  }

  list(): QuarantineEntry[] {
    return [...this.#entries.values()].sort((a, b) => b.lastSeen - a.lastSeen);
  }

  get(proposedId: EntityId): QuarantineEntry | undefined {
    return this.#entries.get(proposedId);
  }

  release(proposedId: EntityId): boolean {
    return this.#entries.delete(proposedId);
  }

  /** Sources not recorded because the quarantine was full. */
  get overflow(): number {
    return this.#overflow;
  }
}
