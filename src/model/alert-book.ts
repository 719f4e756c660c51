import type { AlertRecord, AlertSeverity, AlertStatus, Prediction, PredictionOutcome } from './alert.js';
import type { EntityId } from './entity.js';
import { ConflictError, NotFoundError } from './errors.js';
import { jsonEqual } from './json-value.js';
import type { TwinStore } from './twin-store.js';

export type AlertAction = 'opened' | 'updated' | 'acknowledged' | 'resolved' | 'scored';

export interface AlertChange {
  action: AlertAction;
  alert: AlertRecord;
}

export type AlertListener = (changes: readonly AlertChange[]) => void;

export interface AlertFilter {
  status?: AlertStatus | readonly AlertStatus[];
  kind?: string;
  source?: string;
  entityId?: EntityId;
  severity?: AlertSeverity;
}

export interface KindAccuracy {
  kind: string;
  alerts: number;
  scored: number;
  hits: number;
  misses: number;
  averted: number;
  /** hits / (hits + misses); absent before anything was judged. */
  precision?: number;
  /** Median of |actual − expected| time of the event, over hits. */
  medianAbsTimeErrorMs?: number;
  /** Median lead time of hits: how long before the event the alert was first raised. */
  medianLeadTimeMs?: number;
  /** Median of |value at the expected time − threshold|, over judged predictions that saw one. */
  medianAbsValueError?: number;
}

export interface AlertBookOptions {
  clock?: () => number;
  /** Resolved alerts kept in memory for listing and accuracy; the store keeps them all. */
  keepResolved?: number;
  /**
   * How long a condition must go unreported before its alert resolves by itself (default 0: at
   * once). Like Prometheus's `keep_firing_for`, it keeps a condition hovering at its limit from
   * opening and resolving a new alert at every evaluation.
   */
  resolveAfterMs?: number;
}

/**
 * Alerts and predictions with a lifecycle: open → acknowledged → resolved. Findings are
 * deduplicated by key: reporting a condition again updates its alert; a condition the same source
 * no longer reports resolves by itself. A resolved condition that comes back opens a new alert.
 */
export class AlertBook {
  readonly #store: TwinStore;
  readonly #clock: () => number;
  readonly #keepResolved: number;
  readonly #resolveAfterMs: number;
  readonly #alerts = new Map<string, AlertRecord>();
  /** Key → id of the alert that is not resolved. */
  readonly #activeByKey = new Map<string, string>();
  readonly #listeners = new Set<AlertListener>();
  #sequence = 0;

  private constructor(store: TwinStore, options: AlertBookOptions) {
    this.#store = store;
    this.#clock = options.clock ?? Date.now;
    this.#keepResolved = options.keepResolved ?? 5000;
    this.#resolveAfterMs = options.resolveAfterMs ?? 0;
  }

  static async open(store: TwinStore, options: AlertBookOptions = {}): Promise<AlertBook> {
    const book = new AlertBook(store, options);
    for (const alert of await store.listAlerts()) {
      book.#alerts.set(alert.id, alert);
      if (alert.status !== 'resolved') book.#activeByKey.set(alert.key, alert.id);
      book.#sequence = Math.max(book.#sequence, sequenceOf(alert.id));
    }
    book.#trimResolved();
    return book;
  }

  onChange(listener: AlertListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get(id: string): AlertRecord {
    const alert = this.#alerts.get(id);
    if (!alert) throw new NotFoundError(`no alert '${id}'`);
    return structuredClone(alert);
  }

  /** Newest first. */
  list(filter: AlertFilter = {}): AlertRecord[] {
    return this.#matching(filter).map((alert) => structuredClone(alert));
  }

  /**
   * One page of `list(filter)`: `limit` alerts from `offset`, and how many match in all. Only the
   * page is copied, so paging through many alerts costs no more than the pages read.
   */
  page(filter: AlertFilter, offset: number, limit: number): { items: AlertRecord[]; total: number } {
    const matches = this.#matching(filter);
    return {
      items: matches.slice(offset, offset + limit).map((alert) => structuredClone(alert)),
      total: matches.length,
    };
  }

  /** The matching alerts themselves, newest first: first seen, then the later sequence number. */
  #matching(filter: AlertFilter): AlertRecord[] {
    const statuses = filter.status === undefined ? undefined : [filter.status].flat();
    const matches = [...this.#alerts.values()].filter(
      (alert) =>
        (statuses === undefined || statuses.includes(alert.status)) &&
        (filter.kind === undefined || alert.kind === filter.kind) &&
        (filter.source === undefined || alert.source === filter.source) &&
        (filter.entityId === undefined || alert.entities.includes(filter.entityId)) &&
        (filter.severity === undefined || alert.severity === filter.severity),
    );
    return matches.sort((a, b) => b.firstSeenMs - a.firstSeenMs || sequenceOf(b.id) - sequenceOf(a.id));
  }

