import type {
  AlertBook,
  AlertChange,
  EntityId,
  KindCatalog,
  Prediction,
  Twin,
  TwinEvent,
  TwinView,
} from '../model/index.js';
import { type AnomalyDetector, createAnomalyDetector } from './anomaly/anomaly-detector.js';
import type { RiskEngine } from './risk/risk-engine.js';
import { round } from './risk/risk-prediction.js';

/** A source of findings over a view that is not fed sample by sample (configuration lint). */
export type FindingSource = (view: TwinView, now: number) => Prediction[];

export interface PredictionLoopOptions {
  twin: Twin;
  alerts: AlertBook;
  risks: RiskEngine;
  /** More sources, by name (`lint`); each is synced as its own source of alerts. */
  sources?: Record<string, FindingSource>;
  /** Series with an anomaly detector at most (each holds about 6.4 KB of heap, docs/anomaly-detection.md); later ones are not watched. */
  maxAnomalySeries?: number;
  /** A score at or above this is an anomaly. */
  anomalyThreshold?: number;
  /**
   * Points a series' detector learns from before its scores can raise an alert (NAB's probation:
   * 15 % of a series, at most 750 points). Right after a start every drift sets a new extreme.
   */
  anomalyProbationPoints?: number;
  /** An anomaly stays open this long after its last anomalous point. */
  anomalyQuietMs?: number;
  clock?: () => number;
  /** Reports a failure of one evaluation; the loop goes on. */
  onError?: (error: unknown) => void;
  /** Called after each evaluation with what it changed (to push alerts to Alertmanager). */
  onEvaluated?: (changes: readonly AlertChange[]) => void;
}

interface AnomalyWatch {
  detector: AnomalyDetector;
  points: number;
  startMs: number;
  lastHighMs: number;
  peak: number;
  prediction?: Prediction;
}

export interface PredictionLoopStats {
  riskSeries: number;
  riskBytes: number;
  anomalySeries: number;
  evaluations: number;
  lastEvaluationMs?: number;
  lastEvaluationDurationMs?: number;
}

/**
 * Runs the predict layer over the live twin: feeds every metric value the twin records to the
 * risk windows and the anomaly detectors as it arrives, and on each evaluation turns the findings
 * of the risk rules, the open anomalies and the other sources into alerts, and judges the claims
 * of earlier predictions against what happened since.
 */
export class PredictionLoop {
  readonly #options: PredictionLoopOptions;
  readonly #clock: () => number;
  readonly #catalog: KindCatalog;
  /** Detectors by entity, then metric: no key string is built per sample on the ingest path. */
  readonly #anomalies = new Map<EntityId, Map<string, AnomalyWatch>>();
  #anomalySeries = 0;
  readonly #maxAnomalySeries: number;
  readonly #threshold: number;
  readonly #quietMs: number;
  readonly #probationPoints: number;
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<AlertChange[]> | undefined;
  #evaluations = 0;
  #last: { atMs: number; durationMs: number } | undefined;

  constructor(options: PredictionLoopOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#catalog = options.twin.catalog;
    this.#maxAnomalySeries = options.maxAnomalySeries ?? 10_000;
    this.#threshold = options.anomalyThreshold ?? 0.5;
    this.#quietMs = options.anomalyQuietMs ?? 15 * 60_000;
    this.#probationPoints = options.anomalyProbationPoints ?? 750;
  }

