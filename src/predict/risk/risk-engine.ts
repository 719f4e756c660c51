import type {
  AlertRecord,
  EntityId,
  KindCatalog,
  Prediction,
  PredictionOutcome,
  TwinView,
} from '../../model/index.js';
import { defaultRiskRules } from './default-risk-rules.js';
import { MetricWindow } from './metric-window.js';
import type { RiskContext, RiskRule } from './risk-rule.js';
import { defaultRiskSettings, type RiskSettings } from './risk-settings.js';

export interface RiskEngineOptions {
  catalog: KindCatalog;
  rules?: readonly RiskRule[];
  settings?: Partial<RiskSettings>;
}

export interface ClaimVerdict {
  alertId: string;
  outcome: PredictionOutcome;
}

interface WatchedClaim {
  alertId: string;
  threshold: number;
  sign: number;
  sinceMs: number;
  expectedAtMs: number;
}

/** After the 80 % interval's end, how long a claim still has to come true before it is a miss. */
const claimGraceMs = 5 * 60_000;

/**
 * Failure risks over the live twin: keeps a constant-memory window of every series the rules
 * read (fed sample by sample), evaluates the rules on demand, and checks each prediction's claim
 * against the samples that follow it, so the twin can say how far its predictions are to be trusted.
 */
export class RiskEngine {
  readonly settings: RiskSettings;
  readonly #catalog: KindCatalog;
  readonly #rules: readonly RiskRule[];
  readonly #watched: ReadonlySet<string>;
  /** metric → entity → window. */
  readonly #windows = new Map<string, Map<EntityId, MetricWindow>>();
  /** `entity metric` → claims waiting for that series to cross. */
  readonly #claims = new Map<string, WatchedClaim[]>();
  /** alert id → time its claim came true. */
  readonly #crossedAt = new Map<string, number>();
  /** alert id → the value of its metric at the time the claim expected the crossing. */
  readonly #valueAtExpected = new Map<string, number>();

  constructor(options: RiskEngineOptions) {
    this.#catalog = options.catalog;
    this.#rules = options.rules ?? defaultRiskRules();
    this.settings = { ...defaultRiskSettings, ...options.settings };
    this.#watched = new Set(this.#rules.flatMap((rule) => rule.metrics));
  }

  /** The metrics whose samples `observe` keeps; others are ignored at the cost of one set lookup. */
  get watchedMetrics(): ReadonlySet<string> {
    return this.#watched;
  }