  /**
   * The findings one source (`risk`, `lint`, …) reports now: new keys open alerts, known ones are
   * updated, and this source's active alerts it no longer reports are resolved.
   */
  async sync(source: string, predictions: readonly Prediction[]): Promise<AlertChange[]> {
    const now = this.#clock();
    const changes: AlertChange[] = [];
    const seen = new Set<string>();
    for (const prediction of predictions) {
      if (prediction.source !== source || seen.has(prediction.key)) continue;
      seen.add(prediction.key);
      const activeId = this.#activeByKey.get(prediction.key);
      const active = activeId === undefined ? undefined : this.#alerts.get(activeId);
      if (!active) changes.push({ action: 'opened', alert: this.#open(prediction, now) });
      else if (this.#refresh(active, prediction, now)) changes.push({ action: 'updated', alert: active });
      else active.lastSeenMs = now;
    }
    for (const id of this.#activeByKey.values()) {
      const alert = this.#alerts.get(id) as AlertRecord;
      if (alert.source !== source || seen.has(alert.key)) continue;
      if (now - alert.lastSeenMs < this.#resolveAfterMs) continue;
      this.#close(alert, 'condition cleared', now);
      changes.push({ action: 'resolved', alert });
    }
    await this.#commit(changes);
    return changes.map((change) => ({ action: change.action, alert: structuredClone(change.alert) }));
  }

  async acknowledge(id: string, actor: string): Promise<AlertRecord> {
    const alert = this.#mutable(id);
    if (alert.status === 'resolved')
      throw new ConflictError(`alert '${id}' is resolved; nothing to acknowledge`);
    if (alert.status === 'acknowledged') return structuredClone(alert);
    alert.status = 'acknowledged';
    alert.acknowledgedBy = actor;
    alert.acknowledgedAtMs = this.#clock();
    await this.#commit([{ action: 'acknowledged', alert }]);
    return structuredClone(alert);
  }

  /** Resolved by a person: if the condition persists, the next evaluation opens a new alert. */
  async resolve(id: string, actor: string): Promise<AlertRecord> {
    const alert = this.#mutable(id);
    if (alert.status === 'resolved') return structuredClone(alert);
    this.#close(alert, actor, this.#clock());
    await this.#commit([{ action: 'resolved', alert }]);
    return structuredClone(alert);
  }

  /** Records how the alert's prediction turned out; the first verdict stands. */
  async score(id: string, outcome: PredictionOutcome): Promise<boolean> {
    const alert = this.#mutable(id);
    if (alert.outcome) return false;
    alert.outcome = { ...outcome };
    await this.#commit([{ action: 'scored', alert }]);
    return true;
  }

  /** Per prediction kind: how many came true, how many did not, and how far off in time. */
  accuracy(): KindAccuracy[] {
    const byKind = new Map<string, AlertRecord[]>();
    for (const alert of this.#alerts.values()) {
      const list = byKind.get(alert.kind) ?? [];
      list.push(alert);
      byKind.set(alert.kind, list);
    }
    return [...byKind.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([kind, alerts]) => summarizeAccuracy(kind, alerts));
  }

  #open(prediction: Prediction, now: number): AlertRecord {
    this.#sequence++;
    const alert: AlertRecord = {
      ...structuredClone(prediction),
      id: `alert-${this.#sequence}`,
      status: 'open',
      firstSeenMs: now,
      lastSeenMs: now,
      occurrences: 1,
    };
    this.#alerts.set(alert.id, alert);
    this.#activeByKey.set(alert.key, alert.id);
    return alert;
  }

  /** True when something a person would want to hear about changed. */
  #refresh(alert: AlertRecord, prediction: Prediction, now: number): boolean {
    const material =
      alert.severity !== prediction.severity ||
      alert.summary !== prediction.summary ||
      (prediction.expectedAtMs !== undefined && movedMuch(alert.expectedAtMs, prediction.expectedAtMs, now));
    const { key: _key, source: _source, ...fresh } = structuredClone(prediction);
    // A claim stays until judged: when the predicted failure arrives, the finding turns into a
    // report of the present (no claim), and the claim it made is what gets scored.
    const keepClaim = prediction.claim === undefined && alert.claim !== undefined;
    if (!keepClaim) {
      delete alert.expectedAtMs;
      delete alert.expectedRange;
      delete alert.claim;
    }
    delete alert.fix;
    Object.assign(alert, fresh);
    alert.lastSeenMs = now;
    alert.occurrences++;
    return material || !jsonEqual(alert.entities, prediction.entities);
  }

  #close(alert: AlertRecord, by: string, now: number): void {
    alert.status = 'resolved';
    alert.resolvedBy = by;
    alert.resolvedAtMs = now;
    this.#activeByKey.delete(alert.key);
  }

  #mutable(id: string): AlertRecord {
    const alert = this.#alerts.get(id);
    if (!alert) throw new NotFoundError(`no alert '${id}'`);
    return alert;
  }