  /** Listens to the twin and evaluates every `everyMs`. */
  start(everyMs: number): void {
    this.#unsubscribe ??= this.#options.twin.subscribe((event) => this.#onEvent(event));
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      void this.evaluate().catch((error) => this.#options.onError?.(error));
    }, everyMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** Feeds one value (the twin's events do this once started). */
  observe(entityId: EntityId, kind: string, metric: string, ts: number, value: number): void {
    this.#options.risks.observe(entityId, metric, ts, value);
    this.#observeAnomaly(entityId, kind, metric, ts, value);
  }

  /** One evaluation; concurrent calls share the one running. */
  evaluate(): Promise<AlertChange[]> {
    this.#running ??= this.#evaluate().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  stats(): PredictionLoopStats {
    const risk = this.#options.risks.stats();
    return {
      riskSeries: risk.series,
      riskBytes: risk.bytes,
      anomalySeries: this.#anomalySeries,
      evaluations: this.#evaluations,
      ...(this.#last
        ? { lastEvaluationMs: this.#last.atMs, lastEvaluationDurationMs: this.#last.durationMs }
        : {}),
    };
  }

  async #evaluate(): Promise<AlertChange[]> {
    const started = performance.now();
    const now = this.#clock();
    const { alerts, risks, twin } = this.#options;
    const view = twin.live;
    const changes: AlertChange[] = [];
    changes.push(...(await alerts.sync('risk', risks.evaluate(view, now))));
    changes.push(...(await alerts.sync('anomaly', this.#openAnomalies(view, now))));
    for (const [name, source] of Object.entries(this.#options.sources ?? {})) {
      let findings: Prediction[];
      try {
        findings = source(view, now).map((finding) => ({ ...finding, source: name }));
      } catch (error) {
        this.#options.onError?.(error);
        continue;
      }
      changes.push(...(await alerts.sync(name, findings)));
    }
    for (const verdict of risks.judge(
      alerts.list().filter((alert) => !alert.outcome && alert.claim),
      now,
    )) {
      await alerts.score(verdict.alertId, verdict.outcome);
    }
    this.#evaluations++;
    this.#last = { atMs: now, durationMs: performance.now() - started };
    this.#options.onEvaluated?.(changes);
    return changes;
  }

  #onEvent(event: TwinEvent): void {
    if (event.type === 'change') {
      for (const id of event.entityIds) if (!this.#options.twin.live.entity(id)) this.#forget(id);
      return;
    }
    if (event.type !== 'state') return;
    for (const metric in event.metrics) {
      const value = event.metrics[metric];
      if (value) this.observe(event.entityId, event.kind, metric, value.ts, value.value);
    }
  }

  #forget(entityId: EntityId): void {
    this.#options.risks.forget(entityId);
    this.#anomalySeries -= this.#anomalies.get(entityId)?.size ?? 0;
    this.#anomalies.delete(entityId);
  }

  /** Only metrics the catalog names for the entity's kind: those are the ones people read. */
  #observeAnomaly(entityId: EntityId, kind: string, metric: string, ts: number, value: number): void {
    if (!this.#catalog.get(kind)?.metrics?.[metric]) return;
    let byMetric = this.#anomalies.get(entityId);
    let watch = byMetric?.get(metric);
    if (!watch) {
      if (this.#anomalySeries >= this.#maxAnomalySeries) return;
      if (!byMetric) {
        byMetric = new Map();
        this.#anomalies.set(entityId, byMetric);
      }
      watch = {
        detector: createAnomalyDetector(),
        points: 0,
        startMs: 0,
        lastHighMs: Number.NEGATIVE_INFINITY,
        peak: 0,
      };
      byMetric.set(metric, watch);
      this.#anomalySeries++;
    }
    const score = watch.detector.update(ts, value);
    watch.points++;
    if (score < this.#threshold || watch.points <= this.#probationPoints) return;
    if (ts - watch.lastHighMs > this.#quietMs) {
      watch.startMs = ts;
      watch.peak = 0;
    }
    watch.lastHighMs = ts;
    if (score < watch.peak) return;
    watch.peak = score;
    watch.prediction = anomalyPrediction(entityId, metric, watch, score);
  }

  #openAnomalies(view: TwinView, now: number): Prediction[] {
    const open: Prediction[] = [];
    for (const byMetric of this.#anomalies.values()) {
      for (const watch of byMetric.values()) {
        if (!watch.prediction || now - watch.lastHighMs > this.#quietMs) continue;
        if (view.entity(watch.prediction.entityId)) open.push(watch.prediction);
      }
    }
    return open;
  }
}

function anomalyPrediction(
  entityId: EntityId,
  metric: string,
  watch: AnomalyWatch,
  score: number,
): Prediction {
  const evidence = watch.detector.evidence();
  return {
    key: `anomaly:${entityId}:${metric}`,
    kind: 'anomaly',
    source: 'anomaly',
    entityId,
    entities: [entityId],
    severity: score >= 0.9 ? 'warning' : 'info',
    summary: `${metric} of ${entityId} unusual: ${round(evidence.value)} where about ${round(evidence.expected)} ± ${round(3 * evidence.typicalError)} was expected (${evidence.reason})`,
    confidence: score,
    evidence: {
      metric,
      reason: evidence.reason,
      value: round(evidence.value),
      expected: round(evidence.expected),
      typicalError: round(evidence.typicalError),
      likelihoodZ: round(evidence.likelihoodZ),
      startMs: watch.startMs,
      lastMs: watch.lastHighMs,
      peakScore: round(watch.peak),
    },
  };
}