  observe(entityId: EntityId, metric: string, ts: number, value: number): void {
    if (this.#watched.has(metric)) {
      let byEntity = this.#windows.get(metric);
      if (!byEntity) {
        byEntity = new Map();
        this.#windows.set(metric, byEntity);
      }
      let window = byEntity.get(entityId);
      if (!window) {
        window = new MetricWindow();
        byEntity.set(entityId, window);
      }
      window.push(ts, value);
    }
    if (this.#claims.size > 0) this.#checkClaims(entityId, metric, ts, value);
  }

  /** Drops what is kept for an entity that left the twin. */
  forget(entityId: EntityId): void {
    for (const byEntity of this.#windows.values()) byEntity.delete(entityId);
  }

  evaluate(view: TwinView, now: number): Prediction[] {
    const context = this.#context(view, now);
    const predictions: Prediction[] = [];
    for (const rule of this.#rules) {
      try {
        predictions.push(...rule.evaluate(context));
      } catch (error) {
        // One broken rule must not silence the others: report it as a finding of its own.
        predictions.push(ruleFailure(rule.kind, error));
      }
    }
    return predictions;
  }

  /**
   * Checks the claims of these alerts against what has been observed: returns the verdicts that
   * are due (a crossing seen: hit; the interval passed without one: miss, or averted when a person
   * acted on the alert first). Alerts not yet due are watched from now on.
   */
  judge(alerts: readonly AlertRecord[], now: number): ClaimVerdict[] {
    const verdicts: ClaimVerdict[] = [];
    this.#claims.clear();
    for (const alert of alerts) {
      if (!alert.claim || alert.outcome || alert.expectedAtMs === undefined) continue;
      const crossed = this.#crossedAt.get(alert.id);
      const valueAt = this.#valueAtExpected.get(alert.id);
      const deadline = (alert.expectedRange?.[1] ?? alert.expectedAtMs) + claimGraceMs;
      const valueError = valueAt === undefined ? {} : { valueError: valueAt - alert.claim.threshold };
      // A hit is judged once the expected time has passed too, so its value error is known.
      if (crossed !== undefined && (valueAt !== undefined || now > deadline)) {
        this.#forgetClaim(alert.id);
        verdicts.push({
          alertId: alert.id,
          outcome: {
            verdict: 'hit',
            scoredAtMs: now,
            timeErrorMs: crossed - alert.expectedAtMs,
            leadTimeMs: crossed - alert.firstSeenMs,
            ...valueError,
          },
        });
        continue;
      }
      if (crossed === undefined && now > deadline) {
        this.#forgetClaim(alert.id);
        const actedOn =
          alert.acknowledgedAtMs !== undefined ||
          (alert.resolvedBy !== undefined && alert.resolvedBy !== 'condition cleared');
        verdicts.push({
          alertId: alert.id,
          outcome: { verdict: actedOn ? 'averted' : 'miss', scoredAtMs: now, ...valueError },
        });
        continue;
      }
      const key = `${alert.entityId} ${alert.claim.metric}`;
      const list = this.#claims.get(key) ?? [];
      list.push({
        alertId: alert.id,
        threshold: alert.claim.threshold,
        sign: alert.claim.direction === 'above' ? 1 : -1,
        sinceMs: alert.firstSeenMs,
        expectedAtMs: alert.expectedAtMs,
      });
      this.#claims.set(key, list);
    }
    return verdicts;
  }

  /** Series watched and the bytes their windows hold. */
  stats(): { series: number; bytes: number } {
    let series = 0;
    for (const byEntity of this.#windows.values()) series += byEntity.size;
    return { series, bytes: series * MetricWindow.bytesPerWindow() };
  }

  #checkClaims(entityId: EntityId, metric: string, ts: number, value: number): void {
    const claims = this.#claims.get(`${entityId} ${metric}`);
    if (!claims) return;
    for (const claim of claims) {
      if (ts < claim.sinceMs) continue;
      if (ts >= claim.expectedAtMs && !this.#valueAtExpected.has(claim.alertId))
        this.#valueAtExpected.set(claim.alertId, value);
      if (!this.#crossedAt.has(claim.alertId) && claim.sign * (value - claim.threshold) >= 0)
        this.#crossedAt.set(claim.alertId, ts);
    }
  }

  #forgetClaim(alertId: string): void {
    this.#crossedAt.delete(alertId);
    this.#valueAtExpected.delete(alertId);
  }

  #context(view: TwinView, now: number): RiskContext {
    const settings = this.settings;
    const windows = this.#windows;
    return {
      view,
      now,
      settings,
      catalog: this.#catalog,
      window: (entityId, metric) => windows.get(metric)?.get(entityId),
      *windows(metric) {
        for (const entry of windows.get(metric) ?? []) {
          if (now - entry[1].lastTs <= settings.staleAfterMs && view.entity(entry[0])) yield entry;
        }
      },
    };
  }
}

function ruleFailure(kind: string, error: unknown): Prediction {
  return {
    key: `rule-failure:${kind}`,
    kind: 'rule-failure',
    source: 'risk',
    entityId: `rule:${kind}`,
    entities: [],
    severity: 'warning',
    summary: `risk rule ${kind} failed: ${error instanceof Error ? error.message : String(error)}`,
    confidence: 1,
    evidence: { rule: kind },
  };
}
