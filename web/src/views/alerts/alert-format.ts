import type { Alert } from '../../contract';
import { formatNumber } from '../../format/format-number';

/** A length of time in its two largest units: "45 s", "12 min", "2 h 30 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const totalHours = Math.round(minutes / 60);
  const days = Math.floor(totalHours / 24);
  return totalHours % 24 === 0 ? `${days} d` : `${days} d ${totalHours % 24} h`;
}

/** A moment relative to now: "in 2 h 30 min", "5 min ago", "now". */
export function formatRelative(atMs: number, nowMs: number): string {
  const delta = atMs - nowMs;
  if (Math.abs(delta) < 2_000) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/**
 * When a prediction expects its event, with the 80 % interval as issue 4 writes it:
 * "in 3 d 4 h (80 %: 2 d 20 h – 3 d 15 h)". Undefined for an alert about the present.
 */
export function formatExpected(alert: Alert, nowMs: number): { when: string; range?: string } | undefined {
  if (alert.expectedAtMs === undefined) return undefined;
  const when = formatRelative(alert.expectedAtMs, nowMs);
  if (alert.expectedRange === undefined) return { when };
  const [from, to] = alert.expectedRange;
  const side = (atMs: number) => (atMs >= nowMs ? formatDuration(atMs - nowMs) : formatRelative(atMs, nowMs));
  return { when, range: `80 %: ${side(from)} – ${side(to)}` };
}

/** 0.93 → "93 %". */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

/** An evidence value as text: numbers to a few digits, lists and objects as compact JSON. */
export function formatEvidenceValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value, 4);
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

/** The claim a prediction is judged by: "disk_used_ratio above 0.95". */
export function formatClaim(claim: NonNullable<Alert['claim']>): string {
  return `${claim.metric} ${claim.direction} ${formatNumber(claim.threshold, 4)}`;
}