  async #commit(changes: readonly AlertChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.#store.saveAlerts(changes.map((change) => change.alert));
    this.#trimResolved();
    const copies = changes.map((change) => ({ action: change.action, alert: structuredClone(change.alert) }));
    for (const listener of this.#listeners) listener(copies);
  }

  #trimResolved(): void {
    const resolved = [...this.#alerts.values()].filter((alert) => alert.status === 'resolved');
    if (resolved.length <= this.#keepResolved) return;
    resolved.sort((a, b) => (a.resolvedAtMs ?? 0) - (b.resolvedAtMs ?? 0));
    for (const alert of resolved.slice(0, resolved.length - this.#keepResolved))
      this.#alerts.delete(alert.id);
  }
}

function sequenceOf(id: string): number {
  const match = /^alert-(\d+)$/.exec(id);
  return match ? Number(match[1]) : 0;
}

/** An expected time that moved by more than a tenth of the time left is news. */
function movedMuch(before: number | undefined, after: number | undefined, now: number): boolean {
  if (before === undefined || after === undefined) return before !== after;
  const left = Math.max(after - now, 60_000);
  return Math.abs(after - before) > left / 10;
}

function summarizeAccuracy(kind: string, alerts: readonly AlertRecord[]): KindAccuracy {
  const judged = alerts.filter((alert) => alert.outcome !== undefined);
  const hits = judged.filter((alert) => alert.outcome?.verdict === 'hit');
  const misses = judged.filter((alert) => alert.outcome?.verdict === 'miss').length;
  const averted = judged.length - hits.length - misses;
  const timeErrors = hits.map((alert) => Math.abs(alert.outcome?.timeErrorMs ?? 0));
  const leads = hits.flatMap((alert) =>
    alert.outcome?.leadTimeMs === undefined ? [] : [alert.outcome.leadTimeMs],
  );
  const valueErrors = judged.flatMap((alert) =>
    alert.outcome?.valueError === undefined ? [] : [Math.abs(alert.outcome.valueError)],
  );
  return {
    kind,
    alerts: alerts.length,
    scored: judged.length,
    hits: hits.length,
    misses,
    averted,
    ...(hits.length + misses > 0 ? { precision: hits.length / (hits.length + misses) } : {}),
    ...(timeErrors.length > 0 ? { medianAbsTimeErrorMs: median(timeErrors) } : {}),
    ...(leads.length > 0 ? { medianLeadTimeMs: median(leads) } : {}),
    ...(valueErrors.length > 0 ? { medianAbsValueError: median(valueErrors) } : {}),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
