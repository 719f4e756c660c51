import type { AlertBook, AlertRecord } from '../model/index.js';
import type { PredictionLoopStats } from '../predict/index.js';

/**
 * The alerts and predictions as Prometheus metrics (text format 0.0.4), so Grafana can chart them
 * beside the telemetry: one series per open alert (its time to the predicted event, its
 * confidence), counts by status and kind, and the accuracy per kind.
 */
export function prometheusExposition(
  alerts: AlertBook,
  loop: PredictionLoopStats | undefined,
  nowMs: number,
): string {
  const lines: string[] = [];
  const active = alerts.list({ status: ['open', 'acknowledged'] });
  family(lines, 'infratwin_alert_open', 'gauge', 'Alerts open or acknowledged, 1 per alert', active, () => 1);
  family(
    lines,
    'infratwin_prediction_time_to_event_seconds',
    'gauge',
    'Seconds until the predicted failure (0 when it is already happening)',
    active.filter((alert) => alert.expectedAtMs !== undefined),
    (alert) => Math.max(0, ((alert.expectedAtMs as number) - nowMs) / 1000),
  );
  family(
    lines,
    'infratwin_prediction_confidence',
    'gauge',
    'Confidence of the prediction, 0 to 1',
    active,
    (alert) => alert.confidence,
  );

  const counts = new Map<string, number>();
  for (const alert of alerts.list()) {
    const key = `${alert.status}\u0000${alert.kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  lines.push('# HELP infratwin_alerts Alerts held, by status and kind', '# TYPE infratwin_alerts gauge');
  for (const [key, count] of [...counts].sort()) {
    const [status, kind] = key.split('\u0000') as [string, string];
    lines.push(`infratwin_alerts${labels({ status, kind })} ${count}`);
  }

  const accuracy = alerts.accuracy();
  lines.push(
    '# HELP infratwin_prediction_outcomes Judged predictions by kind and verdict',
    '# TYPE infratwin_prediction_outcomes gauge',
  );
  for (const kind of accuracy) {
    for (const [field, verdict] of [
      ['hits', 'hit'],
      ['misses', 'miss'],
      ['averted', 'averted'],
    ] as const) {
      lines.push(`infratwin_prediction_outcomes${labels({ kind: kind.kind, verdict })} ${kind[field]}`);
    }
  }
  lines.push(
    '# HELP infratwin_prediction_precision Hits over hits and misses, by kind',
    '# TYPE infratwin_prediction_precision gauge',
  );
  for (const kind of accuracy) {
    if (kind.precision !== undefined)
      lines.push(`infratwin_prediction_precision${labels({ kind: kind.kind })} ${kind.precision}`);
  }
  if (loop) {
    lines.push(
      '# HELP infratwin_prediction_watched_series Series the risk rules and anomaly detectors watch',
      '# TYPE infratwin_prediction_watched_series gauge',
      `infratwin_prediction_watched_series{by="risk"} ${loop.riskSeries}`,
      `infratwin_prediction_watched_series{by="anomaly"} ${loop.anomalySeries}`,
      '# HELP infratwin_prediction_evaluations_total Evaluations run since start',
      '# TYPE infratwin_prediction_evaluations_total counter',
      `infratwin_prediction_evaluations_total ${loop.evaluations}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function family(
  lines: string[],
  name: string,
  type: string,
  help: string,
  alerts: readonly AlertRecord[],
  value: (alert: AlertRecord) => number,
): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const alert of alerts) {
    lines.push(
      `${name}${labels({ alert: alert.id, kind: alert.kind, entity: alert.entityId, severity: alert.severity, status: alert.status })} ${value(alert)}`,
    );
  }
}

function labels(values: Record<string, string>): string {
  const parts = Object.entries(values).map(
    ([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`,
  );
  return `{${parts.join(',')}}`;
}
