import type { Health, TwinSummary } from '../../contract';

/**
 * Tells from the live stream when the summary's health counts may have changed, so the overview
 * refetches them only then. An entity's later messages are compared with its earlier ones; its
 * first one with the summary: if every entity of its kind had this health, it cannot have changed.
 */
export class HealthChangeDetector {
  private readonly lastSeen = new Map<string, Health>();
  private summary: TwinSummary | undefined;

  /** The summary now shown: first sightings are judged against it. */
  compareWith(summary: TwinSummary): void {
    this.summary = summary;
  }

  /** Whether this state message may change the counts. */
  observe(entityId: string, kind: string, health: Health): boolean {
    const previous = this.lastSeen.get(entityId);
    this.lastSeen.set(entityId, health);
    if (previous !== undefined) return previous !== health;
    const counts = this.summary?.byKind[kind];
    return counts === undefined || counts[health] !== counts.total;
  }
}
