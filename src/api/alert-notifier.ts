import { createHash } from 'node:crypto';
import type { AlertChange, AlertRecord } from '../model/index.js';

export interface AlertNotifierOptions {
  /** Receivers of Alertmanager's webhook payload (version 4). */
  webhooks: ReadonlyArray<{ url: string; token?: string }>;
  /** Alertmanager base URLs; alerts go to `<url>/api/v2/alerts`. */
  alertmanagers: readonly string[];
  /** Where people can read an alert: `<externalUrl>/api/alerts/<id>`. */
  externalUrl: string;
  /** Reports a delivery that failed after its retries. */
  onError?: (error: Error) => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** An alert as Alertmanager has it: labels identify it, annotations describe it. */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL: string;
}

const zeroTime = '0001-01-01T00:00:00Z';
const retryDelaysMs = [1_000, 5_000];

/**
 * Sends alerts where people already receive them: to webhook receivers in the payload Alertmanager
 * itself sends (so tools that take Alertmanager's webhooks take infratwin's), and to Alertmanager's
 * API v2 (re-sent on every evaluation while active, as Prometheus does, or Alertmanager resolves
 * them after its resolve_timeout).
 */
export class AlertNotifier {
  readonly #options: AlertNotifierOptions;
  readonly #fetch: typeof fetch;
  #delivering = Promise.resolve();

  constructor(options: AlertNotifierOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  get enabled(): boolean {
    return this.#options.webhooks.length > 0 || this.#options.alertmanagers.length > 0;
  }

  /** Changes that people should hear about go to the webhooks; delivery is serial, in order. */
  notify(changes: readonly AlertChange[]): Promise<void> {
    const news = changes.filter(
      (change) => change.action === 'opened' || change.action === 'updated' || change.action === 'resolved',
    );
    if (news.length === 0 || this.#options.webhooks.length === 0) return this.#delivering;
    const payload = this.webhookPayload(news.map((change) => change.alert));
    this.#delivering = this.#delivering.then(() => this.#toWebhooks(payload));
    return this.#delivering;
  }

  /** Pushes the active alerts (and the ones just resolved) to every Alertmanager. */
  refresh(active: readonly AlertRecord[], justResolved: readonly AlertRecord[]): Promise<void> {
    if (this.#options.alertmanagers.length === 0) return Promise.resolve();
    const body = JSON.stringify([...active, ...justResolved].map((alert) => this.toAlertmanager(alert)));
    return Promise.all(
      this.#options.alertmanagers.map((base) =>
        this.#post(`${base.replace(/\/$/, '')}/api/v2/alerts`, body, undefined).catch((error: Error) =>
          this.#options.onError?.(error),
        ),
      ),
    ).then(() => undefined);
  }

  /** Alertmanager's webhook payload, version 4, one group per kind of the first alert. */
  webhookPayload(alerts: readonly AlertRecord[]): Record<string, unknown> {
    const converted = alerts.map((alert) => ({
      status: alert.status === 'resolved' ? 'resolved' : 'firing',
      ...this.toAlertmanager(alert),
      endsAt: alert.resolvedAtMs === undefined ? zeroTime : new Date(alert.resolvedAtMs).toISOString(),
      fingerprint: fingerprint(labelsOf(alert)),
    }));
    const common = commonLabels(converted.map((alert) => alert.labels));
    const firing = converted.some((alert) => alert.status === 'firing');
    return {
      version: '4',
      groupKey: `{}:{${Object.entries(common)
        .map(([key, value]) => `${key}="${value}"`)
        .join(', ')}}`,
      truncatedAlerts: 0,
      status: firing ? 'firing' : 'resolved',
      receiver: 'infratwin',
      groupLabels: common,
      commonLabels: common,
      commonAnnotations: {},
      externalURL: this.#options.externalUrl,
      alerts: converted,
    };
  }

  toAlertmanager(alert: AlertRecord): AlertmanagerAlert {
    const annotations: Record<string, string> = { summary: alert.summary };
    if (alert.fix) annotations.fix = alert.fix;
    if (alert.expectedAtMs !== undefined)
      annotations.expected_at = new Date(alert.expectedAtMs).toISOString();
    annotations.confidence = alert.confidence.toFixed(2);
    return {
      labels: labelsOf(alert),
      annotations,
      startsAt: new Date(alert.firstSeenMs).toISOString(),
      ...(alert.resolvedAtMs !== undefined ? { endsAt: new Date(alert.resolvedAtMs).toISOString() } : {}),
      generatorURL: `${this.#options.externalUrl}/api/alerts/${encodeURIComponent(alert.id)}`,
    };
  }

  async #toWebhooks(payload: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify(payload);
    await Promise.all(
      this.#options.webhooks.map(async (hook) => {
        try {
          await this.#post(hook.url, body, hook.token);
        } catch (error) {
          this.#options.onError?.(error as Error);
        }
      }),
    );
  }

  async #post(url: string, body: string, token: string | undefined): Promise<void> {
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt - 1]));
      try {
        const response = await this.#fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body,
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        lastError = new Error(`alert delivery to ${redact(url)} answered ${response.status}`);
        // A 4xx will not get better by trying again.
        if (response.status < 500 && response.status !== 429) break;
      } catch (error) {
        lastError = new Error(`alert delivery to ${redact(url)} failed: ${(error as Error).message}`);
      }
    }
    throw lastError ?? new Error(`alert delivery to ${redact(url)} failed`);
  }
}

function labelsOf(alert: AlertRecord): Record<string, string> {
  return {
    alertname: alert.kind,
    entity: alert.entityId,
    severity: alert.severity,
    source: alert.source,
    infratwin_alert: alert.id,
  };
}

function commonLabels(all: ReadonlyArray<Record<string, string>>): Record<string, string> {
  const [first, ...rest] = all;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first).filter(([key, value]) => rest.every((labels) => labels[key] === value)),
  );
}

function fingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((key) => `${key}\u0000${labels[key]}`)
    .join('\u0001');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** URLs may carry credentials (user:password@, ?token=): never in logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
